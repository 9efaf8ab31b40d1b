// The host service offers its visit dates (/cycles/{id}/tasks/peer-review-scheduling, where the
// step's email links): three NHS.UK date inputs, the address, the visit window and the network's
// rules, checked in the page with the API's own rule (date-offer-form.ts) and again by the API;
// a draft kept in this browser as they type; a check-your-answers page before the one submission.
import type { VisitWindow } from '#core/visit-dates';
import { ApiError } from '../api/client.ts';
import { cyclePath, loadDateOffer } from '../api/date-offer.ts';
import { useApp } from '../app-context.ts';
import { ErrorSummary } from '../components/error-summary.ts';
import { useOneTimeForm } from '../components/use-one-time-form.ts';
import type { Errors } from '../components/use-one-time-form.ts';
import { DateInput, Field } from '../components/fields.ts';
import type { DateValue } from '../components/fields.ts';
import { LoadFailed } from '../components/load-failed.ts';
import { Page } from '../components/page.ts';
import { useLoad } from '../components/use-load.ts';
import { checkDateOffer, dateFieldId, emptyDateOffer, fieldOfApiIssue } from '../date-offer-form.ts';
import type { DateOfferDraft } from '../date-offer-form.ts';
import { formatUkDate, formatUkDateTime } from '../format.ts';
import { html } from '../html.ts';


const weekday = new Intl.DateTimeFormat('en-GB', { weekday: 'long', timeZone: 'UTC' });
/** "Tuesday 12 January 2027": the weekday matters to the rule, so the check page says it. */
const withWeekday = (date: string): string => `${weekday.format(new Date(`${date}T00:00:00Z`))} ${formatUkDate(date)}`;

const errorsFromApi = (error: unknown): Errors => {
  if (!(error instanceof ApiError) || error.issues.length === 0) return { form: error instanceof Error ? error.message : String(error) };
  const errors: Errors = {};
  for (const issue of error.issues) {
    const field = fieldOfApiIssue(issue.field);
    errors[field] = errors[field] ? `${errors[field]}; ${issue.message}` : issue.message;
  }
  return errors;
};

const Rules = ({ window }: { window?: VisitWindow }) => html`<h2 class="nhsuk-heading-m">The network's rules</h2>
  <ul class="nhsuk-list nhsuk-list--bullet">
    <li>offer 3 dates, each a working day still to come (not a weekend or a bank holiday in England and Wales)</li>
    <li>the dates must fall on at least 2 different weekdays, so that reviewers who work set days can come</li>
    ${window && html`<li>no date after ${formatUkDate(window.closesOn)}, when the visit window ends (an earlier date is fine if your service is ready)</li>`}
  </ul>`;

interface FormProps {
  cycleId: string;
  offeredBy: string;
  userKey: string;
  today: string;
  window?: VisitWindow;
}

