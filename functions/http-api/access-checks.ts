// The checks a route policy is made of: group, organisation, allocation and, for a personal step,
// the person (src/step-actors.ts). Each throws a 403 that names what is missing. Services see only
// their own organisation's cycles and tasks; reviewers only the cycles they are allocated to.
import { reviewerRefusal } from '#core/step-actors';
import type { ActorRefusal, TeamSeat } from '#core/step-actors';
import { CallbackStage, GROUPS, Group } from '#core/vocabulary';
import { stepOwnerOf } from '#core/workflow-steps';
import type { Caller } from './caller.ts';
import { organisationOfCycle, teamOfCycle } from './cycle-membership.ts';
import { httpError } from './http.ts';

const forbidden = (message: string, missing: Record<string, unknown>) => httpError(403, 'Forbidden', message, { missing });

const requireGroup = (caller: Caller, allowed: readonly Group[]): void => {
  if (allowed.some((group) => caller.groups.has(group))) return;
  throw forbidden(`Requires group ${allowed.join(' or ')}; the caller is in ${[...caller.groups].join(', ') || 'no group'}`, { group: allowed });
};

const requireOwnOrganisation = async (caller: Caller, cycleId: string): Promise<void> => {
  if (!caller.organisationId) throw forbidden('A service user needs the custom:organisationId claim', { claim: 'custom:organisationId' });
  const owner = await organisationOfCycle(cycleId);
  // An unknown cycle answers 403, not 404: a service must not learn which cycles exist elsewhere.
  if (owner !== caller.organisationId) {
    throw forbidden(`Cycle ${cycleId} does not belong to organisation ${caller.organisationId}`, { organisationId: 'the organisation of the cycle' });
  }
};

const reviewerIdOf = (caller: Caller): string => {
  if (!caller.reviewerId) throw forbidden('A reviewer needs the custom:reviewerId claim', { claim: 'custom:reviewerId' });
  return caller.reviewerId;
};

/** The cycle's team, when the calling reviewer is on it. */
const requireAllocation = async (caller: Caller, cycleId: string): Promise<TeamSeat[]> => {
  const reviewerId = reviewerIdOf(caller);
  const team = await teamOfCycle(cycleId);
  if (!team.some((seat) => seat.reviewerId === reviewerId)) {
    throw forbidden(`Reviewer ${reviewerId} is not allocated to cycle ${cycleId}`, { allocation: cycleId });
  }
  return team;
};

const refuse = (refusal: ActorRefusal | undefined): void => {
  if (refusal) throw forbidden(refusal.message, { rule: refusal.rule });
};

/** Read access to one cycle: staff and committee see all; a service its own; a reviewer those allocated to them. */
const requireCycleAccess = async (caller: Caller, cycleId: string): Promise<void> => {
  if (caller.groups.has(Group.staff) || caller.groups.has(Group.committee)) return;
  const checks = [
    ...(caller.groups.has(Group.service) ? [() => requireOwnOrganisation(caller, cycleId)] : []),
    ...(caller.groups.has(Group.reviewer) ? [() => requireAllocation(caller, cycleId)] : []),
  ];
  if (checks.length === 0) return requireGroup(caller, GROUPS);
  // Someone both a service user and a reviewer may read a cycle either role allows.
  const refusals: unknown[] = [];
  for (const check of checks) {
    try {
      await check();
      return;
    } catch (refusal) {
      refusals.push(refusal);
    }
  }
  throw refusals[0];
};

const requireStepOwner = async (caller: Caller, cycleId: string, stage: string): Promise<void> => {
  if (caller.groups.has(Group.staff)) return;
  // The owning group of each step is the core's table of workflow steps (src/workflow-steps.ts).
  const owner = stepOwnerOf(stage);
  requireGroup(caller, owner ? [Group.staff, owner] : [Group.staff]);
  if (owner === Group.service) return requireOwnOrganisation(caller, cycleId);
  if (owner === Group.reviewer) refuse(reviewerRefusal(stage, reviewerIdOf(caller), await requireAllocation(caller, cycleId)));
};

/** The service's own follow-up work (measures, issue 13): its own organisation's cycles, or staff on its behalf. */
const requireOwnServiceOrStaff = async (caller: Caller, cycleId: string): Promise<void> => {
  if (caller.groups.has(Group.staff)) return;
  requireGroup(caller, [Group.staff, Group.service]);
  return requireOwnOrganisation(caller, cycleId);
};

/** An invitation is answered by the reviewer it names, or by staff on their behalf. */
const requireOwnInvitation = async (caller: Caller, invitedReviewerId: string): Promise<void> => {
  if (caller.groups.has(Group.staff)) return;
  requireGroup(caller, [Group.staff, Group.reviewer]);
  refuse(reviewerRefusal(CallbackStage.reviewerAcceptance, reviewerIdOf(caller), [], invitedReviewerId));
};

export { forbidden, requireCycleAccess, requireGroup, requireOwnInvitation, requireOwnServiceOrStaff, requireStepOwner };
