// What the API checks in a submission beyond its shape, against the cycle itself: the visit
// dates offered (three, on two weekdays, working days to come), a hand-made team (reviewers in
// the pool, in roles they hold, on an offered date), and peer ratings (against the standards the
// cycle started with). A 400 names each offending field.
import { checkOfferedDates } from '#core/visit-dates';
import { ukDateOf } from '#core/uk-time';
import { CallbackStage, ReviewerRole } from '#core/vocabulary';
import { now } from '#commons/clock';
import { peerRatingsIssues, peerRatingsOf, selfRatingsOf } from '#commons/helpers/ratings';
import { standardsOfCycle } from '#commons/helpers/networks';
import { getCycle, getNetwork, getTask } from '#commons/helpers/records';
import { listReviewers } from '#commons/data/reviewer-pool';
import type { SubmittableStage } from '#commons/schemas/requests';
import { httpError } from '../http.ts';

interface FieldIssue {
  field: string;
  message: string;
}

const refuse = (issues: FieldIssue[]): never => {
  const summary = issues.map((issue) => `${issue.field}: ${issue.message}`).join('; ');
  throw httpError(400, 'ValidationError', `Invalid request body: ${summary}`, { issues });
};

const checkDateOffer = (submission: { dates: string[] }) => {
  const check = checkOfferedDates(submission.dates, ukDateOf(now()));
  if (!check.ok) refuse(check.issues.map((issue) => ({ field: issue.index === undefined ? 'dates' : `dates.${issue.index}`, message: issue.message })));
};

const checkManualTeam = async (cycleId: string, submission: { date: string; team: { reviewerId: string; role: string }[] }) => {
  const [cycle, offer] = await Promise.all([getCycle(cycleId), getTask(cycleId, CallbackStage.peerReviewScheduling)]);
  const offered = ((offer?.submission?.dates as string[] | undefined) ?? []);
  const issues: FieldIssue[] = [];
  if (!offered.includes(submission.date)) issues.push({ field: 'date', message: `${submission.date} is not one of the offered dates (${offered.join(', ')})` });
  const pool = new Map((cycle ? await listReviewers(cycle.networkId) : []).map((reviewer) => [reviewer.id, reviewer]));
  submission.team.forEach((member, index) => {
    const reviewer = pool.get(member.reviewerId);
    if (!reviewer) issues.push({ field: `team.${index}.reviewerId`, message: `${member.reviewerId} is not in the network's reviewer pool` });
    else if (!(reviewer.roles as string[]).includes(member.role)) issues.push({ field: `team.${index}.role`, message: `${member.reviewerId} is not a ${member.role} reviewer` });
  });
  if (new Set(submission.team.map((member) => member.reviewerId)).size !== submission.team.length) issues.push({ field: 'team', message: 'a reviewer is named twice' });
  if (!submission.team.some((member) => member.role === ReviewerRole.Lead)) issues.push({ field: 'team', message: 'the team needs a lead reviewer' });
  if (issues.length > 0) refuse(issues);
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
  if (stage === CallbackStage.peerReviewScheduling) checkDateOffer(submission as { dates: string[] });
  if (stage === CallbackStage.manualAllocation) await checkManualTeam(cycleId, submission as { date: string; team: { reviewerId: string; role: string }[] });
  if (stage === CallbackStage.peerRatings) await checkPeerRatings(cycleId, submission);
};

export { checkSubmission, refuse };
export type { FieldIssue };
