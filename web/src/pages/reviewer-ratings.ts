// The lead reviewer's peer ratings (/cycles/{id}/peer-ratings): per standard, what the service said
// of itself beside the team's rating and comment; good practice and areas for development; a draft
// kept in this browser as they type; a check-your-answers page before the one submission. The
// API's refusals (an unknown standard, a reviewer who is not the lead) come back in its own words.
import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../api/client.ts';
import { cyclePath, loadInvitation, loadPeerRatingsData } from '../api/reviewer.ts';
import type { Invitation, PeerRatingsData, Rating, SelfAnswer, SelfReview, Standard } from '../api/reviewer.ts';
import { useApp } from '../app-context.ts';
import { ErrorSummary } from '../components/error-summary.ts';
import { EvidenceList } from '../components/evidence-list.ts';
import { LoadFailed } from '../components/load-failed.ts';
import { Page } from '../components/page.ts';
import { useLoad } from '../components/use-load.ts';
import { formatUkDate, formatUkDateTime } from '../format.ts';
import { html } from '../html.ts';
import { clearDraft, linesOf, readDraft, writeDraft } from '../peer-ratings-draft.ts';
import type { PeerRatingsDraft, StandardAnswer } from '../peer-ratings-draft.ts';

const RATINGS: { value: Rating; text: string }[] = [
  { value: 'met', text: 'Met' },
  { value: 'not-met', text: 'Not met' },
  { value: 'not-applicable', text: 'Not applicable' },
];
const ratingText = (value: string | undefined): string => RATINGS.find((rating) => rating.value === value)?.text ?? 'Not rated';

type Errors = Record<string, string>;

/** A standard id as an HTML id ("1.1" → "1-1"): the error summary links to it. */
const fieldId = (kind: 'rating' | 'comment', standardId: string): string => `${kind}-${standardId.replace(/[^A-Za-z0-9_-]/g, '-')}`;

/** What the service said of one standard (nothing when it gave no answer). */
const selfAnswerOf = (selfReview: SelfReview | undefined, standardId: string): SelfAnswer => selfReview?.[standardId] ?? { evidence: [] };

const sections = (standards: Standard[]): [string, Standard[]][] => {
  const grouped = new Map<string, Standard[]>();
  for (const standard of standards) grouped.set(standard.section, [...(grouped.get(standard.section) ?? []), standard]);
  return [...grouped];
};

const checkDraft = (standards: Standard[], draft: PeerRatingsDraft): Errors => {
  const errors: Errors = {};
  for (const standard of standards) {
    const answer = draft.answers[standard.id];
    if (!answer?.rating) errors[fieldId('rating', standard.id)] = `Select a rating for standard ${standard.id}`;
    if ((answer?.comment ?? '').length > 4000) errors[fieldId('comment', standard.id)] = `The comment on standard ${standard.id} must be 4,000 characters or fewer`;
  }
  return errors;
};

const bodyOf = (standards: Standard[], draft: PeerRatingsDraft, submittedBy: string) => {
  const goodPractice = linesOf(draft.goodPractice);
  const areasForDevelopment = linesOf(draft.areasForDevelopment);
  return {
    submittedBy,
    ratings: standards
      .filter((standard) => draft.answers[standard.id]?.rating)
      .map((standard) => {
        const { rating, comment } = draft.answers[standard.id] as Required<Pick<StandardAnswer, 'rating'>> & StandardAnswer;
        return { standardId: standard.id, rating, ...(comment?.trim() ? { comment: comment.trim() } : {}) };
      }),
    ...(goodPractice.length > 0 ? { goodPractice } : {}),
    ...(areasForDevelopment.length > 0 ? { areasForDevelopment } : {}),
  };
};

