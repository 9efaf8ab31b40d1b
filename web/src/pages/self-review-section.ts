// One section of the self-review: per standard, met / not met / not applicable, a comment, links
// to the evidence and uploaded evidence files (components/evidence-upload.ts). Each answer is saved as the person goes (a rating when chosen, a comment or link
// when they leave the box), on top of the version they loaded; when a colleague saved a newer
// answer first the API refuses with who and when, and the page says so with a way to reload.
import type { ActionSinceReview } from '#core/last-review';
import type { Standard } from '#core/standards';
import { EvidenceStage } from '#core/evidence-files';
import type { EvidenceFile } from '#core/evidence-files';
import { isEvidenceFile } from '#core/self-review';
import type { Evidence, EvidenceLink, SelfReviewAnswer } from '#core/self-review';
import { useRef, useState } from 'preact/hooks';
import { ApiError } from '../api/client.ts';
import { loadLastReview } from '../api/last-review.ts';
import { checkAnswersHref, loadSelfReview, saveSelfReviewAnswer, sectionHref, selfReviewHref } from '../api/self-review.ts';
import type { AnswerDraft, SelfReviewView } from '../api/self-review.ts';
import { useApp } from '../app-context.ts';
import { ErrorSummary } from '../components/error-summary.ts';
import { EvidenceUpload } from '../components/evidence-upload.ts';
import { LoadFailed } from '../components/load-failed.ts';
import { Page } from '../components/page.ts';
import { useLoad } from '../components/use-load.ts';
import { formatUkDateTime, formatUkTime } from '../format.ts';
import { html } from '../html.ts';

const RATINGS = [
  { value: 'met', text: 'Met' },
  { value: 'not-met', text: 'Not met' },
  { value: 'not-applicable', text: 'Not applicable' },
] as const;

const TYPE_LABELS: Record<number, string> = { 1: 'Type 1 (essential)', 2: 'Type 2 (expected)', 3: 'Type 3 (desirable)' };

interface StandardState {
  draft: AnswerDraft;
  /** What the API holds: the version a save is based on, who saved it and when. */
  saved?: Pick<SelfReviewAnswer, 'version' | 'savedBy' | 'savedAt'>;
  saving: boolean;
  /** Field id -> error text, in the API's words. */
  errors: Record<string, string>;
  stale?: { savedBy: string; savedAt: string };
}

const fieldId = (index: number, part: string) => `standard-${index + 1}-${part}`;

const draftOf = (answer?: SelfReviewAnswer): AnswerDraft => ({ rating: answer?.rating, comment: answer?.comment ?? '', evidence: answer?.evidence ?? [] });

/** Links with nothing typed in are not sent; the rest, and every file, keep their position so the API's `evidence.N` points at the right row. */
const evidenceToSend = (evidence: readonly Evidence[]) =>
  evidence.map((entry, row) => ({ entry, row })).filter(({ entry }) => isEvidenceFile(entry) || entry.title.trim() !== '' || entry.url.trim() !== '');

const bodyOf = (draft: AnswerDraft): { body: AnswerDraft; rows: number[] } => {
  const sent = evidenceToSend(draft.evidence ?? []);
  return {
    body: {
      ...(draft.rating ? { rating: draft.rating } : {}),
      comment: draft.comment ?? '',
      evidence: sent.map(({ entry }) => (isEvidenceFile(entry) ? entry : { title: entry.title.trim(), url: entry.url.trim() })),
    },
    rows: sent.map(({ row }) => row),
  };
};

/** The API's field names (`rating`, `comment`, `evidence.0.url`) as the ids of this standard's fields. */
/** A link's number as the page shows it: its place among the links, files left out. */
const linkNumber = (evidence: readonly Evidence[], row: number) => evidence.slice(0, row).filter((entry) => !isEvidenceFile(entry)).length + 1;

