// The date-offer page checks the offer with the API's own rule (#core/visit-dates), so a mistake
// is shown in the API's words before anything is sent, on the field it is about.
import { describe, expect, it } from 'vitest';
import { checkOfferedDates } from '#core/visit-dates';
import { checkDateOffer, emptyDateOffer, fieldOfApiIssue } from '../../../web/src/date-offer-form.ts';
import type { DateOfferDraft } from '../../../web/src/date-offer-form.ts';

// 2025-06-02 is a Monday; 2025-06-07 a Saturday.
const TODAY = '2025-05-20';
const WINDOW = { opensOn: '2025-06-09', closesOn: '2025-07-07' };

const draftOf = (...dates: string[]): DateOfferDraft => ({
  ...emptyDateOffer(),
  dates: dates.map((date) => {
    const [year = '', month = '', day = ''] = date.split('-');
    return { day, month, year };
  }),
});

describe('Function: checkDateOffer', () => {
  it('sends three working days on two weekdays inside the window', () => {
    // Act
    const checked = checkDateOffer(draftOf('2025-06-02', '2025-06-03', '2025-06-09'), TODAY, WINDOW);
    // Assess
    expect(checked).toEqual({ dates: ['2025-06-02', '2025-06-03', '2025-06-09'], errors: {} });
  });

  it.each([
    { case: 'a Saturday', dates: ['2025-06-02', '2025-06-03', '2025-06-07'], field: 'date-3' },
    { case: 'one weekday only', dates: ['2025-06-02', '2025-06-09', '2025-06-16'], field: 'date-1' },
    { case: 'a date after the window ends', dates: ['2025-06-02', '2025-06-03', '2025-07-08'], field: 'date-3' },
  ])('shows $case in the words of the API, on its field', ({ dates, field }) => {
    // Prepare
    const api = checkOfferedDates(dates, TODAY, undefined, WINDOW);
    // Act
    const checked = checkDateOffer(draftOf(...dates), TODAY, WINDOW);
    // Assess
    expect(api.ok).toBe(false);
    expect(checked.errors).toEqual({ [field]: api.ok ? '' : api.issues.map((issue) => issue.message).join('; ') });
  });

  it('reads the boxes first: an empty date and an impossible one, in the NHS.UK date-input words', () => {
    // Act
    const checked = checkDateOffer(draftOf('2025-06-02', '2025-02-30', '--'), TODAY, WINDOW);
    // Assess
    expect(checked.errors).toEqual({ 'date-2': 'Date 2 must be a real date', 'date-3': 'Enter date 3' });
  });
});

describe('Function: fieldOfApiIssue', () => {
  it.each([
    { field: 'dates.2', id: 'date-3' },
    { field: 'dates', id: 'date-1' },
    { field: 'hostAddress', id: 'hostAddress' },
    { field: 'offeredBy', id: 'form' },
  ])('puts the API\'s $field on $id', ({ field, id }) => {
    // Assess
    expect(fieldOfApiIssue(field)).toBe(id);
  });
});
