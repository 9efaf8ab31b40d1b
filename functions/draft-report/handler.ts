// Drafts the peer-review report once the lead reviewer's ratings are in: the domain core scores
// the self-review and peer ratings against the standards the cycle started with, recommends an
// outcome with its reasons (none for developmental members), and renders the report as HTML and
// text. The report, the recommendation and the factual-accuracy deadline are stored with the
// cycle's change and its audit event in one transaction.
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { writeTransaction } from '#commons/data/transaction';
import { parser } from '@aws-lambda-powertools/parser/middleware';
import middy from '@middy/core';
import { recommendOutcome } from '#core/decision';
import type { Recommendation } from '#core/decision';
import type { NetworkConfig } from '#core/network-config';
import { buildDraftReport, renderReportHtml, renderReportText } from '#core/report';
import { scoreReview } from '#core/scoring';
import type { ReviewScores } from '#core/scoring';
import { ukDateOf } from '#core/uk-time';
import { AutomaticStage, CallbackStage, CycleStatus, MembershipType, STANDARD_TYPES } from '#core/vocabulary';
import { documentClient } from '#commons/clients/dynamodb';
import { now } from '#commons/clock';
import { tableName } from '#commons/env';
import { CycleWithdrawnError, NetworkNotFoundError, StandardsNotFoundError } from '#commons/errors';
import { AuditEventType, auditEventItem } from '#commons/data/audit';
import { cycleUpdate, explainCycleRefusal } from '#commons/data/cycle';
import { withStepDeadline } from '#commons/helpers/deadlines';
import { peerRatingsOf, selfRatingsOf } from '#commons/helpers/ratings';
import { standardsOfCycle } from '#commons/helpers/networks';
import { getNetwork, getTask, requireCycle } from '#commons/helpers/records';
import type { CycleRecord, NetworkRecord, ReportRecord } from '#commons/helpers/records';
import { cycleKey, reportKey } from '#commons/helpers/table-keys';
import { workflowView } from '#commons/helpers/workflow-view';
import type { WorkflowView } from '#commons/helpers/workflow-view';
import { logger } from '#commons/powertools/logger';
import { publishMetrics } from '#commons/powertools/metrics';
import { draftReportEventSchema } from '#commons/schemas/events';
import type { DraftReportEvent } from '#commons/schemas/events';

const thresholdByType = (config: NetworkConfig): Record<number, number> => ({ 1: config.thresholds.type1, 2: config.thresholds.type2, 3: config.thresholds.type3 });

const scoresOf = (scores: ReviewScores, config: NetworkConfig, developmental: boolean): ReportRecord['scores'] =>
  Object.fromEntries(
    STANDARD_TYPES.map((type) => {
      const { met, applicable, percentage } = scores.byType[type];
      return [String(type), { met, applicable, percentage: percentage === null ? null : Math.round(percentage * 10) / 10, threshold: developmental ? null : thresholdByType(config)[type] }];
    }),
  );

const summaryLine = (scores: ReviewScores): string =>
  STANDARD_TYPES.filter((type) => scores.byType[type].total > 0)
    .map((type) => {
      const { met, applicable, percentage } = scores.byType[type];
      return `Type ${type}: ${met} of ${applicable} met${percentage === null ? '' : ` (${Math.round(percentage)}%)`}`;
    })
    .join('; ');

