// What the API checks in a submission beyond its shape, against the cycle itself: the visit
// dates offered (three, on two weekdays, working days to come, none after the visit window), a hand-made team (reviewers in
// the pool, in roles they hold, on an offered date, keeping the allocation rules: hand-picked-team.ts),
// and peer ratings (against the standards the cycle started with). A 400 names each offending field.
import { checkOfferedDates } from '#core/visit-dates';
import { ukDateOf } from '#core/uk-time';
import { CallbackStage } from '#core/vocabulary';
import { now } from '#commons/clock';
import { peerRatingsIssues, peerRatingsOf, selfRatingsOf } from '#commons/helpers/ratings';
import { standardsOfCycle } from '#commons/helpers/networks';
import { getCycle, getNetwork, getTask } from '#commons/helpers/records';
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

const checkDateOffer = async (cycleId: string, submission: { dates: string[] }) => {
  const cycle = await getCycle(cycleId);
  const window = cycle ? await visitWindowOf(cycle) : undefined;
  const check = checkOfferedDates(submission.dates, ukDateOf(now()), undefined, window);
  if (!check.ok) refuse(check.issues.map((issue) => ({ field: issue.index === undefined ? 'dates' : `dates.${issue.index}`, message: issue.message })));
};

const checkPeerRatings = async (cycleId: string, submission: Record<string, unknown>) => {
  const cycle = await getCycle(cycleId);
  const standards = cycle ? await standardsOfCycle(cycle, await getNetwork(cycle.networkId)) : undefined;
  if (!cycle || !standards) {
    throw httpError(409, 'StandardsNotFound', `The standards of cycle ${cycleId} are not stored; import the network's standards first`);
  }
  const selfReview = await getTask(cycleId, CallbackStage.selfReview);
  const issues = peerRatingsIssues(peerRatingsOf(submission), selfRatingsOf(selfReview?.submission, standards.standards), standards.standards);
  if (issues.length > 0) refuse(issues);
};

/** Checks that need the cycle; throws a 400 naming each field. */
const checkSubmission = async (cycleId: string, stage: SubmittableStage, submission: Record<string, unknown>): Promise<void> => {
  if (stage === CallbackStage.peerReviewScheduling) await checkDateOffer(cycleId, submission as { dates: string[] });
  if (stage === CallbackStage.manualAllocation) await checkManualTeam(cycleId, submission as Parameters<typeof checkManualTeam>[1]);
  if (stage === CallbackStage.peerRatings) await checkPeerRatings(cycleId, submission);
};

export { checkSubmission, refuse };
export type { FieldIssue };
