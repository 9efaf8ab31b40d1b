// Who, inside the group that owns a step (workflow-steps.ts), may complete it; network staff may
// act for anyone. Most steps are open to every member of the owning group with a claim on the
// cycle (the host organisation's users, the committee). Two are personal:
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
} as const;
type StepActor = (typeof StepActor)[keyof typeof StepActor];

const PERSONAL_STEPS: Readonly<Partial<Record<CallbackStage, StepActor>>> = {
  [CallbackStage.peerRatings]: StepActor.leadReviewer,
  [CallbackStage.reviewerAcceptance]: StepActor.invitedReviewer,
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

export { StepActor, reviewerRefusal, stepActorOf };
export type { ActorRefusal, TeamSeat };
