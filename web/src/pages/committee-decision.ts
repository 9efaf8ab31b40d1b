// The committee's decision form, under the pack: the outcome (radios, the rule's recommendation
// said beside them), the reason, who records it; a check-your-answers page; one submission
// (POST /cycles/{id}/tasks/committee-decision). The draft is kept in this browser as they type.
import { useEffect } from 'preact/hooks';
import { ApiError } from '../api/client.ts';
import { cyclePath } from '../api/committee.ts';
import type { CommitteePack } from '../api/committee.ts';
import { useApp } from '../app-context.ts';
import { ErrorSummary } from '../components/error-summary.ts';
import { CheckAnswers, DonePanel, DraftNotice, ErrorMessage } from '../components/one-time-form.ts';
import { useOneTimeForm } from '../components/use-one-time-form.ts';
import type { Errors } from '../components/use-one-time-form.ts';
import { html } from '../html.ts';

const OUTCOMES = [
  { value: 'accredited', text: 'Accredited', hint: 'Accreditation for 3 years, with an interim review at 18 months.' },
  { value: 'deferred', text: 'Accreditation deferred', hint: 'The service has a time-limited window to send evidence for the unmet standards; the committee then decides again.' },
  { value: 'not-accredited', text: 'Not accredited', hint: 'The service may appeal once, within the appeal window.' },
] as const;

interface DecisionDraft {
  outcome: string;
  reason: string;
  decidedBy: string;
  savedAt?: string;
}

const FORM = 'committee-decision';

const checkDraft = (draft: DecisionDraft): Errors => ({
  ...(draft.outcome ? {} : { outcome: 'Select the committee’s decision' }),
  ...(draft.reason.trim() ? {} : { reason: 'Enter the reason for the decision' }),
  ...(draft.reason.length > 10_000 ? { reason: 'The reason must be 10,000 characters or fewer' } : {}),
  ...(draft.decidedBy.trim() ? {} : { decidedBy: 'Enter the name of the person recording the decision' }),
});

/** The API's 400 issues on the form's fields (decidedBy, outcome, reason), anything else on the form. */
const errorsFromApi = (error: unknown): Errors => {
  if (!(error instanceof ApiError) || error.issues.length === 0) return { form: error instanceof Error ? error.message : String(error) };
  return Object.fromEntries(error.issues.map((issue) => [['outcome', 'reason', 'decidedBy'].includes(issue.field) ? issue.field : 'form', `${issue.field}: ${issue.message}`]));
};