/** The API's issues against the form's fields: `ratings.3.standardId` is the fourth rating sent. */
const errorsFromApi = (error: unknown, sent: ReturnType<typeof bodyOf>): Errors => {
  if (!(error instanceof ApiError) || error.issues.length === 0) return { form: error instanceof Error ? error.message : String(error) };
  const errors: Errors = {};
  for (const issue of error.issues) {
    const [list, index] = issue.field.split('.');
    const standardId = list === 'ratings' && index !== undefined ? sent.ratings[Number(index)]?.standardId : undefined;
    const field = standardId ? fieldId('rating', standardId) : list === 'goodPractice' || list === 'areasForDevelopment' ? list : 'form';
    errors[field] = errors[field] ? `${errors[field]}; ${issue.message}` : issue.message;
  }
  return errors;
};

const SelfRating = ({ cycleId, selfReview, standardId }: { cycleId: string; selfReview?: SelfReview; standardId: string }) => {
  const answer = selfAnswerOf(selfReview, standardId);
  return html`<div class="app-self-rating">
    <h4 class="nhsuk-heading-xs nhsuk-u-margin-bottom-1">The service said</h4>
    <p class="nhsuk-body nhsuk-u-margin-bottom-1"><strong>${ratingText(answer.rating)}</strong></p>
    ${answer.comment && html`<p class="nhsuk-body-s nhsuk-u-margin-bottom-1">${answer.comment}</p>`}
    ${answer.evidence.length > 0 &&
    html`<p class="nhsuk-body-s nhsuk-u-margin-bottom-0">Evidence:</p>
      <${EvidenceList} cycleId=${cycleId} evidence=${answer.evidence} />`}
    ${!answer.comment && answer.evidence.length === 0 && html`<p class="nhsuk-body-s nhsuk-u-secondary-text-color nhsuk-u-margin-bottom-0">No comment or evidence given.</p>`}
  </div>`;
};

interface StandardFieldProps {
  cycleId: string;
  standard: Standard;
  selfReview?: SelfReview;
  answer: StandardAnswer;
  errors: Errors;
  onChange: (answer: StandardAnswer) => void;
}

const StandardField = ({ cycleId, standard, selfReview, answer, errors, onChange }: StandardFieldProps) => {
  const ratingId = fieldId('rating', standard.id);
  const commentId = fieldId('comment', standard.id);
  const ratingError = errors[ratingId];
  const commentError = errors[commentId];
  // The standard first, across the card: a reviewer reads what is asked before either answer.
  return html`<div class="nhsuk-card app-standard-card">
    <div class="nhsuk-card__content">
      <h3 class="nhsuk-heading-s nhsuk-u-margin-bottom-1">Standard ${standard.id}: ${standard.text}</h3>
      ${standard.guidance && html`<p class="nhsuk-body-s nhsuk-u-secondary-text-color">${standard.guidance}</p>`}
      <div class="nhsuk-grid-row">
        <div class="nhsuk-grid-column-one-third"><${SelfRating} cycleId=${cycleId} selfReview=${selfReview} standardId=${standard.id} /></div>
        <div class="nhsuk-grid-column-two-thirds">
          <div class=${`nhsuk-form-group${ratingError ? ' nhsuk-form-group--error' : ''}`}>
            <fieldset class="nhsuk-fieldset" aria-describedby=${ratingError ? `${ratingId}-error` : undefined}>
              <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">The team's rating<span class="nhsuk-u-visually-hidden"> of standard ${standard.id}</span></legend>
              ${ratingError && html`<span class="nhsuk-error-message" id=${`${ratingId}-error`}><span class="nhsuk-u-visually-hidden">Error:</span> ${ratingError}</span>`}
              <div class="nhsuk-radios nhsuk-radios--inline">
                ${RATINGS.map(
                  (rating, index) => html`<div class="nhsuk-radios__item">
                    <input class="nhsuk-radios__input" id=${index === 0 ? ratingId : `${ratingId}-${rating.value}`} name=${ratingId} type="radio"
                      value=${rating.value} checked=${answer.rating === rating.value} onChange=${() => onChange({ ...answer, rating: rating.value })} />
                    <label class="nhsuk-label nhsuk-radios__label" for=${index === 0 ? ratingId : `${ratingId}-${rating.value}`}>${rating.text}<span class="nhsuk-u-visually-hidden"> (standard ${standard.id})</span></label>
                  </div>`,
                )}
              </div>
            </fieldset>
          </div>
          <div class=${`nhsuk-form-group nhsuk-u-margin-bottom-0${commentError ? ' nhsuk-form-group--error' : ''}`}>
            <label class="nhsuk-label" for=${commentId}>The team's comment<span class="nhsuk-u-visually-hidden"> on standard ${standard.id}</span> (optional)</label>
            ${commentError && html`<span class="nhsuk-error-message" id=${`${commentId}-error`}><span class="nhsuk-u-visually-hidden">Error:</span> ${commentError}</span>`}
            <textarea class=${`nhsuk-textarea${commentError ? ' nhsuk-textarea--error' : ''}`} id=${commentId} name=${commentId} rows="2"
              aria-describedby=${commentError ? `${commentId}-error` : undefined}
              onInput=${(event: Event) => onChange({ ...answer, comment: (event.currentTarget as HTMLTextAreaElement).value })}>${answer.comment ?? ''}</textarea>
          </div>
        </div>
      </div>
    </div>
  </div>`;
};

