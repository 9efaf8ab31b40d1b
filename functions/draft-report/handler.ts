// Drafts the peer-review report once the lead reviewer's ratings are in (report-record.ts). The
// report, the recommendation and the factual-accuracy deadline are stored with the cycle's change
// and its audit event in one transaction.
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { parser } from '@aws-lambda-powertools/parser/middleware';
import middy from '@middy/core';
import type { Recommendation } from '#core/decision';
import { ukDateOf } from '#core/uk-time';
import { AutomaticStage, CallbackStage, CycleStatus } from '#core/vocabulary';
import { now } from '#commons/clock';
import { AuditEventType, auditPut } from '#commons/data/audit';
import { cycleUpdate, cycleWithTasks, explainCycleRefusal } from '#commons/data/cycle';
import { writeTransaction } from '#commons/data/transaction';
import { tableName } from '#commons/env';
import { CycleNotFoundError, CycleWithdrawnError, NetworkNotFoundError } from '#commons/errors';
import { withStepDeadline } from '#commons/helpers/deadlines';
import { networkOfCycle } from '#commons/helpers/networks';
import { requireCycle } from '#commons/helpers/records';
import type { CycleRecord, ReportRecord } from '#commons/helpers/records';
import { cycleKey, reportKey } from '#commons/helpers/table-keys';
import { workflowView } from '#commons/helpers/workflow-view';
import type { WorkflowView } from '#commons/helpers/workflow-view';
import { logger } from '#commons/powertools/logger';
import { publishMetrics } from '#commons/powertools/metrics';
import { draftReportEventSchema } from '#commons/schemas/events';
import type { DraftReportEvent } from '#commons/schemas/events';
import { draft } from './report-record.ts';

/** The cycle's change: the report's stage, its standards, recommendation and the factual-accuracy deadline. */
const changeOf = (record: ReportRecord, recommendation: Recommendation, deadlines: Record<string, string>) => ({
  stage: AutomaticStage.reportDrafting,
  status: CycleStatus.active,
  set: {
    standardsVersionId: record.standardsVersionId,
    recommendation: { outcome: recommendation.outcome, reasons: recommendation.reasons.map((reason) => reason.message) },
    deadlines,
  },
});

const store = async (event: DraftReportEvent, cycle: CycleRecord, record: ReportRecord, change: ReturnType<typeof changeOf>, recommendation: Recommendation, at: Date) => {
  await writeTransaction({
    TransactItems: [
      cycleUpdate({
        cycleId: cycle.cycleId,
        cohortId: cycle.cohortId,
        executionArn: event.executionArn,
        occurrenceId: event.occurrenceId,
        ...change,
        at: at.toISOString(),
      }),
      { Put: { TableName: tableName, Item: { ...reportKey(cycle.cycleId), itemType: 'report', ...record } } },
      auditPut({
        entityPk: cycleKey(cycle.cycleId).pk,
        type: AuditEventType.draftReportStored,
        at,
        actor: event.executionArn,
        detail: { standardsVersionId: record.standardsVersionId, recommendation: recommendation.outcome, summary: record.summary },
      }),
    ],
  });
};

const draftReport = async (event: DraftReportEvent): Promise<WorkflowView> => {
  // One read: the cycle and the tasks whose ratings the report scores.
  const { cycle, tasks } = await cycleWithTasks(event.cycleId);
  if (!cycle) throw new CycleNotFoundError(event.cycleId);
  if (cycle.status === CycleStatus.withdrawn) throw new CycleWithdrawnError(event.cycleId);
  const network = await networkOfCycle(cycle);
  if (!network) throw new NetworkNotFoundError(cycle.networkId);
  const at = now();
  const today = ukDateOf(at);
  const { record, recommendation } = await draft(cycle, network, today, tasks);
  const change = changeOf(record, recommendation, withStepDeadline(cycle, network.config, CallbackStage.factualAccuracy, today));
  // The cycle as this step's own write left it; a retry, whose write was refused, reads what the first attempt stored.
  let updated: CycleRecord | undefined;
  try {
    await store(event, cycle, record, change, recommendation, at);
    updated = { ...cycle, stage: change.stage, status: change.status, ...change.set };
  } catch (error) {
    explainCycleRefusal(error, event);
  }
  logger.info('Draft report stored', { cycleId: cycle.cycleId, recommendation: recommendation.outcome });
  return workflowView(updated ?? (await requireCycle(event.cycleId)));
};

const handler = middy(draftReport)
  .use(injectLambdaContext(logger))
  .use(publishMetrics())
  .use(parser({ schema: draftReportEventSchema }));

export { draftReport, handler };
