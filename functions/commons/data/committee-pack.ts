// What the committee pack is made of (src/committee-pack.ts assembles it): the cycle, its report,
// the standards it started with, the service's and the review team's ratings, the factual-accuracy
// answer and, for a re-decision, the deferral evidence or the appeal the service sent.
import { buildCommitteePack } from '#core/committee-pack';
import type { AppealInput, CommitteePack, DeferralEvidenceInput, PreviousDecision, SelfAnswer } from '#core/committee-pack';
import type { StandardRating } from '#core/ratings';
import type { Standard } from '#core/standards';
import { CallbackStage, TaskStatus } from '#core/vocabulary';
import { getTask } from '../helpers/records.ts';
import type { CycleRecord, ReportRecord, TaskRecord } from '../helpers/records.ts';
import { cycleStandards } from '../helpers/networks.ts';
import { peerRatingsOf, selfRatingsOf } from '../helpers/ratings.ts';
import { factualAccuracyOf } from './factual-accuracy.ts';
import { listAnswers } from './self-review-answers.ts';

/** A step's task: from the cycle's tasks when the caller has read them (data/cycle.ts cycleWithTasks), else read. */
const taskOf = async (cycleId: string, stage: string, tasks: readonly TaskRecord[] | undefined): Promise<TaskRecord | undefined> =>
  tasks ? tasks.find((task) => task.stage === stage) : getTask(cycleId, stage);

/** The service's ratings (as submitted) with each standard's comment and links from the saved answers, and the review team's. */
const reviewRatingsOf = async (cycleId: string, standards: readonly Standard[], tasks?: readonly TaskRecord[]): Promise<{ self: SelfAnswer[]; peer: StandardRating[] }> => {
  const [selfTask, peerTask, answers] = await Promise.all([taskOf(cycleId, CallbackStage.selfReview, tasks), taskOf(cycleId, CallbackStage.peerRatings, tasks), listAnswers(cycleId)]);
  const answerOf = new Map(answers.map((answer) => [answer.standardId, answer]));
  const self = selfRatingsOf(selfTask?.submission, standards).map((rating) => {
    const answer = answerOf.get(rating.standardId);
    return { ...rating, ...(answer?.comment ? { comment: answer.comment } : {}), ...(answer?.evidence?.length ? { evidenceLinks: answer.evidence } : {}) };
  });
  return { self, peer: peerRatingsOf(peerTask?.submission) };
};

/** A step's submission, when the service sent one (a window that ran out has none). */
const sent = (task: TaskRecord | undefined): (Record<string, unknown> & { submittedAt: string }) | undefined =>
  task?.status === TaskStatus.submitted && task.submission ? { ...task.submission, submittedAt: task.submittedAt ?? task.openedAt } : undefined;

const previousDecisionOf = (cycle: CycleRecord): PreviousDecision | undefined =>
  cycle.decision
    ? { outcome: cycle.decision, reason: cycle.decisionReason ?? '', ...(cycle.decidedOn ? { decidedOn: cycle.decidedOn } : {}), ...(cycle.decidedBy ? { decidedBy: cycle.decidedBy } : {}) }
    : undefined;

/** The standards of the cycle, if they were imported. */
const standardsOf = async (cycle: CycleRecord): Promise<Standard[] | undefined> => (await cycleStandards(cycle))?.standards;

/**
 * Everything the pack shows, for the cycle as it is now, against the standards the cycle started with.
 * `tasks`: the cycle's tasks, when the caller has just read them with the cycle (no second read).
 */
const packOf = async (cycle: CycleRecord, report: ReportRecord, standards: readonly Standard[], tasks?: readonly TaskRecord[]): Promise<CommitteePack> => {
  const [ratings, deferralTask, appealTask] = await Promise.all([
    reviewRatingsOf(cycle.cycleId, standards, tasks),
    taskOf(cycle.cycleId, CallbackStage.deferralEvidence, tasks),
    taskOf(cycle.cycleId, CallbackStage.appeal, tasks),
  ]);
  const deferralEvidence = sent(deferralTask) as DeferralEvidenceInput | undefined;
  const appeal = sent(appealTask) as AppealInput | undefined;
  const previousDecision = previousDecisionOf(cycle);
  return buildCommitteePack({
    cycle: { cycleId: cycle.cycleId, serviceName: cycle.serviceName, networkName: cycle.networkName, membershipType: cycle.membershipType },
    standards,
    selfRatings: ratings.self,
    peerRatings: ratings.peer,
    report,
    factualAccuracy: factualAccuracyOf(report, cycle),
    ...(deferralEvidence ? { deferralEvidence } : {}),
    ...(appeal ? { appeal } : {}),
    ...(previousDecision ? { previousDecision } : {}),
  });
};

export { packOf, reviewRatingsOf, standardsOf };
