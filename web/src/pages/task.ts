// Where an email's link lands (/cycles/{id}/tasks/{stage}): the step's own page where it has one
// (issue 9: each a chunk of its own, loaded when first opened), else who owes it and its deadline. A
// step whose page has another address (the peer ratings) is sent on to it, in place of this one.
import type { VNode } from 'preact';
import { useEffect } from 'preact/hooks';
import { useApp } from '../app-context.ts';
import { lazyPage } from '../components/lazy-page.ts';
import { LoadFailed } from '../components/load-failed.ts';
import { Page } from '../components/page.ts';
import { StatusTag } from '../components/tag.ts';
import { useLoad } from '../components/use-load.ts';
import { formatUkDate } from '../format.ts';
import { html } from '../html.ts';
import { stageLabel, stepOwner } from '../labels.ts';
import { navigate } from '../router.ts';
import { taskPageOf } from '../task-pages.ts';

type StagePage = (props: { cycleId: string }) => VNode | null;

/** The steps with a page of their own, by stage. */
const stagePages: Record<string, StagePage> = {
  'committee-decision': lazyPage(async () => (await import('./committee-pack.ts')).CommitteePackPage),
  'deferral-evidence': lazyPage(async () => (await import('./deferral-evidence.ts')).DeferralEvidencePage),
  appeal: lazyPage(async () => (await import('./statement-step.ts')).AppealPage),
  visit: lazyPage(async () => (await import('./statement-step.ts')).VisitCancellationPage),
};

interface TaskAnswer {
  task: { stage: string; status: string; dueAt?: string };
}

const TaskPage = ({ cycleId, stage }: { cycleId: string; stage: string }) => {
  const ownPage = taskPageOf(cycleId, stage);
  const elsewhere = ownPage !== `/cycles/${encodeURIComponent(cycleId)}/tasks/${encodeURIComponent(stage)}`;
  useEffect(() => {
    if (elsewhere) navigate(ownPage, { replace: true });
  }, [elsewhere, ownPage]);
  if (elsewhere) return null;
  const StepPage = Object.hasOwn(stagePages, stage) ? stagePages[stage] : undefined;
  return StepPage ? html`<${StepPage} cycleId=${cycleId} />` : html`<${TaskSummary} cycleId=${cycleId} stage=${stage} />`;
};

const TaskSummary = ({ cycleId, stage }: { cycleId: string; stage: string }) => {
  const { api } = useApp();
  const loaded = useLoad(async () => (await api.get<TaskAnswer>(`/cycles/${encodeURIComponent(cycleId)}/tasks/${encodeURIComponent(stage)}`)).body.task, [cycleId, stage]);
  return html`<${Page} title=${stageLabel(stage)} caption=${`Cycle ${cycleId}`} back=${{ href: `/cycles/${encodeURIComponent(cycleId)}`, text: 'Back to the cycle' }}>
    ${loaded.state === 'loading' && html`<p class="nhsuk-body" role="status">Loading…</p>`}
    ${loaded.state === 'failed' && html`<${LoadFailed} error=${loaded.error} />`}
    ${loaded.state === 'ready' &&
    html`<dl class="nhsuk-summary-list">
        <div class="nhsuk-summary-list__row"><dt class="nhsuk-summary-list__key">Status</dt><dd class="nhsuk-summary-list__value"><${StatusTag} status=${loaded.data.status} /></dd></div>
        <div class="nhsuk-summary-list__row"><dt class="nhsuk-summary-list__key">Owed by</dt><dd class="nhsuk-summary-list__value">${stepOwner(stage)}</dd></div>
        <div class="nhsuk-summary-list__row"><dt class="nhsuk-summary-list__key">Due</dt><dd class="nhsuk-summary-list__value">${loaded.data.dueAt ? formatUkDate(loaded.data.dueAt) : 'No deadline'}</dd></div>
      </dl>
      <div class="nhsuk-inset-text"><span class="nhsuk-u-visually-hidden">Information: </span><p>The form for this step is not in the web app yet. Until it is, the network team can record it with the accredit command line.</p></div>`}
  <//>`;
};

export { TaskPage };