/** `onView` tells the page which view shows, so the check and done views stand alone on the page. */
const CommitteeDecisionForm = ({ cycleId, pack, onView }: { cycleId: string; pack: CommitteePack; onView: (view: 'form' | 'check' | 'done') => void }) => {
  const { api, session } = useApp();
  const user = session.user.name;
  const { draft, update, saved, errors, summary, view, toCheck, change, submit: send, busy } = useOneTimeForm<DecisionDraft>(FORM, cycleId, user, { outcome: '', reason: '', decidedBy: user });
  useEffect(() => onView(view), [view]);
  const submit = () =>
    send(() => api.post(`${cyclePath(cycleId)}/tasks/committee-decision`, { decidedBy: draft.decidedBy.trim(), outcome: draft.outcome, reason: draft.reason.trim() }), errorsFromApi);
  const outcomeText = OUTCOMES.find((outcome) => outcome.value === draft.outcome)?.text ?? '';

  if (view === 'done') {
    return html`<${DonePanel} title="Decision recorded">${outcomeText} for ${pack.serviceName}. The service is told by email.<//>
      <p class="nhsuk-body"><a class="nhsuk-link" href=${cyclePath(cycleId)}>Go to the cycle</a></p>`;
  }
  if (view === 'check') {
    return html`<${CheckAnswers}
      title="Check the decision before recording it"
      rows=${[
        { label: 'Decision', value: outcomeText, fieldId: 'outcome' },
        { label: 'Reason', value: draft.reason.trim(), fieldId: 'reason' },
        { label: 'Recorded by', value: draft.decidedBy.trim(), fieldId: 'decidedBy' },
      ]}
      warning=${`The decision is recorded as the committee’s and the service is told straight away. It cannot be changed afterwards.`}
      submitText="Record the decision"
      busy=${busy}
      onChange=${change}
      onSubmit=${submit}
    />`;
  }
  const field = (id: string) => `nhsuk-form-group${errors[id] ? ' nhsuk-form-group--error' : ''}`;
  return html`<h2 class="nhsuk-heading-l" id="decision">Record the committee’s decision</h2>
    <${ErrorSummary} errors=${summary} />
    <${DraftNotice} saved=${saved} savedAt=${draft.savedAt} />
    <form onSubmit=${(event: Event) => {
        event.preventDefault();
        toCheck(checkDraft(draft));
      }} novalidate>
      <div class=${field('outcome')}>
        <fieldset class="nhsuk-fieldset" aria-describedby=${['outcome-hint', errors.outcome && 'outcome-error'].filter(Boolean).join(' ')}>
          <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">What has the committee decided?</legend>
          <div class="nhsuk-hint" id="outcome-hint">The network’s rule recommends: ${pack.recommendation.label}. The rule recommends; the committee’s decision, with its reason, is what counts.</div>
          <${ErrorMessage} id="outcome" text=${errors.outcome} />
          <div class="nhsuk-radios">
            ${OUTCOMES.map(
              (outcome, index) => html`<div class="nhsuk-radios__item">
                <input class="nhsuk-radios__input" id=${index === 0 ? 'outcome' : `outcome-${outcome.value}`} name="outcome" type="radio" value=${outcome.value}
                  checked=${draft.outcome === outcome.value} aria-describedby=${`outcome-${outcome.value}-hint`} onChange=${() => update({ outcome: outcome.value })} />
                <label class="nhsuk-label nhsuk-radios__label" for=${index === 0 ? 'outcome' : `outcome-${outcome.value}`}>${outcome.text}</label>
                <div class="nhsuk-hint nhsuk-radios__hint" id=${`outcome-${outcome.value}-hint`}>${outcome.hint}</div>
              </div>`,
            )}
          </div>
        </fieldset>
      </div>
      <div class=${field('reason')}>
        <label class="nhsuk-label nhsuk-label--s" for="reason">Reason for the decision</label>
        <div class="nhsuk-hint" id="reason-hint">The service reads this in the outcome email. Name the standards it rests on.</div>
        <${ErrorMessage} id="reason" text=${errors.reason} />
        <textarea class=${`nhsuk-textarea${errors.reason ? ' nhsuk-textarea--error' : ''}`} id="reason" name="reason" rows="5"
          aria-describedby=${['reason-hint', errors.reason && 'reason-error'].filter(Boolean).join(' ')}
          onInput=${(event: Event) => update({ reason: (event.currentTarget as HTMLTextAreaElement).value })}>${draft.reason}</textarea>
      </div>
      <div class=${field('decidedBy')}>
        <label class="nhsuk-label nhsuk-label--s" for="decidedBy">Recorded by</label>
        <${ErrorMessage} id="decidedBy" text=${errors.decidedBy} />
        <input class=${`nhsuk-input nhsuk-u-width-two-thirds${errors.decidedBy ? ' nhsuk-input--error' : ''}`} id="decidedBy" name="decidedBy" type="text" autocomplete="name"
          aria-describedby=${errors.decidedBy ? 'decidedBy-error' : undefined} value=${draft.decidedBy}
          onInput=${(event: Event) => update({ decidedBy: (event.currentTarget as HTMLInputElement).value })} />
      </div>
      <button class="nhsuk-button" type="submit">Continue to check the decision</button>
    </form>`;
};

export { CommitteeDecisionForm };
