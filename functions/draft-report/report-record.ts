// The report record of a cycle, from the domain core: the self-review and peer ratings scored
// against the standards the cycle started with, the recommendation with its reasons (none for
// developmental members), and the report rendered as HTML and text.
import { recommendOutcome } from '#core/decision';
import type { Recommendation } from '#core/decision';
import type { NetworkConfig } from '#core/network-config';
import { buildDraftReport, renderReportHtml, renderReportText } from '#core/report';
import { scoreReview } from '#core/scoring';
import type { ReviewScores } from '#core/scoring';
import { CallbackStage, MembershipType, STANDARD_TYPES } from '#core/vocabulary';
import { StandardsNotFoundError } from '#commons/errors';
import { standardsOfCycle } from '#commons/helpers/networks';
import { peerRatingsOf, selfRatingsOf } from '#commons/helpers/ratings';
import { getTask } from '#commons/helpers/records';
import type { CycleRecord, NetworkRecord, ReportRecord, TaskRecord } from '#commons/helpers/records';

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

/** `tasks`: the cycle's tasks when the caller read them with the cycle (data/cycle.ts cycleWithTasks); read here otherwise. */
const draft = async (cycle: CycleRecord, network: NetworkRecord, today: string, tasks?: readonly TaskRecord[]) => {
  const { config } = network;
  const standards = await standardsOfCycle(cycle, network);
  if (!standards) throw new StandardsNotFoundError(cycle.networkId, cycle.standardsVersionId ?? network.standardsVersionId);
  const taskOf = async (stage: string) => (tasks ? tasks.find((task) => task.stage === stage) : getTask(cycle.cycleId, stage));
  const [selfTask, peerTask] = await Promise.all([taskOf(CallbackStage.selfReview), taskOf(CallbackStage.peerRatings)]);
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
  // The report itself too: the action plan proposes an action per unmet standard and area for development (issue 13).
  return { record, recommendation, report };
};

export { draft };
