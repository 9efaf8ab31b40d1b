// Who may call what (issue 5: "the handlers enforce role and organisation"). On AWS the HTTP
// API's Cognito JWT authoriser has verified the token; its claims arrive in
// `requestContext.authorizer.jwt.claims`: the groups (`cognito:groups`: staff, service, reviewer,
// committee), `custom:organisationId` (the caller's trust) and, for reviewers, `custom:reviewerId`.
// Locally the HTTP adapter supplies the same claims. The handler never looks anywhere else.
//
// Every route is staff-only unless a policy below opens it: a route added later is closed to
// services, reviewers and committee members until someone decides otherwise. Services see only
// their own organisation's cycles and tasks; reviewers only the cycles they are allocated to.
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '#commons/clients/dynamodb';
import { tableName } from '#commons/env';
import { getCycle, getService } from '#commons/helpers/records';
import { allocationKey } from '#commons/helpers/table-keys';
import { GROUPS, Group } from '#core/vocabulary';
import { stepOwnerOf } from '#core/workflow-steps';
import { httpError } from './http.ts';
import type { HttpApiEvent, HttpApiResult } from './http.ts';
import type { Route } from './router.ts';

interface Caller {
  subject: string;
  groups: ReadonlySet<Group>;
  organisationId?: string;
  reviewerId?: string;
}

type Claims = Record<string, string | number | boolean | string[] | undefined>;

/** API Gateway passes a list claim as the string `[staff reviewer]`; an ID token parsed elsewhere gives an array. */
const groupsClaim = (value: Claims[string]): Group[] => {
  const names = Array.isArray(value) ? value : typeof value === 'string' ? value.replace(/^\[|\]$/g, '').split(/[\s,]+/) : [];
  return names.filter((name): name is Group => (GROUPS as string[]).includes(name));
};

const claimsOf = (event: HttpApiEvent): Claims | undefined =>
  (event.requestContext as { authorizer?: { jwt?: { claims?: Claims } } }).authorizer?.jwt?.claims;

const optionalClaim = (claims: Claims, name: string): string | undefined => {
  const value = claims[name];
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
};

const callerOf = (event: HttpApiEvent): Caller => {
  const claims = claimsOf(event);
  if (!claims) throw httpError(401, 'Unauthorized', 'No verified identity on the request (expected a Cognito JWT)');
  return {
    subject: String(claims.sub ?? claims.username ?? 'unknown'),
    groups: new Set(groupsClaim(claims['cognito:groups'])),
    organisationId: optionalClaim(claims, 'custom:organisationId'),
    reviewerId: optionalClaim(claims, 'custom:reviewerId'),
  };
};

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

// ---- Policies per route ----

interface RoutePolicy {
  /** Throws 403 naming what is missing. */
  check(caller: Caller, params: Record<string, string>): Promise<void>;
  /** Narrows a listing to what the caller may see. */
  filter?(caller: Caller, result: HttpApiResult): Promise<HttpApiResult>;
}

const staffOnly: RoutePolicy = { check: async (caller) => requireGroup(caller, [Group.staff]) };

/** Keeps the cycles of a listing that the caller may read. */
const filterCycles = async (caller: Caller, result: HttpApiResult): Promise<HttpApiResult> => {
  if (caller.groups.has(Group.staff) || caller.groups.has(Group.committee) || typeof result.body !== 'string') return result;
  const body = JSON.parse(result.body) as { cycles?: { cycleId: string }[] };
  const visible = await Promise.all(
    (body.cycles ?? []).map((cycle) =>
      requireCycleAccess(caller, cycle.cycleId).then(
        () => true,
        () => false,
      ),
    ),
  );
  const cycles = (body.cycles ?? []).filter((_cycle, index) => visible[index]);
  // A count that includes cycles taken out here would tell the caller how many it may not see.
  const { total: _total, ...rest } = body as typeof body & { total?: number };
  return { ...result, body: JSON.stringify({ ...(cycles.length === (body.cycles ?? []).length ? body : rest), cycles }) };
};

const policies: Readonly<Record<string, RoutePolicy>> = {
  'GET /networks': { check: async (caller) => requireGroup(caller, GROUPS) },
  'GET /services/{serviceId}': {
    check: async (caller, params) => {
      requireGroup(caller, [Group.staff, Group.committee, Group.service]);
      if (caller.groups.has(Group.staff) || caller.groups.has(Group.committee)) return;
      const service = await getService(params.serviceId);
      if (!caller.organisationId || service?.organisationId !== caller.organisationId) {
        throw forbidden(`Service ${params.serviceId} does not belong to organisation ${caller.organisationId ?? '(none)'}`, { organisationId: 'the organisation of the service' });
      }
    },
  },
  'GET /cycles': { check: async (caller) => requireGroup(caller, GROUPS), filter: filterCycles },
  'GET /cycles/{cycleId}': { check: (caller, params) => requireCycleAccess(caller, params.cycleId) },
  'GET /cycles/{cycleId}/tasks/{stage}': { check: (caller, params) => requireCycleAccess(caller, params.cycleId) },
  'POST /cycles/{cycleId}/tasks/{stage}': { check: (caller, params) => requireStepOwner(caller, params.cycleId, params.stage) },
};

const policyFor = (route: Pick<Route, 'method' | 'path'>): RoutePolicy => policies[`${route.method} ${route.path}`] ?? staffOnly;

/** Wraps every route with its policy: the identity is checked before the route runs. */
const withAuthorisation = (routes: readonly Route[]): Route[] =>
  routes.map((route) => {
    const policy = policyFor(route);
    return {
      ...route,
      handle: async (event, params) => {
        const caller = callerOf(event);
        await policy.check(caller, params);
        const result = await route.handle(event, params);
        return policy.filter ? policy.filter(caller, result) : result;
      },
    };
  });

export { callerOf, groupsClaim, policyFor, withAuthorisation };
export type { Caller };