const draft = async (cycle: CycleRecord, network: NetworkRecord, today: string) => {
  const { config } = network;
  const standards = await standardsOfCycle(cycle, network);
  if (!standards) throw new StandardsNotFoundError(cycle.networkId, cycle.standardsVersionId ?? network.standardsVersionId);
  const [selfTask, peerTask] = await Promise.all([getTask(cycle.cycleId, CallbackStage.selfReview), getTask(cycle.cycleId, CallbackStage.peerRatings)]);
  const scores = scoreReview({
    standards: standards.standards,
    selfRatings: selfRatingsOf(selfTask?.submission, standards.standards),
    peerRatings: peerRatingsOf(peerTask?.submission),
  });
  const developmental = cycle.membershipType === MembershipType.Developmental;
  const recommendation: Recommendation = recommendOutcome({
    scores,
    thresholds: config.thresholds,
    membershipType: cycle.membershipType,
    deferralMaxBlockingStandards: config.deferral?.maxBlockingStandards ?? 0,
  });
  const peer = peerTask?.submission as { goodPractice?: string[]; areasForDevelopment?: string[] } | undefined;
  const report = buildDraftReport({
    networkName: cycle.networkName,
    service: { id: cycle.serviceId, name: cycle.serviceName },
    membershipType: cycle.membershipType,
    preparedOn: today,
    standardsVersionId: standards.versionId,
    scores,
    ...(developmental ? {} : { recommendation }),
    ...(peer?.goodPractice ? { goodPractice: peer.goodPractice } : {}),
    ...(peer?.areasForDevelopment ? { areasForDevelopment: peer.areasForDevelopment } : {}),
  });
  const record: ReportRecord = {
    cycleId: cycle.cycleId,
    standardsVersionId: standards.versionId,
    preparedOn: today,
    summary: summaryLine(scores),
    scores: scoresOf(scores, config, developmental),
    recommendation: { outcome: recommendation.outcome, reasons: recommendation.reasons, blockingStandardIds: recommendation.blockingStandardIds },
    html: renderReportHtml(report),
    text: renderReportText(report),
  };
  return { record, recommendation };
};

const store = async (event: DraftReportEvent, cycle: CycleRecord, record: ReportRecord, recommendation: Recommendation, deadlines: Record<string, string>, at: Date) => {
  await writeTransaction({
    TransactItems: [
      cycleUpdate({
        cycleId: cycle.cycleId,
        cohortId: cycle.cohortId,
        executionArn: event.executionArn,
        occurrenceId: event.occurrenceId,
        stage: AutomaticStage.reportDrafting,
        status: CycleStatus.active,
        set: {
          standardsVersionId: record.standardsVersionId,
          recommendation: { outcome: recommendation.outcome, reasons: recommendation.reasons.map((reason) => reason.message) },
          deadlines,
        },
        at: at.toISOString(),
      }),
      { Put: { TableName: tableName, Item: { ...reportKey(cycle.cycleId), itemType: 'report', ...record } } },
      {
        Put: {
          TableName: tableName,
          Item: auditEventItem({
            entityPk: cycleKey(cycle.cycleId).pk,
            type: AuditEventType.draftReportStored,
            at,
            actor: event.executionArn,
            detail: { standardsVersionId: record.standardsVersionId, recommendation: recommendation.outcome, summary: record.summary },
          }),
        },
      },
    ],
  });
};

const draftReport = async (event: DraftReportEvent): Promise<WorkflowView> => {
  const cycle = await requireCycle(event.cycleId);
  if (cycle.status === CycleStatus.withdrawn) throw new CycleWithdrawnError(event.cycleId);
  const network = await getNetwork(cycle.networkId);
  if (!network) throw new NetworkNotFoundError(cycle.networkId);
  const at = now();
  const today = ukDateOf(at);
  const { record, recommendation } = await draft(cycle, network, today);
  try {
    await store(event, cycle, record, recommendation, withStepDeadline(cycle, network.config, CallbackStage.factualAccuracy, today), at);
  } catch (error) {
    explainCycleRefusal(error, event);
  }
  logger.info('Draft report stored', { cycleId: cycle.cycleId, recommendation: recommendation.outcome });
  const updated = await requireCycle(event.cycleId);
  return workflowView(updated);
};

const handler = middy(draftReport)
  .use(injectLambdaContext(logger))
  .use(publishMetrics())
  .use(parser({ schema: draftReportEventSchema }));

export { draftReport, handler };