const errorsFromIssues = (index: number, rows: number[], evidence: readonly Evidence[], issues: readonly { field: string; message: string }[]): Record<string, string> =>
  Object.fromEntries(
    issues.map(({ field, message }) => {
      if (/^evidence\.\d+\.(key|name|contentType|size|kind)$/.test(field)) return [fieldId(index, 'evidence-file'), `File: ${message}`];
      const link = /^evidence\.(\d+)\.(title|url)$/.exec(field);
      if (link) {
        const row = rows[Number(link[1])] ?? 0;
        return [fieldId(index, `evidence-${row}-${link[2]}`), `Link ${linkNumber(evidence, row)} ${link[2] === 'url' ? 'address' : 'title'}: ${message}`];
      }
      return [fieldId(index, field === 'rating' ? 'rating' : field === 'comment' ? 'comment' : 'rating'), message];
    }),
  );

const SaveStatus = ({ state }: { state: StandardState }) => {
  // After a refused save the last "Saved at" would read as if this change were kept: say it is not.
  const text = state.stale
    ? `Not saved: ${state.stale.savedBy} saved a newer answer at ${formatUkTime(state.stale.savedAt)}`
    : state.saving
      ? 'Saving…'
      : state.saved
        ? `Saved at ${formatUkTime(state.saved.savedAt)} by ${state.saved.savedBy}`
        : 'Not answered yet';
  return html`<p class="nhsuk-body-s app-save-status" role="status">${text}</p>`;
};

interface StandardFormProps {
  cycleId: string;
  index: number;
  standard: Standard;
  state: StandardState;
  readOnly: boolean;
  onDraft: (draft: AnswerDraft, saveNow: boolean) => void;
  onSave: () => void;
  onErrors: (errors: Record<string, string>) => void;
  /** In an interim review or renewal: the actions the last review's plan took on this standard. */
  since?: ActionSinceReview[];
}