const ListField = ({ id, label, hint, value, error, onInput }: { id: string; label: string; hint: string; value: string; error?: string; onInput: (value: string) => void }) =>
  html`<div class=${`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>
    <label class="nhsuk-label nhsuk-label--s" for=${id}>${label}</label>
    <div class="nhsuk-hint" id=${`${id}-hint`}>${hint}</div>
    ${error && html`<span class="nhsuk-error-message" id=${`${id}-error`}><span class="nhsuk-u-visually-hidden">Error:</span> ${error}</span>`}
    <textarea class=${`nhsuk-textarea${error ? ' nhsuk-textarea--error' : ''}`} id=${id} name=${id} rows="4"
      aria-describedby=${error ? `${id}-hint ${id}-error` : `${id}-hint`}
      onInput=${(event: Event) => onInput((event.currentTarget as HTMLTextAreaElement).value)}>${value}</textarea>
  </div>`;

interface FormProps {
  cycleId: string;
  userKey: string;
  submittedBy: string;
  data: PeerRatingsData;
  invitation?: Invitation;
}

const PeerRatingsForm = ({ cycleId, userKey, submittedBy, data, invitation }: FormProps) => {
  const { api } = useApp();
  const [draft, setDraft] = useState<PeerRatingsDraft>(() => readDraft(cycleId, userKey));
  const [saved, setSaved] = useState<boolean | undefined>();
  const [errors, setErrors] = useState<Errors>({});
  const [view, setView] = useState<'form' | 'check' | 'done'>('form');
  const [focusOn, setFocusOn] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (view !== 'form' || !focusOn) return;
    document.getElementById(focusOn)?.focus();
    setFocusOn(undefined);
  }, [view, focusOn]);

  const update = (next: PeerRatingsDraft) => {
    const stamped = { ...next, savedAt: new Date().toISOString() };
    setDraft(stamped);
    setSaved(writeDraft(cycleId, userKey, stamped));
  };
  const toCheck = (event: Event) => {
    event.preventDefault();
    const found = checkDraft(data.standards, draft);
    setErrors(found);
    if (Object.keys(found).length === 0) {
      setView('check');
      window.scrollTo(0, 0);
    }
  };
  const change = (id: string) => {
    setView('form');
    setFocusOn(id);
  };
  const submit = async () => {
    const body = bodyOf(data.standards, draft, submittedBy);
    setBusy(true);
    try {
      await api.post(`${cyclePath(cycleId)}/tasks/peer-ratings`, body);
      clearDraft(cycleId, userKey);
      setView('done');
    } catch (error) {
      setErrors(errorsFromApi(error, body));
      setView('form');
      window.scrollTo(0, 0);
    } finally {
      setBusy(false);
    }
  };

  const summary = Object.entries(errors).map(([id, text]) => ({ text, href: id === 'form' ? undefined : `#${id}` }));
  const lead = invitation?.team.find((member) => member.roleLabel === 'Lead reviewer');

  if (view === 'done') {
    return html`<div class="nhsuk-panel" role="status">
        <h2 class="nhsuk-panel__title">Peer ratings submitted</h2>
        <div class="nhsuk-panel__body">The network team drafts the report from them; the service then checks it for factual accuracy.</div>
      </div>
      <p class="nhsuk-body">The draft kept on this computer has been deleted.</p>`;
  }
  if (view === 'check') {
    return html`<h2 class="nhsuk-heading-l">Check your answers before submitting the ratings</h2>
      ${sections(data.standards).map(
        ([section, standards]) => html`<h3 class="nhsuk-heading-m">${section}</h3>
          <dl class="nhsuk-summary-list">
            ${standards.map((standard) => {
              const answer = draft.answers[standard.id] ?? {};
              return html`<div class="nhsuk-summary-list__row">
                <dt class="nhsuk-summary-list__key">Standard ${standard.id}</dt>
                <dd class="nhsuk-summary-list__value">
                  <strong>${ratingText(answer.rating)}</strong> (service: ${ratingText(selfAnswerOf(data.selfReview, standard.id).rating).toLowerCase()})
                  ${answer.comment?.trim() && html`<p class="nhsuk-body-s nhsuk-u-margin-bottom-0 nhsuk-u-margin-top-1">${answer.comment.trim()}</p>`}
                </dd>
                <dd class="nhsuk-summary-list__actions">
                  <button type="button" class="app-link-button" onClick=${() => change(fieldId('rating', standard.id))}>Change<span class="nhsuk-u-visually-hidden"> standard ${standard.id}</span></button>
                </dd>
              </div>`;
            })}
          </dl>`,
      )}
      <h3 class="nhsuk-heading-m">Good practice and areas for development</h3>
      <dl class="nhsuk-summary-list">
        ${[
          ['goodPractice', 'Good practice', draft.goodPractice],
          ['areasForDevelopment', 'Areas for development', draft.areasForDevelopment],
        ].map(
          ([id, label, text]) => html`<div class="nhsuk-summary-list__row">
            <dt class="nhsuk-summary-list__key">${label}</dt>
            <dd class="nhsuk-summary-list__value">${linesOf(text ?? '').length > 0 ? html`<ul class="nhsuk-list nhsuk-list--bullet app-compact-list">${linesOf(text ?? '').map((line) => html`<li>${line}</li>`)}</ul>` : 'None'}</dd>
            <dd class="nhsuk-summary-list__actions">
              <button type="button" class="app-link-button" onClick=${() => change(id ?? '')}>Change<span class="nhsuk-u-visually-hidden"> ${label?.toLowerCase()}</span></button>
            </dd>
          </div>`,
        )}
      </dl>
      <div class="nhsuk-warning-callout">
        <h3 class="nhsuk-warning-callout__label"><span role="text"><span class="nhsuk-u-visually-hidden">Important: </span>You can submit once</span></h3>
        <p>The ratings are recorded as submitted by ${submittedBy} for the whole review team and cannot be changed afterwards.</p>
      </div>
      <button class="nhsuk-button" type="button" disabled=${busy} onClick=${submit}>${busy ? 'Submitting…' : 'Submit the peer ratings'}</button>
      <p class="nhsuk-body"><button type="button" class="app-link-button" onClick=${() => setView('form')}>Go back and change the ratings</button></p>`;
  }
  const rated = data.standards.filter((standard) => draft.answers[standard.id]?.rating).length;
  return html`<${ErrorSummary} errors=${summary} />
    ${invitation && !invitation.isLead &&
    html`<div class="nhsuk-warning-callout">
      <h2 class="nhsuk-warning-callout__label"><span role="text"><span class="nhsuk-u-visually-hidden">Important: </span>Only the lead reviewer submits</span></h2>
      <p>The lead reviewer${lead ? `, ${lead.name},` : ''} records the team's ratings. You can prepare yours here and give them to the lead; submitting them yourself will be refused.</p>
    </div>`}
    <div class="nhsuk-inset-text"><span class="nhsuk-u-visually-hidden">Information: </span>
      <p>Your answers are saved as you type <strong>on this computer only</strong> (in this browser), so you can close it and come back. Nothing is sent to the network until you submit.</p>
      <p class="nhsuk-u-margin-bottom-0" role="status">${
        saved === false
          ? 'This browser is not saving drafts (private browsing or storage full): finish before you close it.'
          : draft.savedAt
            ? `Draft saved on this computer at ${formatUkDateTime(draft.savedAt)}. ${rated} of ${data.standards.length} standards rated.`
            : `${rated} of ${data.standards.length} standards rated.`
      }</p>
    </div>
    <form onSubmit=${toCheck} novalidate>
      ${sections(data.standards).map(
        ([section, standards]) => html`<h2 class="nhsuk-heading-m">${section}</h2>
          ${standards.map(
            (standard) => html`<${StandardField}
              cycleId=${cycleId}
              standard=${standard}
              selfReview=${data.selfReview}
              answer=${draft.answers[standard.id] ?? {}}
              errors=${errors}
              onChange=${(answer: StandardAnswer) => update({ ...draft, answers: { ...draft.answers, [standard.id]: answer } })}
            />`,
          )}`,
      )}
      <h2 class="nhsuk-heading-m">Good practice and areas for development</h2>
      <${ListField} id="goodPractice" label="Good practice" hint="What the service does well that others could learn from. One item per line." value=${draft.goodPractice}
        error=${errors.goodPractice} onInput=${(value: string) => update({ ...draft, goodPractice: value })} />
      <${ListField} id="areasForDevelopment" label="Areas for development" hint="What the service should improve. One item per line." value=${draft.areasForDevelopment}
        error=${errors.areasForDevelopment} onInput=${(value: string) => update({ ...draft, areasForDevelopment: value })} />
      <button class="nhsuk-button" type="submit">Continue to check your answers</button>
    </form>`;
};

