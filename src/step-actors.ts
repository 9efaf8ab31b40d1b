// Who, inside the group that owns a step (workflow-steps.ts), may complete it; network staff may
// act for anyone. Most steps are open to every member of the owning group with a claim on the
// cycle (the host organisation's users, the committee). Three are personal:
// - the self-review is worked on by anyone at the service, but submitted once, by the service lead
//   the network enrolled (issue 9; DESIGN §1: the service lead is who the network deals with), so
//   the team's weeks of answers go in when the person accountable for them says so;
// - the peer ratings are the review team's one submission, recorded by its lead reviewer
//   (DESIGN §1: "after the visit the lead reviewer records peer ratings"): the other members give
//   theirs to the lead, so one person answers for what the report is built on;
// - an invitation is answered by the reviewer it names, never by a colleague on the same team.
import { CallbackStage, ReviewerRole } from './vocabulary.ts';

const StepActor = {
  /** Any member of the owning group with a claim on the cycle. */
  owningGroup: 'owning-group',
  /** The team member allocated in the lead role. */
  leadReviewer: 'lead-reviewer',
  /** The reviewer the invitation names. */
  invitedReviewer: 'invited-reviewer',
  /** The service lead the cycle was enrolled with (its contacts' serviceLead). */
  serviceLead: 'service-lead',
} as const;
type StepActor = (typeof StepActor)[keyof typeof StepActor];

const PERSONAL_STEPS: Readonly<Partial<Record<CallbackStage, StepActor>>> = {
  [CallbackStage.peerRatings]: StepActor.leadReviewer,
  [CallbackStage.reviewerAcceptance]: StepActor.invitedReviewer,
  [CallbackStage.selfReview]: StepActor.serviceLead,
};

const stepActorOf = (stage: string): StepActor => PERSONAL_STEPS[stage as CallbackStage] ?? StepActor.owningGroup;

interface TeamSeat {
  reviewerId: string;
  role: string;
}

/** Why a step refuses a reviewer: the rule (for the 403's `missing`) and a sentence naming it. */
interface ActorRefusal {
  rule: StepActor;
  message: string;
}

/** The lead's seat on the team, if the team has one. */
const leadOf = (team: readonly TeamSeat[]): TeamSeat | undefined => team.find((seat) => seat.role === ReviewerRole.Lead);

/**
 * Whether reviewer `reviewerId` may complete `stage` for a team (allocation is checked before:
 * this is the narrower rule). `invitedReviewerId`: whose invitation is being answered.
 */
const reviewerRefusal = (stage: string, reviewerId: string, team: readonly TeamSeat[], invitedReviewerId?: string): ActorRefusal | undefined => {
  const actor = stepActorOf(stage);
  if (actor === StepActor.leadReviewer) {
    const lead = leadOf(team);
    if (lead?.reviewerId === reviewerId) return undefined;
    return {
      rule: actor,
      message: `Only the lead reviewer (${lead?.reviewerId ?? 'none allocated'}) may submit the ${stage}, or network staff on the team's behalf; reviewer ${reviewerId} is not the lead`,
    };
  }
  if (actor === StepActor.invitedReviewer && invitedReviewerId !== reviewerId) {
    return {
      rule: actor,
      message: `Reviewer ${reviewerId} may answer only their own invitation, not reviewer ${invitedReviewerId ?? '(none)'}'s; network staff may answer on a reviewer's behalf`,
    };
  }
  return undefined;
};

/** Emails compare without case: Cognito's email claim and the enrolment form may differ in it. */
const sameEmail = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * Whether a service user (already checked to belong to the host organisation) may complete
 * `stage`. `leads`: the cycle's service-lead emails; `callerEmail`: the verified email claim.
 * A cycle enrolled with no lead email cannot name its lead, so the organisation's users may act.
 */
const serviceUserRefusal = (stage: string, callerEmail: string | undefined, leads: readonly string[]): ActorRefusal | undefined => {
  if (stepActorOf(stage) !== StepActor.serviceLead || leads.length === 0) return undefined;
  if (callerEmail && leads.some((lead) => sameEmail(lead, callerEmail))) return undefined;
  return {
    rule: StepActor.serviceLead,
    message: `Only the service lead (${leads.join(', ')}) may submit the ${stage}, or network staff on the service's behalf; ${callerEmail ?? 'a user with no email claim'} may save answers but not submit`,
  };
};

export { StepActor, reviewerRefusal, serviceUserRefusal, stepActorOf };
export type { ActorRefusal, TeamSeat };
