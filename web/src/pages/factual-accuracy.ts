// The service's factual-accuracy check (/cycles/{id}/tasks/factual-accuracy, where the draft
// report's email links): the draft report as a page, section by section; the deadline, after which
// silence counts as acceptance; accept it, or send corrections per section of the report. The
// draft answer is kept in this browser as they type; a check-your-answers page comes before the
// one submission. The corrections go to the lead reviewer and onto the report the committee reads.
import { MAX_CORRECTION_LENGTH, REPORT_SECTION_TITLES, ReportSection } from '#core/report-corrections';
import type { Correction } from '#core/report-corrections';
import { ApiError } from '../api/client.ts';
import { cyclePath } from '../api/date-offer.ts';
import { loadFactualAccuracy } from '../api/factual-accuracy.ts';
import type { DraftReport } from '../api/factual-accuracy.ts';
import { useApp } from '../app-context.ts';
import { ErrorSummary } from '../components/error-summary.ts';
import { useOneTimeForm } from '../components/use-one-time-form.ts';
import type { Errors } from '../components/use-one-time-form.ts';
import { LoadFailed } from '../components/load-failed.ts';
import { Page } from '../components/page.ts';
import { useLoad } from '../components/use-load.ts';
import { formatUkDate, formatUkDateTime } from '../format.ts';
import { html } from '../html.ts';
import { reportParts } from '../report-sections.ts';

type Choice = 'accurate' | 'corrections';

interface FactualAccuracyDraft {
  choice?: Choice;
  corrections: Partial<Record<ReportSection, string>>;
  savedAt?: string;
}


const emptyDraft = (): FactualAccuracyDraft => ({ corrections: {} });
const correctionId = (section: ReportSection): string => `correction-${section}`;

/** The sections the service may correct: the report's own, in its order, then the report as a whole. */
const correctableSections = (report: DraftReport): ReportSection[] => [
  ...reportParts(report.html).parts.flatMap((part) => (part.section ? [part.section] : [])),
  ReportSection.wholeReport,
];

const correctionsOf = (draft: FactualAccuracyDraft, sections: ReportSection[]): Correction[] =>
  sections.flatMap((section) => {
    const text = draft.corrections[section]?.trim();
    return text ? [{ section, text }] : [];
  });

const checkDraft = (draft: FactualAccuracyDraft, sections: ReportSection[]): Errors => {
  if (!draft.choice) return { accepted: 'Select whether the draft report is factually accurate' };
  if (draft.choice === 'accurate') return {};
  const errors: Errors = {};
  const corrections = correctionsOf(draft, sections);
  // The API's words (its 400 for the same mistake), on the first section's box.
  if (corrections.length === 0) errors[correctionId(sections[0] ?? ReportSection.wholeReport)] = 'corrections are required when the draft is not accepted';
  for (const { section, text } of corrections) {
    if (text.length > MAX_CORRECTION_LENGTH) errors[correctionId(section)] = `The correction to "${REPORT_SECTION_TITLES[section]}" must be ${MAX_CORRECTION_LENGTH.toLocaleString('en-GB')} characters or fewer`;
  }
  return errors;
};

/** The API's issues against the fields: `corrections.1.text` is the second correction sent. */
const errorsFromApi = (error: unknown, sent: Correction[]): Errors => {
  if (!(error instanceof ApiError) || error.issues.length === 0) return { form: error instanceof Error ? error.message : String(error) };
  const errors: Errors = {};
  for (const issue of error.issues) {
    const [list, index] = issue.field.split('.');
    const section = list === 'corrections' ? (sent[Number(index ?? 0)]?.section ?? sent[0]?.section) : undefined;
    const field = section ? correctionId(section) : list === 'accepted' ? 'accepted' : 'form';
    errors[field] = errors[field] ? `${errors[field]}; ${issue.message}` : issue.message;
  }
  return errors;
};

const ReportView = ({ report }: { report: DraftReport }) => {
  const { intro, parts } = reportParts(report.html);
  return html`<div class="app-draft-report">
    <div class="nhsuk-body" dangerouslySetInnerHTML=${{ __html: intro }} />
    ${parts.map(
      (part) => html`<section aria-labelledby=${`report-${part.section ?? part.title}`}>
        <h2 class="nhsuk-heading-m" id=${`report-${part.section ?? part.title}`}>${part.title}</h2>
        <div class="app-report-section" dangerouslySetInnerHTML=${{ __html: part.html }} />
      </section>`,
    )}
  </div>`;
};

