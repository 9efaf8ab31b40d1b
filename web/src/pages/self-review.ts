// The service's self-review as a task list (NHS.UK task list component): one row per section of the
// standards with its progress, then the check-your-answers page once every section is completed.
// Answers are saved per standard as people go, so the list shows where the team has got to.
import type { SectionProgress } from '#core/self-review';
import { loadLastReview } from '../api/last-review.ts';
import { checkAnswersHref, loadSelfReview, sectionHref } from '../api/self-review.ts';
import type { SelfReviewView } from '../api/self-review.ts';
import { useApp } from '../app-context.ts';
import { LastReview } from '../components/last-review.ts';
import { LoadFailed } from '../components/load-failed.ts';
import { Page } from '../components/page.ts';
import { useLoad } from '../components/use-load.ts';
import { formatUkDate, formatUkDateTime } from '../format.ts';
import { html } from '../html.ts';

const PROGRESS: Record<SectionProgress, { text: string; colour?: string }> = {
  'not-started': { text: 'Not started', colour: 'grey' },
  'in-progress': { text: 'In progress', colour: 'blue' },
  // The task list pattern shows a completed task as plain text, not a tag.
  completed: { text: 'Completed' },
};

const ProgressStatus = ({ progress }: { progress: SectionProgress }) => {
  const { text, colour } = PROGRESS[progress];
  return colour ? html`<strong class=${`nhsuk-tag nhsuk-tag--${colour}`}>${text}</strong>` : text;
};

const TaskList = ({ cycleId, view }: { cycleId: string; view: SelfReviewView }) => html`<ul class="nhsuk-task-list">
  ${view.sections.map(
    (section, index) => html`<li class="nhsuk-task-list__item nhsuk-task-list__item--with-link">
      <div class="nhsuk-task-list__name-and-hint">
        <a class="nhsuk-link nhsuk-task-list__link" href=${sectionHref(cycleId, index)} aria-describedby=${`section-${index}-hint section-${index}-status`}>${section.section}</a>
        <div class="nhsuk-task-list__hint" id=${`section-${index}-hint`}>${section.answered} of ${section.standards.length} standards rated</div>
      </div>
      <div class="nhsuk-task-list__status" id=${`section-${index}-status`}><${ProgressStatus} progress=${section.progress} /></div>
    </li>`,
  )}
</ul>`;

const SelfReviewPage = ({ cycleId }: { cycleId: string }) => {
  const { api } = useApp();
  const loaded = useLoad(() => loadSelfReview(api, cycleId), [cycleId]);
  // An interim review or renewal starts from what the last review's plan did; a first cycle shows nothing.
  const follows = loaded.state === 'ready' ? loaded.data.previousCycleId : undefined;
  const lastReview = useLoad(async () => (follows ? loadLastReview(api, cycleId) : undefined), [cycleId, follows]);
  const back = { href: `/cycles/${encodeURIComponent(cycleId)}`, text: 'Back to the cycle' };
  if (loaded.state !== 'ready') {
    return html`<${Page} title="Self-review" caption=${`Cycle ${cycleId}`} back=${back}>
      ${loaded.state === 'loading' ? html`<p class="nhsuk-body" role="status">Loading…</p>` : html`<${LoadFailed} error=${loaded.error} />`}
    <//>`;
  }
  const view = loaded.data;
  const rated = view.sections.reduce((sum, section) => sum + section.answered, 0);
  const total = view.sections.reduce((sum, section) => sum + section.standards.length, 0);
  const submitted = view.task?.status === 'submitted';
  return html`<${Page} title="Self-review" caption=${`Cycle ${cycleId}`} back=${back}>
    ${submitted
      ? html`<div class="nhsuk-inset-text"><span class="nhsuk-u-visually-hidden">Information: </span><p>Submitted by ${view.task?.submittedBy} on ${formatUkDateTime(view.task?.submittedAt ?? '')}. The answers below are what was sent.</p></div>`
      : html`<p class="nhsuk-body">Rate your service against each standard: met, not met or not applicable, with a comment and links to your evidence. Everyone in your team can work on it at once; each answer is saved as you go.</p>
          ${view.task?.dueAt && html`<p class="nhsuk-body">Submit it by <strong>${formatUkDate(view.task.dueAt)}</strong>.</p>`}`}
    <h2 class="nhsuk-heading-m">${rated} of ${total} standards rated</h2>
    <${TaskList} cycleId=${cycleId} view=${view} />
    ${!submitted && html`<a class="nhsuk-button" role="button" draggable="false" href=${checkAnswersHref(cycleId)}>Check your answers and submit</a>`}
    ${lastReview.state === 'ready' && lastReview.data && html`<${LastReview} view=${lastReview.data} standards=${view.sections.flatMap((section) => section.standards)} />`}
  <//>`;
};

export { SelfReviewPage };
