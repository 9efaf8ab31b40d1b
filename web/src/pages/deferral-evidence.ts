// The service's deferral evidence (/cycles/{id}/tasks/deferral-evidence, where the deferral email
// links): per standard that blocked accreditation (then any other unmet one), a statement of what
// changed and links to the evidence (file uploads come with the self-review's evidence store); a
// summary; check your answers; one submission. The draft is kept in this browser as they type.
import { ApiError } from '../api/client.ts';
import { cyclePath, isOpen, loadStepTask, loadUnmetStandards } from '../api/committee.ts';
import type { UnmetStandard } from '../api/committee.ts';
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

interface LinkDraft {
  title: string;
  url: string;
}

interface EvidenceDraft {
  summary: string;
  submittedBy: string;
  statements: Record<string, string>;
  links: Record<string, LinkDraft[]>;
  savedAt?: string;
}

const FORM = 'deferral-evidence';
const LINKS_PER_STANDARD = 3;

/** A standard id as an HTML id ("1.1" → "1-1"). */
const idOf = (kind: string, standardId: string, index?: number): string => `${kind}-${standardId.replace(/[^A-Za-z0-9_-]/g, '-')}${index === undefined ? '' : `-${index}`}`;

const linksOf = (draft: EvidenceDraft, standardId: string): LinkDraft[] => (draft.links[standardId] ?? []).filter((link) => link.title.trim() || link.url.trim());

const checkDraft = (standards: UnmetStandard[], draft: EvidenceDraft): Errors => {
  const errors: Errors = {};
  if (!draft.summary.trim()) errors.summary = 'Enter a summary of what has changed';
  if (!draft.submittedBy.trim()) errors.submittedBy = 'Enter your name';
  const answered = standards.filter((standard) => (draft.statements[standard.id] ?? '').trim() !== '');
  if (answered.length === 0 && standards[0]) errors[idOf('statement', standards[0].id)] = 'Write a statement for at least one standard';
  for (const standard of standards) {
    const statement = (draft.statements[standard.id] ?? '').trim();
    (draft.links[standard.id] ?? []).forEach((link, index) => {
      if (!link.title.trim() && !link.url.trim()) return;
      if (!statement) errors[idOf('statement', standard.id)] = `Write a statement for standard ${standard.id} to go with its evidence links`;
      if (!link.title.trim()) errors[idOf('title', standard.id, index)] = `Enter a name for evidence link ${index + 1} of standard ${standard.id}`;
      if (!/^https:\/\/[^\s/]+/.test(link.url.trim())) errors[idOf('url', standard.id, index)] = `Evidence link ${index + 1} of standard ${standard.id} must be an https:// address`;
    });
  }
  return errors;
};

const bodyOf = (standards: UnmetStandard[], draft: EvidenceDraft) => ({
  submittedBy: draft.submittedBy.trim(),
  summary: draft.summary.trim(),
  evidence: standards
    .filter((standard) => (draft.statements[standard.id] ?? '').trim() !== '')
    .map((standard) => {
      const links = linksOf(draft, standard.id).map((link) => ({ title: link.title.trim(), url: link.url.trim() }));
      return { standardId: standard.id, note: (draft.statements[standard.id] ?? '').trim(), ...(links.length > 0 ? { links } : {}) };
    }),
});

/** The API's issues on the form's fields: `evidence.0.standardId` is the first standard sent. */
const errorsFromApi = (error: unknown, sent: ReturnType<typeof bodyOf>): Errors => {
  if (!(error instanceof ApiError) || error.issues.length === 0) return { form: error instanceof Error ? error.message : String(error) };
  const errors: Errors = {};
  for (const issue of error.issues) {
    const [list, index] = issue.field.split('.');
    const standardId = list === 'evidence' && index !== undefined ? sent.evidence[Number(index)]?.standardId : undefined;
    const field = standardId ? idOf('statement', standardId) : list === 'summary' || list === 'submittedBy' ? list : 'form';
    errors[field] = issue.message;
  }
  return errors;
};

