// The host's date offer as the page checks it before anything is sent: each of the three date
// inputs read as a date (NHS.UK date-input words), then the offer checked with the API's own rule
// (#core/visit-dates: working days still to come, at least two different weekdays, none after the
// visit window ends), so its messages are the API's words. Errors are keyed by field id, for the
// error summary's links.
import { englandAndWales } from '#core/calendar';
import { checkOfferedDates } from '#core/visit-dates';
import type { VisitWindow } from '#core/visit-dates';
import { isoDateOf } from './date-value.ts';
import type { DateValue } from './date-value.ts';

const DATE_COUNT = 3;
const HOST_ADDRESS_MAX = 500;

interface DateOfferDraft {
  dates: DateValue[];
  hostAddress: string;
  savedAt?: string;
}

const emptyDate = (): DateValue => ({ day: '', month: '', year: '' });
const emptyDateOffer = (): DateOfferDraft => ({ dates: Array.from({ length: DATE_COUNT }, emptyDate), hostAddress: '' });

/** The id of the nth date input (0-based), as the error summary links to it. */
const dateFieldId = (index: number): string => `date-${index + 1}`;

/** The API's field (`dates.2`, `dates`, `hostAddress`) as the page's field id. */
const fieldOfApiIssue = (field: string): string => {
  const [list, index] = field.split('.');
  if (list === 'dates') return dateFieldId(index === undefined ? 0 : Number(index));
  return list === 'hostAddress' ? 'hostAddress' : 'form';
};

type Errors = Record<string, string>;

const addError = (errors: Errors, id: string, text: string): void => {
  errors[id] = errors[id] ? `${errors[id]}; ${text}` : text;
};

/** The dates to send, or the errors to show: the page's reading of the boxes, then the API's rule. */
const checkDateOffer = (draft: DateOfferDraft, today: string, window?: VisitWindow): { dates: string[]; errors: Errors } => {
  const errors: Errors = {};
  const dates: string[] = [];
  draft.dates.forEach((value, index) => {
    const label = `Date ${index + 1}`;
    const read = isoDateOf(value, label);
    if (read.error) addError(errors, dateFieldId(index), read.error);
    else if (!read.date) addError(errors, dateFieldId(index), `Enter ${label.toLowerCase()}`);
    else dates.push(read.date);
  });
  if (draft.hostAddress.trim().length > HOST_ADDRESS_MAX) addError(errors, 'hostAddress', `The address must be ${HOST_ADDRESS_MAX} characters or fewer`);
  if (Object.keys(errors).length > 0) return { dates, errors };
  const check = checkOfferedDates(dates, today, englandAndWales, window);
  if (!check.ok) for (const issue of check.issues) addError(errors, fieldOfApiIssue(issue.index === undefined ? 'dates' : `dates.${issue.index}`), issue.message);
  return { dates, errors };
};

export { checkDateOffer, DATE_COUNT, dateFieldId, emptyDateOffer, fieldOfApiIssue };
export type { DateOfferDraft };