const ReviewerRatingsPage = ({ cycleId }: { cycleId: string }) => {
  const { api, session } = useApp();
  const reviewerId = session.user.reviewerId;
  const loaded = useLoad(
    async () => {
      const [data, invitation] = await Promise.all([loadPeerRatingsData(api, cycleId), reviewerId ? loadInvitation(api, cycleId, reviewerId) : undefined]);
      return { data, invitation };
    },
    [cycleId, reviewerId],
  );
  const title = 'Peer ratings';
  const back = reviewerId ? { href: `${cyclePath(cycleId)}/reviewers/${encodeURIComponent(reviewerId)}/visit`, text: 'Back to the visit' } : { href: cyclePath(cycleId), text: 'Back to the cycle' };
  if (loaded.state === 'loading') return html`<${Page} title=${title} back=${back}><p class="nhsuk-body" role="status">Loading…</p><//>`;
  if (loaded.state === 'failed') return html`<${Page} title=${title} back=${back}><${LoadFailed} error=${loaded.error} /><//>`;
  const { data, invitation } = loaded.data;
  const caption = invitation?.serviceName ?? `Cycle ${cycleId}`;
  const task = data.task;
  if (!task || (task.status !== 'open' && task.status !== 'overdue')) {
    return html`<${Page} title=${title} caption=${caption} back=${back}>
      <div class="nhsuk-inset-text"><span class="nhsuk-u-visually-hidden">Information: </span>
        <p>${!task ? 'The peer ratings open after the visit. The lead reviewer is emailed when they do.' : `The peer ratings are ${task.status === 'submitted' ? 'already submitted' : `closed (${task.status})`}.`}</p>
      </div>
    <//>`;
  }
  return html`<${Page} title=${title} caption=${caption} back=${back}>
    <p class="nhsuk-body-l">Rate each standard from what the team saw on the visit, beside the service's own rating.${task.dueAt ? html` Submit by <strong>${formatUkDate(task.dueAt)}</strong>.` : ''}</p>
    <${PeerRatingsForm} cycleId=${cycleId} userKey=${reviewerId ?? session.user.name} submittedBy=${invitation?.reviewerName ?? session.user.name} data=${data} invitation=${invitation} />
  <//>`;
};

export { ReviewerRatingsPage };
