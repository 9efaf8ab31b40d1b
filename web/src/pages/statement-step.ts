// A service's one-statement step: the appeal (its grounds, /cycles/{id}/tasks/appeal, where the
// appeal-window email links) and the host's visit cancellation (its reason, /cycles/{id}/tasks/visit,
// linked from the cycle page's open steps). One text and who sends it; a check page (confirm);
// one submission; the draft kept in this browser as they type.
import { ApiError } from '../api/client.ts';
import { cyclePath, isOpen, loadStepTask } from '../api/committee.ts';
import { useApp } from '../app-context.ts';
import { ErrorSummary } from '../components/error-summary.ts';
import { LoadFailed } from '../components/load-failed.ts';
import { CheckAnswers, DonePanel, DraftNotice, ErrorMessage } from '../components/one-time-form.ts';
import { Page } from '../components/page.ts';
import { useLoad } from '../components/use-load.ts';
import { useOneTimeForm } from '../components/use-one-time-form.ts';
import type { Errors } from '../components/use-one-time-form.ts';
import { formatUkDate } from '../format.ts';
import { html } from '../html.ts';

interface StatementStep {
  /** The task whose window it answers. */
  stage: string;
  title: string;
  intro: (dueOn?: string) => string;
  /** Where the answer is sent (POST). */
  path: (cycleId: string) => string;
  textField: string;
  textLabel: string;
  textHint: string;
  textMissing: string;
  maxLength: number;
  actorField: string;
  actorLabel: string;
  checkTitle: string;
  warning: string;
  submitText: string;
  doneTitle: string;
  doneText: string;
  closedText: string;
}

interface StatementDraft {
  text: string;
  actor: string;
  savedAt?: string;
}


const appealStep: StatementStep = {
  stage: 'appeal',
  title: 'Appeal against the decision',
  intro: (dueOn) => `The service was not accredited. You may appeal once${dueOn ? `, by ${dueOn}` : ''}. The accreditation committee then decides again, reading your grounds.`,
  path: (cycleId) => `${cyclePath(cycleId)}/tasks/appeal`,
  textField: 'grounds',
  textLabel: 'Grounds of the appeal',
  textHint: 'Why the decision should change: the standards concerned, what the review or the report missed, and where the committee can see it.',
  textMissing: 'Enter the grounds of the appeal',
  maxLength: 20_000,
  actorField: 'lodgedBy',
  actorLabel: 'Lodged by',
  checkTitle: 'Check your appeal before lodging it',
  warning: 'A service may appeal once in a cycle. The committee decides again from these grounds, and they cannot be changed afterwards.',
  submitText: 'Lodge the appeal',
  doneTitle: 'Appeal lodged',
  doneText: 'The accreditation committee decides again, reading your grounds. You will be told its decision by email.',
  closedText: 'There is no appeal window open on this cycle.',
};

const visitCancellationStep: StatementStep = {
  stage: 'visit',
  title: 'Cancel the peer-review visit',
  intro: (dueOn) => `If the visit${dueOn ? ` on ${dueOn}` : ''} cannot go ahead, cancel it here. The review team is told, their places are released and you are asked to offer new dates.`,
  path: (cycleId) => `${cyclePath(cycleId)}/visit/cancel`,
  textField: 'reason',
  textLabel: 'Why the visit is cancelled',
  textHint: 'The review team and the network read this.',
  textMissing: 'Enter why the visit is cancelled',
  maxLength: 2_000,
  actorField: 'cancelledBy',
  actorLabel: 'Cancelled by',
  checkTitle: 'Are you sure you want to cancel the visit?',
  warning: 'The visit is cancelled straight away and the review team is told. The visit is then booked again from new dates.',
  submitText: 'Cancel the visit',
  doneTitle: 'Visit cancelled',
  doneText: 'The review team has been told. Offer new dates when you are asked to: the network emails you.',
  closedText: 'There is no visit booked on this cycle that can be cancelled now (a visit can be cancelled before its day).',
};

