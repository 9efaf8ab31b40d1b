// The checks a route policy is made of: group, organisation and allocation. Each throws a 403
// that names what is missing. Services see only their own organisation's cycles and tasks;
// reviewers only the cycles they are allocated to.
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '#commons/clients/dynamodb';
import { tableName } from '#commons/env';
import { getCycle, getService } from '#commons/helpers/records';
import { allocationKey } from '#commons/helpers/table-keys';
import { GROUPS, Group } from '#core/vocabulary';
import { stepOwnerOf } from '#core/workflow-steps';
import type { Caller } from './caller.ts';
import { httpError } from './http.ts';

const forbidden = (message: string, missing: Record<string, unknown>) => httpError(403, 'Forbidden', message, { missing });

const requireGroup = (caller: Caller, allowed: readonly Group[]): void => {
  if (allowed.some((group) => caller.groups.has(group))) return;
  throw forbidden(`Requires group ${allowed.join(' or ')}; the caller is in ${[...caller.groups].join(', ') || 'no group'}`, { group: allowed });
};

// ---- What a cycle belongs to, read once per request ----

const organisationOfCycle = async (cycleId: string): Promise<string | undefined> => {
  const cycle = await getCycle(cycleId);
  if (!cycle) return undefined;
  const recorded = (cycle as { organisationId?: string }).organisationId;
  return recorded ?? (await getService(cycle.serviceId))?.organisationId;
};

/** The review team of a cycle's visit (the workflow's allocation item). */
const reviewersOfCycle = async (cycleId: string): Promise<string[]> => {
  const { Item } = await documentClient.send(
    new GetCommand({ TableName: tableName, Key: allocationKey(cycleId), ProjectionExpression: 'team' }),
  );
  return ((Item?.team ?? []) as { reviewerId: string }[]).map((member) => member.reviewerId);
};

const requireOwnOrganisation = async (caller: Caller, cycleId: string): Promise<void> => {
  if (!caller.organisationId) throw forbidden('A service user needs the custom:organisationId claim', { claim: 'custom:organisationId' });
  const owner = await organisationOfCycle(cycleId);
  // An unknown cycle answers 403, not 404: a service must not learn which cycles exist elsewhere.
  if (owner !== caller.organisationId) {
    throw forbidden(`Cycle ${cycleId} does not belong to organisation ${caller.organisationId}`, { organisationId: 'the organisation of the cycle' });
  }
};

const requireAllocation = async (caller: Caller, cycleId: string): Promise<void> => {
  if (!caller.reviewerId) throw forbidden('A reviewer needs the custom:reviewerId claim', { claim: 'custom:reviewerId' });
  if (!(await reviewersOfCycle(cycleId)).includes(caller.reviewerId)) {
    throw forbidden(`Reviewer ${caller.reviewerId} is not allocated to cycle ${cycleId}`, { allocation: cycleId });
  }
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
      return await check();
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
  if (owner === Group.reviewer) return requireAllocation(caller, cycleId);
};

export { forbidden, requireCycleAccess, requireGroup, requireStepOwner };