const TextInput = ({ id, label, value, error, onInput, hint }: { id: string; label: string; value: string; error?: string; hint?: string; onInput: (value: string) => void }) =>
  html`<div class=${`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>
    <label class="nhsuk-label" for=${id}>${label}</label>
    ${hint && html`<div class="nhsuk-hint" id=${`${id}-hint`}>${hint}</div>`}
    <${ErrorMessage} id=${id} text=${error} />
    <input class=${`nhsuk-input${error ? ' nhsuk-input--error' : ''}`} id=${id} name=${id} type="text" value=${value}
      aria-describedby=${[hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined}
      onInput=${(event: Event) => onInput((event.currentTarget as HTMLInputElement).value)} />
  </div>`;

const StandardEvidence = ({ standard, draft, errors, update }: { standard: UnmetStandard; draft: EvidenceDraft; errors: Errors; update: (draft: EvidenceDraft) => void }) => {
  const statementId = idOf('statement', standard.id);
  const links = [...(draft.links[standard.id] ?? [])];
  while (links.length < LINKS_PER_STANDARD) links.push({ title: '', url: '' });
  const setLink = (index: number, change: Partial<LinkDraft>) => {
    const next = links.map((link, at) => (at === index ? { ...link, ...change } : link));
    update({ ...draft, links: { ...draft.links, [standard.id]: next } });
  };
  return html`<div class="nhsuk-card">
    <div class="nhsuk-card__content">
      <h3 class="nhsuk-heading-s">Standard ${standard.id} (Type ${standard.type})${standard.blocking ? html` <strong class="nhsuk-tag nhsuk-tag--orange">Blocks accreditation</strong>` : ''}</h3>
      <p class="nhsuk-body">${standard.text}</p>
      <div class=${`nhsuk-form-group${errors[statementId] ? ' nhsuk-form-group--error' : ''}`}>
        <label class="nhsuk-label nhsuk-label--s" for=${statementId}>What has changed<span class="nhsuk-u-visually-hidden"> for standard ${standard.id}</span></label>
        <div class="nhsuk-hint" id=${`${statementId}-hint`}>How the service now meets the standard, and how the evidence shows it.</div>
        <${ErrorMessage} id=${statementId} text=${errors[statementId]} />
        <textarea class=${`nhsuk-textarea${errors[statementId] ? ' nhsuk-textarea--error' : ''}`} id=${statementId} name=${statementId} rows="4"
          aria-describedby=${[`${statementId}-hint`, errors[statementId] && `${statementId}-error`].filter(Boolean).join(' ')}
          onInput=${(event: Event) => update({ ...draft, statements: { ...draft.statements, [standard.id]: (event.currentTarget as HTMLTextAreaElement).value } })}>${draft.statements[standard.id] ?? ''}</textarea>
      </div>
      <fieldset class="nhsuk-fieldset">
        <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Evidence links<span class="nhsuk-u-visually-hidden"> for standard ${standard.id}</span> (optional)</legend>
        <div class="nhsuk-hint">Up to ${LINKS_PER_STANDARD} links to documents the committee can open (https:// addresses, such as your trust’s document store).</div>
        ${links.map(
          (link, index) => html`<div class="nhsuk-grid-row">
            <div class="nhsuk-grid-column-one-third"><${TextInput} id=${idOf('title', standard.id, index)} label=${`Name of link ${index + 1}`} value=${link.title} error=${errors[idOf('title', standard.id, index)]} onInput=${(title: string) => setLink(index, { title })} /></div>
            <div class="nhsuk-grid-column-two-thirds"><${TextInput} id=${idOf('url', standard.id, index)} label=${`Address of link ${index + 1}`} value=${link.url} error=${errors[idOf('url', standard.id, index)]} onInput=${(url: string) => setLink(index, { url })} /></div>
          </div>`,
        )}
      </fieldset>
    </div>
  </div>`;
};

const EvidenceForm = ({ cycleId, standards }: { cycleId: string; standards: UnmetStandard[] }) => {
  const { api, session } = useApp();
  const user = session.user.name;
  const { draft, update, saved, errors, summary, view, toCheck, change, submit, busy } = useOneTimeForm<EvidenceDraft>(FORM, cycleId, user, { summary: '', submittedBy: user, statements: {}, links: {} });
  const send = () => {
    const body = bodyOf(standards, draft);
    return submit(() => api.post(`${cyclePath(cycleId)}/tasks/deferral-evidence`, body), (error) => errorsFromApi(error, body));
  };

  if (view === 'done') {
    return html`<${DonePanel} title="Evidence sent">The accreditation committee decides again from it. You will be told its decision by email.<//>`;
  }
  if (view === 'check') {
    const sent = bodyOf(standards, draft);
    return html`<${CheckAnswers}
      title="Check your evidence before sending it"
      rows=${[
        { label: 'Summary', value: draft.summary.trim(), fieldId: 'summary' },
        ...sent.evidence.map((item) => ({
          label: `Standard ${item.standardId}`,
          value: html`${item.note}${item.links && html`<ul class="nhsuk-list nhsuk-u-margin-top-2 nhsuk-u-margin-bottom-0">${item.links.map((link) => html`<li>${link.title}: ${link.url}</li>`)}</ul>`}`,
          fieldId: idOf('statement', item.standardId),
        })),
        { label: 'Sent by', value: draft.submittedBy.trim(), fieldId: 'submittedBy' },
      ]}
      warning="The committee decides again from what you send now. You cannot add to it afterwards."
      submitText="Send the evidence"
      busy=${busy}
      onChange=${change}
      onSubmit=${send}
    />`;
  }
  return html`<${ErrorSummary} errors=${summary} />
    <${DraftNotice} saved=${saved} savedAt=${draft.savedAt} />
    <form onSubmit=${(event: Event) => {
        event.preventDefault();
        toCheck(checkDraft(standards, draft));
      }} novalidate>
      <h2 class="nhsuk-heading-m">Evidence per standard</h2>
      ${standards.map((standard) => html`<${StandardEvidence} standard=${standard} draft=${draft} errors=${errors} update=${update} />`)}
      <div class=${`nhsuk-form-group${errors.summary ? ' nhsuk-form-group--error' : ''}`}>
        <label class="nhsuk-label nhsuk-label--s" for="summary">Summary for the committee</label>
        <div class="nhsuk-hint" id="summary-hint">In a few sentences, what the service has changed since the decision.</div>
        <${ErrorMessage} id="summary" text=${errors.summary} />
        <textarea class=${`nhsuk-textarea${errors.summary ? ' nhsuk-textarea--error' : ''}`} id="summary" name="summary" rows="4"
          aria-describedby=${['summary-hint', errors.summary && 'summary-error'].filter(Boolean).join(' ')}
          onInput=${(event: Event) => update({ ...draft, summary: (event.currentTarget as HTMLTextAreaElement).value })}>${draft.summary}</textarea>
      </div>
      <${TextInput} id="submittedBy" label="Your name" value=${draft.submittedBy} error=${errors.submittedBy} onInput=${(submittedBy: string) => update({ ...draft, submittedBy })} />
      <button class="nhsuk-button" type="submit">Continue to check your evidence</button>
    </form>`;
};