const CorrectionField = ({ section, value, error, onInput }: { section: ReportSection; value: string; error?: string; onInput: (text: string) => void }) => {
  const id = correctionId(section);
  const whole = section === ReportSection.wholeReport;
  return html`<div class=${`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>
    <label class="nhsuk-label nhsuk-label--s" for=${id}>${whole ? 'Anything else about the report as a whole' : `Corrections to "${REPORT_SECTION_TITLES[section]}"`}</label>
    <div class="nhsuk-hint" id=${`${id}-hint`}>${whole ? 'Leave empty if there is nothing else.' : 'Say what is wrong and what is right. Leave empty if this section is accurate.'}</div>
    ${error && html`<span class="nhsuk-error-message" id=${`${id}-error`}><span class="nhsuk-u-visually-hidden">Error:</span> ${error}</span>`}
    <textarea class=${`nhsuk-textarea${error ? ' nhsuk-textarea--error' : ''}`} id=${id} name=${id} rows="3" aria-describedby=${error ? `${id}-hint ${id}-error` : `${id}-hint`}
      onInput=${(event: Event) => onInput((event.currentTarget as HTMLTextAreaElement).value)}>${value}</textarea>
  </div>`;
};

interface FormProps {
  cycleId: string;
  respondedBy: string;
  userKey: string;
  report: DraftReport;
}

const FactualAccuracyForm = ({ cycleId, respondedBy, userKey, report }: FormProps) => {
  const { api } = useApp();
  const sections = correctableSections(report);
  const { draft, update, saved, errors, summary, view, toCheck: checked, change, backToForm, submit: send, busy } = useOneTimeForm<FactualAccuracyDraft>('factual-accuracy', cycleId, userKey, emptyDraft());
  const toCheck = (event: Event) => {
    event.preventDefault();
    checked(checkDraft(draft, sections));
  };
  const corrections = correctionsOf(draft, sections);
  const submit = () => {
    const accepted = draft.choice === 'accurate';
    return send(() => api.post(`${cyclePath(cycleId)}/tasks/factual-accuracy`, { respondedBy, accepted, ...(accepted ? {} : { corrections }) }), (error) => errorsFromApi(error, corrections));
  };

  if (view === 'done') {
    return html`<div class="nhsuk-panel" role="status">
        <h2 class="nhsuk-panel__title">${draft.choice === 'accurate' ? 'Draft report accepted' : 'Corrections sent'}</h2>
        <div class="nhsuk-panel__body">${
          draft.choice === 'accurate'
            ? 'The report goes to the accreditation committee as it is.'
            : 'The lead reviewer is emailed your corrections, and the committee reads them with the report.'
        }</div>
      </div>
      <p class="nhsuk-body">The draft kept on this computer has been deleted. <a class="nhsuk-link" href=${cyclePath(cycleId)}>Go to the cycle</a></p>`;
  }
  if (view === 'check') {
    return html`<h2 class="nhsuk-heading-l">Check your answer before sending it</h2>
      <dl class="nhsuk-summary-list">
        <div class="nhsuk-summary-list__row">
          <dt class="nhsuk-summary-list__key">Is the draft factually accurate?</dt>
          <dd class="nhsuk-summary-list__value">${draft.choice === 'accurate' ? 'Yes, it is accurate' : 'No, it needs corrections'}</dd>
          <dd class="nhsuk-summary-list__actions">
            <button type="button" class="app-link-button" onClick=${() => change('accepted')}>Change<span class="nhsuk-u-visually-hidden"> your answer</span></button>
          </dd>
        </div>
        ${draft.choice === 'corrections' &&
        corrections.map(
          (correction) => html`<div class="nhsuk-summary-list__row">
            <dt class="nhsuk-summary-list__key">${REPORT_SECTION_TITLES[correction.section]}</dt>
            <dd class="nhsuk-summary-list__value app-pre-line">${correction.text}</dd>
            <dd class="nhsuk-summary-list__actions">
              <button type="button" class="app-link-button" onClick=${() => change(correctionId(correction.section))}>Change<span class="nhsuk-u-visually-hidden"> the correction to ${REPORT_SECTION_TITLES[correction.section]}</span></button>
            </dd>
          </div>`,
        )}
      </dl>
      <div class="nhsuk-warning-callout">
        <h3 class="nhsuk-warning-callout__label"><span role="text"><span class="nhsuk-u-visually-hidden">Important: </span>You can answer once</span></h3>
        <p>${
          draft.choice === 'accurate'
            ? `The report is recorded as accepted by ${respondedBy} and goes to the committee as it is.`
            : `The corrections are recorded as sent by ${respondedBy}. They are added to the report the committee reads and cannot be changed afterwards.`
        }</p>
      </div>
      <button class="nhsuk-button" type="button" disabled=${busy} onClick=${submit}>${busy ? 'Sending…' : draft.choice === 'accurate' ? 'Accept the draft report' : 'Send the corrections'}</button>
      <p class="nhsuk-body"><button type="button" class="app-link-button" onClick=${backToForm}>Go back and change your answer</button></p>`;
  }
  const choiceError = errors.accepted;
  return html`<${ErrorSummary} errors=${summary} />
    <${ReportView} report=${report} />
    <h2 class="nhsuk-heading-l">Your answer</h2>
    <div class="nhsuk-inset-text"><span class="nhsuk-u-visually-hidden">Information: </span>
      <p>Your answer is saved as you type <strong>on this computer only</strong> (in this browser), so you can close it and come back. Nothing is sent until you send it.</p>
      <p class="nhsuk-u-margin-bottom-0" role="status">${
        saved === false ? 'This browser is not saving drafts (private browsing or storage full): finish before you close it.' : draft.savedAt ? `Draft saved on this computer at ${formatUkDateTime(draft.savedAt)}.` : ''
      }</p>
    </div>
    <form onSubmit=${toCheck} novalidate>
      <div class=${`nhsuk-form-group${choiceError ? ' nhsuk-form-group--error' : ''}`}>
        <fieldset class="nhsuk-fieldset" aria-describedby=${choiceError ? 'accepted-error' : undefined}>
          <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">Is the draft report factually accurate?</legend>
          ${choiceError && html`<span class="nhsuk-error-message" id="accepted-error"><span class="nhsuk-u-visually-hidden">Error:</span> ${choiceError}</span>`}
          <div class="nhsuk-radios nhsuk-radios--conditional">
            <div class="nhsuk-radios__item">
              <input class="nhsuk-radios__input" id="accepted" name="accepted" type="radio" value="accurate" checked=${draft.choice === 'accurate'} onChange=${() => update({ choice: 'accurate' })} />
              <label class="nhsuk-label nhsuk-radios__label" for="accepted">Yes, it is accurate</label>
            </div>
            <div class="nhsuk-radios__item">
              <input class="nhsuk-radios__input" id="accepted-corrections" name="accepted" type="radio" value="corrections" checked=${draft.choice === 'corrections'}
                aria-controls="corrections-conditional" onChange=${() => update({ choice: 'corrections' })} />
              <label class="nhsuk-label nhsuk-radios__label" for="accepted-corrections">No, it needs corrections</label>
            </div>
            <div class=${`nhsuk-radios__conditional${draft.choice === 'corrections' ? '' : ' nhsuk-radios__conditional--hidden'}`} id="corrections-conditional">
              <p class="nhsuk-body">Correct matters of fact only, section by section. The review team's judgements stay theirs; the committee reads your corrections beside them.</p>
              ${sections.map(
                (section) => html`<${CorrectionField} section=${section} value=${draft.corrections[section] ?? ''} error=${errors[correctionId(section)]}
                  onInput=${(text: string) => update({ corrections: { ...draft.corrections, [section]: text } })} />`,
              )}
            </div>
          </div>
        </fieldset>
      </div>
      <button class="nhsuk-button" type="submit">Continue to check your answer</button>
    </form>`;
};

const Answered = ({ report }: { report?: DraftReport }) => {
  const corrections = report?.corrections ?? [];
  return html`${corrections.length > 0 &&
    html`<h2 class="nhsuk-heading-m">Corrections sent</h2>
      <dl class="nhsuk-summary-list">
        ${corrections.map(
          (correction) => html`<div class="nhsuk-summary-list__row">
            <dt class="nhsuk-summary-list__key">${REPORT_SECTION_TITLES[correction.section] ?? correction.section}</dt>
            <dd class="nhsuk-summary-list__value app-pre-line">${correction.text}</dd>
          </div>`,
        )}
      </dl>`}
    ${report && html`<${ReportView} report=${report} />`}`;
};

const FactualAccuracyPage = ({ cycleId }: { cycleId: string }) => {
  const { api, session } = useApp();
  const loaded = useLoad(() => loadFactualAccuracy(api, cycleId), [cycleId]);
  const title = 'Check the draft report for factual accuracy';
  const back = { href: cyclePath(cycleId), text: 'Back to the cycle' };
  if (loaded.state === 'loading') return html`<${Page} title=${title} back=${back}><p class="nhsuk-body" role="status">Loading…</p><//>`;
  if (loaded.state === 'failed') return html`<${Page} title=${title} back=${back}><${LoadFailed} error=${loaded.error} /><//>`;
  const { task, report, serviceName } = loaded.data;
  const caption = serviceName ?? `Cycle ${cycleId}`;
  if (!task || !report || (task.status !== 'open' && task.status !== 'overdue')) {
    const closed = task?.status === 'submitted' ? `The check was answered${task.submittedBy ? ` by ${task.submittedBy}` : ''}.` : `The check is closed (${task?.status}).`;
    return html`<${Page} title=${title} caption=${caption} back=${back}>
      <div class="nhsuk-inset-text"><span class="nhsuk-u-visually-hidden">Information: </span>
        <p>${!task || !report ? 'The draft report comes after the peer-review visit and the review team’s ratings. The service lead is emailed when it is ready.' : closed}</p>
      </div>
      ${task && html`<${Answered} report=${report} />`}
    <//>`;
  }
  return html`<${Page} title=${title} caption=${caption} back=${back}>
    <p class="nhsuk-body-l">Read the draft report of your peer review and tell us whether its facts are right.</p>
    ${task.dueAt &&
    html`<div class="nhsuk-warning-callout">
      <h2 class="nhsuk-warning-callout__label"><span role="text"><span class="nhsuk-u-visually-hidden">Important: </span>Answer by ${formatUkDate(task.dueAt)}</span></h2>
      <p>If we have no answer by the end of ${formatUkDate(task.dueAt)}, the draft report counts as accurate and goes to the committee as it is.</p>
    </div>`}
    <${FactualAccuracyForm} cycleId=${cycleId} respondedBy=${session.user.name} userKey=${session.user.name} report=${report} />
  <//>`;
};

export { FactualAccuracyPage };