const TextInput = ({ id, label, value, error, type = 'text', onInput, onSave }: { id: string; label: string; value: string; error?: string; type?: string; onInput: (value: string) => void; onSave: () => void }) =>
  html`<div class=${`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>
    <label class="nhsuk-label" for=${id}>${label}</label>
    ${error && html`<span class="nhsuk-error-message" id=${`${id}-error`}><span class="nhsuk-u-visually-hidden">Error:</span> ${error}</span>`}
    <input class=${`nhsuk-input${error ? ' nhsuk-input--error' : ''}`} id=${id} name=${id} type=${type} spellcheck=${type === 'url' ? false : undefined} value=${value} aria-describedby=${error ? `${id}-error` : undefined} onInput=${(event: Event) => onInput((event.currentTarget as HTMLInputElement).value)} onChange=${onSave} />
  </div>`;

const StandardForm = ({ cycleId, index, standard, state, readOnly, onDraft, onSave, onErrors, since }: StandardFormProps) => {
  const { draft, errors } = state;
  const evidence = draft.evidence ?? [];
  const ratingId = fieldId(index, 'rating');
  const commentId = fieldId(index, 'comment');
  const setLink = (row: number, change: Partial<EvidenceLink>) => onDraft({ ...draft, evidence: evidence.map((entry, at) => (at === row && !isEvidenceFile(entry) ? { ...entry, ...change } : entry)) }, false);
  const links = evidence.flatMap((entry, row) => (isEvidenceFile(entry) ? [] : [{ link: entry, row }]));
  const files = evidence.filter(isEvidenceFile);
  const fileInputId = fieldId(index, 'evidence-file');
  const setFileError = (message: string | undefined) => {
    const { [fileInputId]: _previous, ...others } = errors;
    onErrors(message ? { ...others, [fileInputId]: message } : others);
  };
  return html`<div class="nhsuk-card app-standard" id=${fieldId(index, 'card')}>
    <div class="nhsuk-card__content">
      <h2 class="nhsuk-heading-m">${standard.id} <span class="nhsuk-u-visually-hidden">:</span><span class="nhsuk-caption-m">${TYPE_LABELS[standard.type] ?? `Type ${standard.type}`}</span></h2>
      <p class="nhsuk-body-l">${standard.text}</p>
      ${standard.guidance && html`<p class="nhsuk-body-s">Guidance: ${standard.guidance}</p>`}
      ${since &&
      html`<div class="nhsuk-inset-text"><span class="nhsuk-u-visually-hidden">Information: </span>
        <p>Since your last review: ${since.map((action) => action.words.line).join('; ')}. <a href=${selfReviewHref(cycleId)}>See the measure charts on the self-review page</a>.</p>
      </div>`}
      <fieldset class="nhsuk-fieldset" disabled=${readOnly}>
        <div class=${`nhsuk-form-group${errors[ratingId] ? ' nhsuk-form-group--error' : ''}`}>
          <fieldset class="nhsuk-fieldset" aria-describedby=${errors[ratingId] ? `${ratingId}-error` : undefined}>
            <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Does your service meet standard ${standard.id}?</legend>
            ${errors[ratingId] && html`<span class="nhsuk-error-message" id=${`${ratingId}-error`}><span class="nhsuk-u-visually-hidden">Error:</span> ${errors[ratingId]}</span>`}
            <div class="nhsuk-radios nhsuk-radios--inline">
              ${RATINGS.map(
                (rating, at) => html`<div class="nhsuk-radios__item">
                  <input class="nhsuk-radios__input" id=${at === 0 ? ratingId : `${ratingId}-${rating.value}`} name=${ratingId} type="radio" value=${rating.value} checked=${draft.rating === rating.value} onChange=${() => onDraft({ ...draft, rating: rating.value }, true)} />
                  <label class="nhsuk-label nhsuk-radios__label" for=${at === 0 ? ratingId : `${ratingId}-${rating.value}`}>${rating.text}</label>
                </div>`,
              )}
            </div>
          </fieldset>
        </div>
        <div class=${`nhsuk-form-group${errors[commentId] ? ' nhsuk-form-group--error' : ''}`}>
          <label class="nhsuk-label" for=${commentId}>Comment on standard ${standard.id} (optional)</label>
          <div class="nhsuk-hint" id=${`${commentId}-hint`}>What you do, and for a standard not met what you plan to do.</div>
          ${errors[commentId] && html`<span class="nhsuk-error-message" id=${`${commentId}-error`}><span class="nhsuk-u-visually-hidden">Error:</span> ${errors[commentId]}</span>`}
          <textarea class=${`nhsuk-textarea${errors[commentId] ? ' nhsuk-textarea--error' : ''}`} id=${commentId} name=${commentId} rows="3" aria-describedby=${`${commentId}-hint${errors[commentId] ? ` ${commentId}-error` : ''}`} value=${draft.comment ?? ''} onInput=${(event: Event) => onDraft({ ...draft, comment: (event.currentTarget as HTMLTextAreaElement).value }, false)} onChange=${onSave}></textarea>
        </div>
        <fieldset class="nhsuk-fieldset">
          <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Evidence for standard ${standard.id} (optional)</legend>
          <div class="nhsuk-hint">Upload a file, or add a link to the document, for example on your trust's intranet or SharePoint. A link's address must start with https://.</div>
          <${EvidenceUpload}
            cycleId=${cycleId}
            stage=${EvidenceStage.selfReview}
            standardId=${standard.id}
            id=${fileInputId}
            files=${files}
            readOnly=${readOnly}
            error=${errors[fileInputId]}
            onError=${setFileError}
            onUploaded=${(file: EvidenceFile) => onDraft({ ...draft, evidence: [...evidence, file] }, true)}
            onRemove=${(file: EvidenceFile) => onDraft({ ...draft, evidence: evidence.filter((entry) => !(isEvidenceFile(entry) && entry.key === file.key)) }, true)}
          />
          ${links.map(
            ({ link, row }, number) => html`<div class="app-evidence-link">
              <${TextInput} id=${fieldId(index, `evidence-${row}-title`)} label=${`Link ${number + 1} title`} value=${link.title} error=${errors[fieldId(index, `evidence-${row}-title`)]} onInput=${(title: string) => setLink(row, { title })} onSave=${onSave} />
              <${TextInput} id=${fieldId(index, `evidence-${row}-url`)} label=${`Link ${number + 1} address`} type="url" value=${link.url} error=${errors[fieldId(index, `evidence-${row}-url`)]} onInput=${(url: string) => setLink(row, { url })} onSave=${onSave} />
              <button class="nhsuk-button nhsuk-button--secondary nhsuk-button--small" type="button" onClick=${() => onDraft({ ...draft, evidence: evidence.filter((_link, at) => at !== row) }, true)}>Remove link ${number + 1}<span class="nhsuk-u-visually-hidden"> from standard ${standard.id}</span></button>
            </div>`,
          )}
          <button class="nhsuk-button nhsuk-button--secondary nhsuk-button--small" type="button" onClick=${() => onDraft({ ...draft, evidence: [...evidence, { title: '', url: '' }] }, false)}>${links.length === 0 ? 'Add a link' : 'Add another link'}<span class="nhsuk-u-visually-hidden"> to standard ${standard.id}</span></button>
        </fieldset>
      </fieldset>
      <${SaveStatus} state=${state} />
    </div>
  </div>`;
};

const initialStates = (view: SelfReviewView, sectionIndex: number): Record<string, StandardState> =>
  Object.fromEntries(
    (view.sections[sectionIndex]?.standards ?? []).map((standard) => [
      standard.id,
      { draft: draftOf(standard.answer), saved: standard.answer && { version: standard.answer.version, savedBy: standard.answer.savedBy, savedAt: standard.answer.savedAt }, saving: false, errors: {} },
    ]),
  );

const SectionForm = ({ cycleId, view, sectionIndex, since }: { cycleId: string; view: SelfReviewView; sectionIndex: number; since: ReadonlyMap<string, ActionSinceReview[]> }) => {
  const { api, session } = useApp();
  const section = view.sections[sectionIndex];
  const [states, setStates] = useState(() => initialStates(view, sectionIndex));
  // The latest state, read by saves queued behind one another (one save at a time per standard, so a
  // person's own quick changes never collide with each other).
  const latest = useRef(states);
  latest.current = states;
  const queues = useRef<Record<string, Promise<void>>>({});
  const lastSent = useRef<Record<string, string>>(Object.fromEntries(Object.entries(states).map(([id, state]) => [id, JSON.stringify(bodyOf(state.draft).body)])));
  const readOnly = view.task?.status !== 'open';

  const update = (standardId: string, change: Partial<StandardState>) => {
    latest.current = { ...latest.current, [standardId]: { ...latest.current[standardId], ...change } };
    setStates(latest.current);
  };

  const saveOne = async (standardId: string, index: number) => {
    const state = latest.current[standardId];
    if (state.stale) return;
    const { body, rows } = bodyOf(state.draft);
    const text = JSON.stringify(body);
    if (text === lastSent.current[standardId]) return;
    update(standardId, { saving: true });
    try {
      const answer = await saveSelfReviewAnswer(api, cycleId, standardId, body, latest.current[standardId].saved?.version ?? 0, session.user.name);
      lastSent.current[standardId] = text;
      update(standardId, { saving: false, errors: {}, saved: { version: answer.version, savedBy: answer.savedBy, savedAt: answer.savedAt } });
    } catch (error) {
      if (!(error instanceof ApiError)) {
        update(standardId, { saving: false, errors: { [fieldId(index, 'rating')]: `Your answer to ${standardId} was not saved: ${error instanceof Error ? error.message : String(error)}. Try again.` } });
        return;
      }
      if (error.status === 409 && error.code === 'StaleAnswer') {
        const current = error.body.current as { savedBy: string; savedAt: string };
        update(standardId, { saving: false, stale: current, errors: { [fieldId(index, 'rating')]: `${current.savedBy} changed the answer to ${standardId} at ${formatUkDateTime(current.savedAt)}, after you opened this page. Your change was not saved. Reload the page to see their answer, then make your change again.` } });
        return;
      }
      const issues = error.issues.length > 0 ? error.issues : [{ field: 'rating', message: error.message }];
      update(standardId, { saving: false, errors: errorsFromIssues(index, rows, state.draft.evidence ?? [], issues) });
    }
  };

  const save = (standardId: string, index: number) => {
    queues.current[standardId] = (queues.current[standardId] ?? Promise.resolve()).then(() => saveOne(standardId, index));
  };

  const errors = section.standards.flatMap((standard) => Object.entries(states[standard.id].errors).map(([id, text]) => ({ href: `#${id}`, text })));
  const stale = section.standards.some((standard) => states[standard.id].stale);
  const next = sectionIndex + 1 < view.sections.length ? sectionHref(cycleId, sectionIndex + 1) : checkAnswersHref(cycleId);
  return html`
    <${ErrorSummary} errors=${errors} />
    ${stale && html`<p class="nhsuk-body"><a href=${sectionHref(cycleId, sectionIndex)} data-external>Reload the page to see the newer answers</a></p>`}
    ${readOnly && html`<div class="nhsuk-inset-text"><span class="nhsuk-u-visually-hidden">Information: </span><p>The self-review is ${view.task?.status === 'submitted' ? 'submitted' : 'not open'}: the answers can no longer be changed.</p></div>`}
    <p class="nhsuk-body">Each answer is saved as you go: when you choose a rating, and when you leave a comment or link box.</p>
    ${section.standards.map(
      (standard, index) => html`<${StandardForm}
        key=${standard.id}
        cycleId=${cycleId}
        index=${index}
        standard=${standard}
        state=${states[standard.id]}
        readOnly=${readOnly}
        onDraft=${(draft: AnswerDraft, saveNow: boolean) => {
          update(standard.id, { draft });
          if (saveNow) save(standard.id, index);
        }}
        onSave=${() => save(standard.id, index)}
        onErrors=${(errors: Record<string, string>) => update(standard.id, { errors })}
        since=${since.get(standard.id)}
      />`,
    )}
    <div class="nhsuk-button-group">
      <a class="nhsuk-button" role="button" draggable="false" href=${next}>${sectionIndex + 1 < view.sections.length ? `Continue to ${view.sections[sectionIndex + 1].section}` : 'Check your answers'}</a>
      <a class="nhsuk-link" href=${selfReviewHref(cycleId)}>Back to all sections</a>
    </div>
  `;
};

