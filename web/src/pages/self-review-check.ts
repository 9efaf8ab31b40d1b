// Check your answers before the self-review is submitted (it cannot be undone): every standard's
// rating, comment and evidence by section, each with a link to change it; the standards not rated
// yet in an error summary; then Submit, which sends the saved answers (the API builds the
// submission from them and refuses it while a standard is unrated).
import { isEvidenceFile } from '#core/self-review';
import { useState } from 'preact/hooks';
import { ApiError } from '../api/client.ts';
import { loadSelfReview, sectionHref, selfReviewHref, submitSelfReview } from '../api/self-review.ts';
import type { SelfReviewView } from '../api/self-review.ts';
import { useApp } from '../app-context.ts';
import { ErrorSummary } from '../components/error-summary.ts';
import type { ErrorItem } from '../components/error-summary.ts';
import { LoadFailed } from '../components/load-failed.ts';
import { Page } from '../components/page.ts';
import { useLoad } from '../components/use-load.ts';
import { html } from '../html.ts';

const RATING_TEXT: Record<string, string> = { met: 'Met', 'not-met': 'Not met', 'not-applicable': 'Not applicable' };

const unrated = (cycleId: string, view: SelfReviewView): ErrorItem[] =>
  view.sections.flatMap((section, index) =>
    section.standards.filter((standard) => !standard.answer?.rating).map((standard) => ({ text: `Rate standard ${standard.id} (${section.section})`, href: sectionHref(cycleId, index) })),
  );

const Answers = ({ cycleId, view, canChange }: { cycleId: string; view: SelfReviewView; canChange: boolean }) =>
  view.sections.map(
    (section, index) => html`<h2 class="nhsuk-heading-m">${section.section}</h2>
      <dl class="nhsuk-summary-list">
        ${section.standards.map(
          (standard) => html`<div class="nhsuk-summary-list__row">
            <dt class="nhsuk-summary-list__key">${standard.id}</dt>
            <dd class="nhsuk-summary-list__value">
              <p class="nhsuk-body-s nhsuk-u-margin-bottom-1">${standard.text}</p>
              <p class="nhsuk-u-margin-bottom-1"><strong>${standard.answer?.rating ? RATING_TEXT[standard.answer.rating] : 'Not rated yet'}</strong></p>
              ${standard.answer?.comment && html`<p class="nhsuk-body-s nhsuk-u-margin-bottom-1">${standard.answer.comment}</p>`}
              ${(standard.answer?.evidence ?? []).length > 0 &&
              html`<ul class="nhsuk-list nhsuk-body-s nhsuk-u-margin-bottom-0">
                ${standard.answer?.evidence?.map((entry) =>
                  isEvidenceFile(entry)
                    ? html`<li>File: ${entry.name}</li>`
                    : html`<li><a href=${entry.url} data-external rel="noreferrer noopener" target="_blank">${entry.title} (opens in a new tab)</a></li>`,
                )}
              </ul>`}
            </dd>
            ${canChange && html`<dd class="nhsuk-summary-list__actions"><a href=${sectionHref(cycleId, index)}>Change<span class="nhsuk-u-visually-hidden"> standard ${standard.id}</span></a></dd>`}
          </div>`,
        )}
      </dl>`,
  );

const SelfReviewCheckPage = ({ cycleId }: { cycleId: string }) => {
  const { api, session } = useApp();
  const loaded = useLoad(() => loadSelfReview(api, cycleId), [cycleId]);
  const [sending, setSending] = useState(false);
  const [sent, setSent] = useState(false);
  const [apiErrors, setApiErrors] = useState<ErrorItem[]>([]);
  const back = { href: selfReviewHref(cycleId), text: 'Back to the self-review' };
  if (loaded.state !== 'ready') {
    return html`<${Page} title="Check your self-review answers" back=${back}>
      ${loaded.state === 'loading' ? html`<p class="nhsuk-body" role="status">Loading…</p>` : html`<${LoadFailed} error=${loaded.error} />`}
    <//>`;
  }
  const view = loaded.data;
  if (sent || view.task?.status === 'submitted') {
    return html`<${Page} title="Self-review submitted" back=${{ href: `/cycles/${encodeURIComponent(cycleId)}`, text: 'Back to the cycle' }}>
      <div class="nhsuk-panel"><h2 class="nhsuk-panel__title">Your self-review has been sent to the network</h2><div class="nhsuk-panel__body">The network team will now arrange your peer review visit.</div></div>
      <${Answers} cycleId=${cycleId} view=${view} canChange=${false} />
    <//>`;
  }
  const missing = unrated(cycleId, view);
  // Colleagues prepare the answers; the enrolled service lead sends them (src/step-actors.ts).
  const leads = view.serviceLeads ?? [];
  const email = session.user.email?.toLowerCase();
  const mayNotSubmit = session.user.roles.includes('service') && !session.user.roles.includes('staff') && leads.length > 0 && !leads.some((lead) => lead.toLowerCase() === email);
  const submit = async () => {
    if (sending || missing.length > 0) return;
    setSending(true);
    try {
      await submitSelfReview(api, cycleId, session.user.name);
      setSent(true);
    } catch (error) {
      setApiErrors(error instanceof ApiError && error.issues.length > 0 ? error.issues.map((issue) => ({ text: `${issue.field}: ${issue.message}` })) : [{ text: error instanceof Error ? error.message : String(error) }]);
    } finally {
      setSending(false);
    }
  };
  return html`<${Page} title="Check your self-review answers" caption=${`Cycle ${cycleId}`} back=${back}>
    <${ErrorSummary} title=${missing.length > 0 ? 'Rate every standard before you submit' : 'There is a problem'} errors=${[...missing, ...apiErrors]} />
    <${Answers} cycleId=${cycleId} view=${view} canChange=${view.task?.status === 'open'} />
    ${missing.length === 0 &&
    mayNotSubmit &&
    html`<div class="nhsuk-inset-text"><span class="nhsuk-u-visually-hidden">Information: </span>
      <p>Only the service lead, ${leads.join(' or ')}, can submit the self-review. Your answers are saved: ask them to check and submit it.</p>
    </div>`}
    ${missing.length === 0 &&
    !mayNotSubmit &&
    html`<h2 class="nhsuk-heading-m">Now send your self-review</h2>
      <p class="nhsuk-body">By submitting you confirm that, to the best of your knowledge, the answers are correct. The self-review is sent once: after this, the answers cannot be changed.</p>
      <button class="nhsuk-button" type="button" disabled=${sending} onClick=${submit}>Submit self-review</button>`}
  <//>`;
};

export { SelfReviewCheckPage };
