// Records what came of a stage (a submission, a missed deadline, the committee's decision, a
// cancelled visit, an unanswered factual-accuracy check, a lapsed deferral or appeal window):
// loads the cycle, asks the core's transition table (src/cycle-transitions.ts) what follows,
// commits it with its audit event in one transaction, and tells the people concerned. Each state
// entry records once however often Lambda retries. The close of the factual-accuracy check also
// records itself on the report, and corrections make it the corrected report (report-corrections.ts)
// before the committee's step opens. Returns the cycle's workflow view.
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { parser } from '@aws-lambda-powertools/parser/middleware';
import middy from '@middy/core';
import { Announcement, cycleTransition, StageOutcome } from '#core/cycle-transitions';
import type { Transition } from '#core/cycle-transitions';
import { ukDateOf } from '#core/uk-time';
import { CycleStatus } from '#core/vocabulary';
import { now } from '#commons/clock';
import { cancelAllocation } from '#commons/data/allocation';
import { releaseVisit } from '#commons/data/bookings';
import { AuditEventType, auditPut } from '#commons/data/audit';
import { cycleUpdate, explainCycleRefusal, occurrenceNotifiedMark } from '#commons/data/cycle';
import { sendOnce } from '#commons/data/email-once';
import { closeTask, isPending } from '#commons/data/task';
import { writeTransaction } from '#commons/data/transaction';
import { CycleWithdrawnError, NetworkNotFoundError } from '#commons/errors';
import { configOfCycle } from '#commons/helpers/networks';
import { getCycle, getTask, requireCycle } from '#commons/helpers/records';
import type { CycleRecord } from '#commons/helpers/records';
import { cycleKey } from '#commons/helpers/table-keys';
import { workflowView } from '#commons/helpers/workflow-view';
import type { WorkflowView } from '#commons/helpers/workflow-view';
import { logger } from '#commons/powertools/logger';
import { publishMetrics, recordStageEntered } from '#commons/powertools/metrics';
import { recordStageOutcomeEventSchema } from '#commons/schemas/events';
import type { RecordStageOutcomeEvent } from '#commons/schemas/events';
import { outcomeEmails } from './outcome-emails.ts';
import { reportCorrectionItems, tellLeadReviewer } from './report-corrections.ts';

const recordOutcome = async (event: RecordStageOutcomeEvent, cycle: CycleRecord, plan: Transition, at: Date) => {
  const task = plan.closesTask ? await getTask(event.cycleId, event.stage) : undefined;
  const reportItems = await reportCorrectionItems(event, ukDateOf(at), at);
  await writeTransaction({
    TransactItems: [
      cycleUpdate({
        cycleId: event.cycleId,
        cohortId: cycle.cohortId,
        executionArn: event.executionArn,
        occurrenceId: event.occurrenceId,
        stage: plan.stage,
        status: plan.status,
        set: plan.set,
        ...(plan.add ? { add: plan.add } : {}),
        // Nothing is owed once the cycle is finished (issue 10, defect 7).
        ...(plan.finished ? { remove: ['currentDeadline'] } : {}),
        at: at.toISOString(),
      }),
      auditPut({
        entityPk: cycleKey(event.cycleId).pk,
        type: AuditEventType.stageRecorded,
        at,
        actor: event.executionArn,
        detail: { stage: event.stage, outcome: event.outcome, status: plan.status, decision: plan.decision, reason: plan.reason },
      }),
      ...(task && isPending(task) ? [closeTask(task, plan.keepsReminders ?? false)] : []),
      // A cancelled visit's places no longer count; a rebooking counts its team afresh.
      ...(event.outcome === StageOutcome.visitCancelled ? [cancelAllocation(event.cycleId), ...(await releaseVisit(event.cycleId))] : []),
      ...reportItems,
    ],
  });
};

/** The cycle as this step's own write left it (its transaction returns nothing): read once, passed on. */
const appliedTo = (cycle: CycleRecord, plan: Transition): CycleRecord => ({
  ...cycle,
  stage: plan.stage,
  status: plan.status,
  ...plan.set,
  ...Object.fromEntries(Object.entries(plan.add ?? {}).map(([name, value]) => [name, Number((cycle as unknown as Record<string, unknown>)[name] ?? 0) + value])),
});

/**
 * Once per occurrence of the state: a retried Lambda does not announce twice. `recorded` is the
 * cycle as this invocation's own write left it; a retry, whose write was refused, reads it.
 */
const announceOnce = async (event: RecordStageOutcomeEvent, cycle: CycleRecord, plan: Transition, recorded: CycleRecord | undefined) => {
  if (plan.announce === Announcement.none) return;
  const fresh = recorded ?? (await getCycle(event.cycleId));
  if (fresh?.notifiedOccurrences?.includes(event.occurrenceId)) return;
  await sendOnce({
    cycleId: event.cycleId,
    sendingId: `occurrence#${event.occurrenceId}`,
    emails: await outcomeEmails(cycle, event, plan),
    mark: occurrenceNotifiedMark(event.cycleId, event.occurrenceId),
  });
};

const recordStageOutcome = async (event: RecordStageOutcomeEvent): Promise<WorkflowView> => {
  const cycle = await requireCycle(event.cycleId);
  if (cycle.status === CycleStatus.withdrawn) throw new CycleWithdrawnError(event.cycleId);
  const network = await configOfCycle(cycle);
  if (!network) throw new NetworkNotFoundError(cycle.networkId);
  const at = now();
  const plan = cycleTransition({ stage: event.stage, outcome: event.outcome, submission: event.submission, cycle, config: network.config, today: ukDateOf(at) });
  let recorded: CycleRecord | undefined;
  try {
    await recordOutcome(event, cycle, plan, at);
    recorded = appliedTo(cycle, plan);
    recordStageEntered(plan.stage);
  } catch (error) {
    explainCycleRefusal(error, event);
  }
  await announceOnce(event, cycle, plan, recorded);
  await tellLeadReviewer(event, cycle);
  logger.info('Stage outcome recorded', { cycleId: event.cycleId, stage: event.stage, outcome: event.outcome, status: plan.status });
  return workflowView(recorded ?? (await requireCycle(event.cycleId)));
};

const handler = middy(recordStageOutcome).use(injectLambdaContext(logger)).use(publishMetrics()).use(parser({ schema: recordStageOutcomeEventSchema }));

export { handler, recordStageOutcome };