const DateOfferForm = ({ cycleId, offeredBy, userKey, today, window }: FormProps) => {
  const { api } = useApp();
  const { draft, update, saved, errors, summary, view, toCheck: checked, change, backToForm, submit: send, busy } = useOneTimeForm<DateOfferDraft>('date-offer', cycleId, userKey, emptyDateOffer());
  const toCheck = (event: Event) => {
    event.preventDefault();
    checked(checkDateOffer(draft, today, window).errors);
  };
  // The check page shows, and the submission sends, the dates as the page read them from the boxes.
  const dates = checkDateOffer(draft, today, window).dates;
  const submit = () => {
    const hostAddress = draft.hostAddress.trim();
    return send(() => api.post(`${cyclePath(cycleId)}/tasks/peer-review-scheduling`, { offeredBy, dates, ...(hostAddress ? { hostAddress } : {}) }), errorsFromApi);
  };

  if (view === 'done') {
    return html`<div class="nhsuk-panel" role="status">
        <h2 class="nhsuk-panel__title">Dates offered</h2>
        <div class="nhsuk-panel__body">The network picks one of them when it forms the review team. You are emailed the date and the team.</div>
      </div>
      <p class="nhsuk-body">The draft kept on this computer has been deleted. <a class="nhsuk-link" href=${cyclePath(cycleId)}>Go to the cycle</a></p>`;
  }
  if (view === 'check') {
    return html`<h2 class="nhsuk-heading-l">Check the dates before offering them</h2>
      <dl class="nhsuk-summary-list">
        ${dates.map(
          (date, index) => html`<div class="nhsuk-summary-list__row">
            <dt class="nhsuk-summary-list__key">Date ${index + 1}</dt>
            <dd class="nhsuk-summary-list__value">${withWeekday(date)}</dd>
            <dd class="nhsuk-summary-list__actions">
              <button type="button" class="app-link-button" onClick=${() => change(dateFieldId(index))}>Change<span class="nhsuk-u-visually-hidden"> date ${index + 1}</span></button>
            </dd>
          </div>`,
        )}
        <div class="nhsuk-summary-list__row">
          <dt class="nhsuk-summary-list__key">Address for the visit</dt>
          <dd class="nhsuk-summary-list__value app-pre-line">${draft.hostAddress.trim() || 'Not given: the network uses the address it holds'}</dd>
          <dd class="nhsuk-summary-list__actions">
            <button type="button" class="app-link-button" onClick=${() => change('hostAddress')}>Change<span class="nhsuk-u-visually-hidden"> the address</span></button>
          </dd>
        </div>
      </dl>
      <div class="nhsuk-warning-callout">
        <h3 class="nhsuk-warning-callout__label"><span role="text"><span class="nhsuk-u-visually-hidden">Important: </span>You can offer dates once</span></h3>
        <p>The dates are recorded as offered by ${offeredBy} and go to the network to form the review team. To change them afterwards, contact the network team.</p>
      </div>
      <button class="nhsuk-button" type="button" disabled=${busy} onClick=${submit}>${busy ? 'Sending…' : 'Offer these dates'}</button>
      <p class="nhsuk-body"><button type="button" class="app-link-button" onClick=${backToForm}>Go back and change the dates</button></p>`;
  }
  return html`<${ErrorSummary} errors=${summary} />
    <${Rules} window=${window} />
    <div class="nhsuk-inset-text"><span class="nhsuk-u-visually-hidden">Information: </span>
      <p>Your answers are saved as you type <strong>on this computer only</strong> (in this browser), so you can close it and come back. Nothing is sent until you offer the dates.</p>
      <p class="nhsuk-u-margin-bottom-0" role="status">${
        saved === false ? 'This browser is not saving drafts (private browsing or storage full): finish before you close it.' : draft.savedAt ? `Draft saved on this computer at ${formatUkDateTime(draft.savedAt)}.` : ''
      }</p>
    </div>
    <form onSubmit=${toCheck} novalidate>
      <h2 class="nhsuk-heading-m">Your dates</h2>
      ${draft.dates.map(
        (value, index) => html`<${DateInput}
          id=${dateFieldId(index)}
          legend=${`Date ${index + 1}`}
          hint=${index === 0 && window ? `For example, ${window.opensOn.slice(8, 10).replace(/^0/, '')} ${window.opensOn.slice(5, 7).replace(/^0/, '')} ${window.opensOn.slice(0, 4)}` : undefined}
          error=${errors[dateFieldId(index)]}
          value=${value}
          onInput=${(next: DateValue) => update({ dates: draft.dates.map((old, at) => (at === index ? next : old)) })}
        />`,
      )}
      <h2 class="nhsuk-heading-m">Where the visit happens</h2>
      <${Field} id="hostAddress" label="Address for the visit (optional)" hint="Where the review team should arrive, if not the address the network holds for your service." error=${errors.hostAddress}>
        ${(describedBy: string | undefined) => html`<textarea class=${`nhsuk-textarea${errors.hostAddress ? ' nhsuk-textarea--error' : ''}`} id="hostAddress" name="hostAddress" rows="3"
          aria-describedby=${describedBy} onInput=${(event: Event) => update({ hostAddress: (event.currentTarget as HTMLTextAreaElement).value })}>${draft.hostAddress}</textarea>`}
      <//>
      <button class="nhsuk-button" type="submit">Continue to check the dates</button>
    </form>`;
};

const DateOffersPage = ({ cycleId }: { cycleId: string }) => {
  const { api, session } = useApp();
  const loaded = useLoad(() => loadDateOffer(api, cycleId), [cycleId]);
  const title = 'Offer dates for your peer-review visit';
  const back = { href: cyclePath(cycleId), text: 'Back to the cycle' };
  if (loaded.state === 'loading') return html`<${Page} title=${title} back=${back}><p class="nhsuk-body" role="status">Loading…</p><//>`;
  if (loaded.state === 'failed') return html`<${Page} title=${title} back=${back}><${LoadFailed} error=${loaded.error} /><//>`;
  const { task, today, window, serviceName } = loaded.data;
  const caption = serviceName ?? `Cycle ${cycleId}`;
  if (!task || (task.status !== 'open' && task.status !== 'overdue')) {
    const offered = Array.isArray(task?.submission?.dates) ? (task.submission.dates as string[]) : [];
    return html`<${Page} title=${title} caption=${caption} back=${back}>
      <div class="nhsuk-inset-text"><span class="nhsuk-u-visually-hidden">Information: </span>
        <p>${!task ? 'Dates are offered once the self-review is submitted. The service lead is emailed when it opens.' : task.status === 'submitted' ? `The dates were offered${task.submittedBy ? ` by ${task.submittedBy}` : ''}.` : `The date offer is closed (${task.status}).`}</p>
        ${offered.length > 0 && html`<ul class="nhsuk-list nhsuk-list--bullet">${offered.map((date) => html`<li>${withWeekday(date)}</li>`)}</ul>`}
      </div>
    <//>`;
  }
  return html`<${Page} title=${title} caption=${caption} back=${back}>
    ${window &&
    html`<p class="nhsuk-body-l">The visit window is <strong>${formatUkDate(window.opensOn)}</strong> to <strong>${formatUkDate(window.closesOn)}</strong>.</p>`}
    <p class="nhsuk-body">Offer three dates when your service can host the review team for a day.${task.dueAt ? html` Offer them by <strong>${formatUkDate(task.dueAt)}</strong>.` : ''}</p>
    <${DateOfferForm} cycleId=${cycleId} offeredBy=${session.user.name} userKey=${session.user.name} today=${today} window=${window} />
  <//>`;
};

export { DateOffersPage };
