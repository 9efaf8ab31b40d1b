// What the API checks in a submission beyond its shape, against the cycle itself: the visit
// dates offered (three, on two weekdays, working days to come, none after the visit window), a hand-made team (reviewers in
// the pool, in roles they hold, on an offered date, keeping the allocation rules: hand-picked-team.ts),
// peer ratings (against the standards the cycle started with) and deferral evidence (for the
// standards the report counts as not met). A 400 names each offending field.
import { checkOfferedDates } from '#core/visit-dates';
import { ukDateOf } from '#core/uk-time';
import { CallbackStage } from '#core/vocabulary';
import { now } from '#commons/clock';
import { standardsOf } from '#commons/data/committee-pack';
import { unmetStandardsOf } from '#commons/data/unmet-standards';
import { peerRatingsIssues, peerRatingsOf, selfRatingsOf } from '#commons/helpers/ratings';
import { cycleStandards } from '#commons/helpers/networks';
import type { CycleRecord, TaskRecord } from '#commons/helpers/records';
import { visitWindowOf } from '#commons/helpers/visit-window';
import type { SubmittableStage } from '#commons/schemas/requests';
import { httpError } from '../http.ts';
import { checkManualTeam } from './hand-picked-team.ts';

interface FieldIssue {
  field: string;
  message: string;
}

const refuse = (issues: FieldIssue[]): never => {
  const summary = issues.map((issue) => `${issue.field}: ${issue.message}`).join('; ');
  throw httpError(400, 'ValidationError', `Invalid request body: ${summary}`, { issues });
};

/** The cycle and its tasks as the submission read them (data/cycle.ts cycleWithTasks): the checks read neither again. */
interface CycleRead {
  cycle: CycleRecord;
  tasks: readonly TaskRecord[];
}

const checkDateOffer = async ({ cycle }: CycleRead, submission: { dates: string[] }) => {
  const window = await visitWindowOf(cycle);
  const check = checkOfferedDates(submission.dates, ukDateOf(now()), undefined, window);
  if (!check.ok) refuse(check.issues.map((issue) => ({ field: issue.index === undefined ? 'dates' : `dates.${issue.index}`, message: issue.message })));
};

const checkPeerRatings = async ({ cycle, tasks }: CycleRead, submission: Record<string, unknown>) => {
  const standards = await cycleStandards(cycle);
  if (!standards) {
    throw httpError(409, 'StandardsNotFound', `The standards of cycle ${cycle.cycleId} are not stored; import the network's standards first`);
  }
  const selfReview = tasks.find((task) => task.stage === CallbackStage.selfReview);
  const issues = peerRatingsIssues(peerRatingsOf(submission), selfRatingsOf(selfReview?.submission, standards.standards), standards.standards);
  if (issues.length > 0) refuse(issues);
};

/**
 * DESIGN §1.5: a deferral is "a window to send evidence for unmet standards". So each item must name
 * a standard of the cycle that the report counts as not met: the blocking ones, and any other unmet
 * one the service wants the committee to see (a committee may defer against the rule's
 * recommendation, when no standard blocks). A met or unknown standard is refused, naming it.
 */
const checkDeferralEvidence = async ({ cycle, tasks }: CycleRead, submission: { evidence: { standardId: string }[] }) => {
  const standards = await standardsOf(cycle);
  if (!standards) throw httpError(409, 'StandardsNotFound', `The standards of cycle ${cycle.cycleId} are not stored; import the network's standards first`);
  const known = new Set(standards.map((standard) => standard.id));
  const unmet = new Set((await unmetStandardsOf(cycle.cycleId, standards, tasks)).map((standard) => standard.id));
  const issues = submission.evidence.flatMap(({ standardId }, index): FieldIssue[] => {
    const field = `evidence.${index}.standardId`;
    if (!known.has(standardId)) return [{ field, message: `${standardId} is not a standard of this cycle` }];
    if (!unmet.has(standardId)) return [{ field, message: `${standardId} is not an unmet standard of the report: evidence is sent for unmet standards` }];
    return [];
  });
  if (issues.length > 0) refuse(issues);
};

/** Checks that need the cycle; throws a 400 naming each field. */
const checkSubmission = async (read: CycleRead, stage: SubmittableStage, submission: Record<string, unknown>): Promise<void> => {
  if (stage === CallbackStage.peerReviewScheduling) await checkDateOffer(read, submission as { dates: string[] });
  if (stage === CallbackStage.manualAllocation) await checkManualTeam(read.cycle.cycleId, submission as Parameters<typeof checkManualTeam>[1]);
  if (stage === CallbackStage.peerRatings) await checkPeerRatings(read, submission);
  if (stage === CallbackStage.deferralEvidence) await checkDeferralEvidence(read, submission as { evidence: { standardId: string }[] });
};

export { checkSubmission, refuse };
export type { CycleRead, FieldIssue };