const DeferralEvidencePage = ({ cycleId }: { cycleId: string }) => {
  const { api } = useApp();
  const loaded = useLoad(async () => {
    const [unmet, task] = await Promise.all([loadUnmetStandards(api, cycleId), loadStepTask(api, cycleId, 'deferral-evidence')]);
    return { unmet, task };
  }, [cycleId]);
  const title = 'Send evidence for the unmet standards';
  const back = { href: cyclePath(cycleId), text: 'Back to the cycle' };
  if (loaded.state === 'loading') return html`<${Page} title=${title} back=${back}><p class="nhsuk-body" role="status">Loading…</p><//>`;
  if (loaded.state === 'failed') return html`<${Page} title=${title} back=${back}><${LoadFailed} error=${loaded.error} /><//>`;
  const { unmet, task } = loaded.data;
  if (!isOpen(task)) {
    return html`<${Page} title=${title} back=${back}><div class="nhsuk-inset-text"><span class="nhsuk-u-visually-hidden">Information: </span>
      <p>${task?.status === 'submitted' ? 'The evidence has been sent; the committee decides again from it.' : task ? `The deferral window is closed (${task.status}).` : 'There is no deferral window open on this cycle.'}</p></div><//>`;
  }
  return html`<${Page} title=${title} caption=${`Cycle ${cycleId}`} back=${back}>
    <p class="nhsuk-body-l">The accreditation committee deferred the decision. Send evidence that these standards are now met${task?.dueAt ? html` by <strong>${formatUkDate(task.dueAt)}</strong>` : ''}; without it the service is not accredited.</p>
    ${unmet.decisionReason && html`<div class="nhsuk-inset-text"><span class="nhsuk-u-visually-hidden">Information: </span><p>The committee’s reason: ${unmet.decisionReason}</p></div>`}
    <${EvidenceForm} cycleId=${cycleId} standards=${unmet.standards} />
  <//>`;
};

export { DeferralEvidencePage };