const StatementForm = ({ cycleId, step }: { cycleId: string; step: StatementStep }) => {
  const { api, session } = useApp();
  const user = session.user.name;
  const { draft, update, saved, errors, summary, view, toCheck, change, submit, busy } = useOneTimeForm<StatementDraft>(step.stage, cycleId, user, { text: '', actor: user });
  const checkDraft = (): Errors => ({
    ...(draft.text.trim() ? {} : { [step.textField]: step.textMissing }),
    ...(draft.text.length > step.maxLength ? { [step.textField]: `${step.textLabel} must be ${step.maxLength.toLocaleString('en-GB')} characters or fewer` } : {}),
    ...(draft.actor.trim() ? {} : { [step.actorField]: 'Enter your name' }),
  });
  // The API's own words: a 400 names the field, a 409 says why it is too late.
  const explain = (error: unknown): Errors => {
    const issues = error instanceof ApiError ? error.issues : [];
    if (issues.length === 0) return { form: error instanceof Error ? error.message : String(error) };
    return Object.fromEntries(issues.map((issue) => [[step.textField, step.actorField].includes(issue.field) ? issue.field : 'form', `${issue.field}: ${issue.message}`]));
  };
  const send = () => submit(() => api.post(step.path(cycleId), { [step.textField]: draft.text.trim(), [step.actorField]: draft.actor.trim() }), explain);

  if (view === 'done') return html`<${DonePanel} title=${step.doneTitle}>${step.doneText}<//><p class="nhsuk-body"><a class="nhsuk-link" href=${cyclePath(cycleId)}>Go to the cycle</a></p>`;
  if (view === 'check') {
    return html`<${CheckAnswers}
      title=${step.checkTitle}
      rows=${[
        { label: step.textLabel, value: draft.text.trim(), fieldId: step.textField },
        { label: step.actorLabel, value: draft.actor.trim(), fieldId: step.actorField },
      ]}
      warning=${step.warning}
      submitText=${step.submitText}
      busy=${busy}
      onChange=${change}
      onSubmit=${send}
    />`;
  }
  const textError = errors[step.textField];
  const actorError = errors[step.actorField];
  return html`<${ErrorSummary} errors=${summary} />
    <${DraftNotice} saved=${saved} savedAt=${draft.savedAt} />
    <form onSubmit=${(event: Event) => {
        event.preventDefault();
        toCheck(checkDraft());
      }} novalidate>
      <div class=${`nhsuk-form-group${textError ? ' nhsuk-form-group--error' : ''}`}>
        <label class="nhsuk-label nhsuk-label--m" for=${step.textField}>${step.textLabel}</label>
        <div class="nhsuk-hint" id=${`${step.textField}-hint`}>${step.textHint}</div>
        <${ErrorMessage} id=${step.textField} text=${textError} />
        <textarea class=${`nhsuk-textarea${textError ? ' nhsuk-textarea--error' : ''}`} id=${step.textField} name=${step.textField} rows="8"
          aria-describedby=${[`${step.textField}-hint`, textError && `${step.textField}-error`].filter(Boolean).join(' ')}
          onInput=${(event: Event) => update({ text: (event.currentTarget as HTMLTextAreaElement).value })}>${draft.text}</textarea>
      </div>
      <div class=${`nhsuk-form-group${actorError ? ' nhsuk-form-group--error' : ''}`}>
        <label class="nhsuk-label nhsuk-label--s" for=${step.actorField}>Your name</label>
        <${ErrorMessage} id=${step.actorField} text=${actorError} />
        <input class=${`nhsuk-input nhsuk-u-width-two-thirds${actorError ? ' nhsuk-input--error' : ''}`} id=${step.actorField} name=${step.actorField} type="text" autocomplete="name"
          aria-describedby=${actorError ? `${step.actorField}-error` : undefined} value=${draft.actor}
          onInput=${(event: Event) => update({ actor: (event.currentTarget as HTMLInputElement).value })} />
      </div>
      <button class="nhsuk-button" type="submit">Continue</button>
    </form>`;
};

const StatementStepPage = ({ cycleId, step }: { cycleId: string; step: StatementStep }) => {
  const { api } = useApp();
  const loaded = useLoad(() => loadStepTask(api, cycleId, step.stage), [cycleId, step.stage]);
  const back = { href: cyclePath(cycleId), text: 'Back to the cycle' };
  if (loaded.state === 'loading') return html`<${Page} title=${step.title} back=${back}><p class="nhsuk-body" role="status">Loading…</p><//>`;
  if (loaded.state === 'failed') return html`<${Page} title=${step.title} back=${back}><${LoadFailed} error=${loaded.error} /><//>`;
  const task = loaded.data;
  if (!isOpen(task)) {
    return html`<${Page} title=${step.title} caption=${`Cycle ${cycleId}`} back=${back}><div class="nhsuk-inset-text"><span class="nhsuk-u-visually-hidden">Information: </span>
      <p>${task?.status === 'submitted' ? 'This has been sent already.' : step.closedText}</p></div><//>`;
  }
  return html`<${Page} title=${step.title} caption=${`Cycle ${cycleId}`} back=${back}>
    <p class="nhsuk-body-l">${step.intro(task?.dueAt ? formatUkDate(task.dueAt) : undefined)}</p>
    <${StatementForm} cycleId=${cycleId} step=${step} />
  <//>`;
};

const AppealPage = ({ cycleId }: { cycleId: string }) => html`<${StatementStepPage} cycleId=${cycleId} step=${appealStep} />`;
const VisitCancellationPage = ({ cycleId }: { cycleId: string }) => html`<${StatementStepPage} cycleId=${cycleId} step=${visitCancellationStep} />`;

export { AppealPage, VisitCancellationPage };