const SelfReviewSectionPage = ({ cycleId, section }: { cycleId: string; section: string }) => {
  const { api } = useApp();
  const loaded = useLoad(() => loadSelfReview(api, cycleId), [cycleId, section]);
  // An interim review or renewal: each standard says what the last review's plan did about it.
  const follows = loaded.state === 'ready' ? loaded.data.previousCycleId : undefined;
  const lastReview = useLoad(async () => (follows ? loadLastReview(api, cycleId) : undefined), [cycleId, follows]);
  const since = new Map(lastReview.state === 'ready' && lastReview.data ? lastReview.data.standards.map((standard) => [standard.standardId, standard.actions]) : []);
  const sectionIndex = Number(section) - 1;
  const current = loaded.state === 'ready' ? loaded.data.sections[sectionIndex] : undefined;
  const back = { href: selfReviewHref(cycleId), text: 'Back to the self-review' };
  return html`<${Page} title=${current?.section ?? 'Self-review section'} caption=${`Self-review, section ${section}${loaded.state === 'ready' ? ` of ${loaded.data.sections.length}` : ''}`} back=${back}>
    ${loaded.state === 'loading' && html`<p class="nhsuk-body" role="status">Loading…</p>`}
    ${loaded.state === 'failed' && html`<${LoadFailed} error=${loaded.error} />`}
    ${loaded.state === 'ready' && !current && html`<p class="nhsuk-body">This self-review has no section ${section}. <a href=${selfReviewHref(cycleId)}>See all sections</a>.</p>`}
    ${loaded.state === 'ready' && current && html`<${SectionForm} key=${section} cycleId=${cycleId} view=${loaded.data} sectionIndex=${sectionIndex} since=${since} />`}
  <//>`;
};

export { SelfReviewSectionPage };
