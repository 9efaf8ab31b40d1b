// Who may call what (issue 5: "the handlers enforce role and organisation"): one policy per route,
// made of the checks in access-checks.ts, on the identity read by caller.ts.
//
// Every route is staff-only unless a policy below opens it: a route added later is closed to
// services, reviewers and committee members until someone decides otherwise.
import { getService } from '#commons/helpers/records';
import { CallbackStage, GROUPS, Group } from '#core/vocabulary';
import { forbidden, requireCycleAccess, requireGroup, requireOwnInvitation, requireOwnService, requireStepOwner, requireStepWorker } from './access-checks.ts';
import { callerOf } from './caller.ts';
import type { Caller } from './caller.ts';
import type { HttpApiResult } from './http.ts';
import type { Route } from './router.ts';

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
  // The self-review's answers: read by whoever may read the cycle, saved by the service (or staff) like the step itself.
  'GET /cycles/{cycleId}/self-review': { check: (caller, params) => requireCycleAccess(caller, params.cycleId) },
  'PUT /cycles/{cycleId}/self-review/answers/{standardId}': { check: (caller, params) => requireStepWorker(caller, params.cycleId, CallbackStage.selfReview) },
  // Evidence files (issue 9): uploaded by anyone working on the step (the service's own
  // organisation, or staff) while it is open; downloaded by whoever may read the cycle.
  'POST /cycles/{cycleId}/evidence/{stage}/{standardId}/uploads': { check: (caller, params) => requireStepWorker(caller, params.cycleId, params.stage) },
  'GET /cycles/{cycleId}/evidence/download': { check: (caller, params) => requireCycleAccess(caller, params.cycleId) },
  // DESIGN §1: the host cancels its visit; the visit step is the service's (src/workflow-steps.ts).
  'POST /cycles/{cycleId}/visit/cancel': { check: (caller, params) => requireStepOwner(caller, params.cycleId, CallbackStage.visit) },
  // Issue 9: a reviewer reads their own invitation; the standards beside which the team rates.
  'GET /cycles/{cycleId}/reviewers/{reviewerId}/invitation': { check: async (caller, params) => requireOwnInvitation(caller, params.reviewerId) },
  'GET /cycles/{cycleId}/standards': { check: (caller, params) => requireCycleAccess(caller, params.cycleId) },
  // Issue 9: the service reads its draft report for the factual-accuracy check (the committee and the team read it too),
  // and the visit window its date offer must keep.
  'GET /cycles/{cycleId}/report': { check: (caller, params) => requireCycleAccess(caller, params.cycleId) },
  'GET /cycles/{cycleId}/visit-window': { check: (caller, params) => requireCycleAccess(caller, params.cycleId) },
  'POST /cycles/{cycleId}/reviewers/{reviewerId}/accept': { check: (caller, params) => requireOwnInvitation(caller, params.reviewerId) },
  'POST /cycles/{cycleId}/reviewers/{reviewerId}/decline': { check: (caller, params) => requireOwnInvitation(caller, params.reviewerId) },
  // Issue 13: the action plan is read by whoever may read the cycle and edited by the service's own
  // organisation (or staff); staff's list of every plan (GET /action-plans) stays staff-only.
  'GET /cycles/{cycleId}/action-plan': { check: (caller, params) => requireCycleAccess(caller, params.cycleId) },
  'POST /cycles/{cycleId}/action-plan/actions': { check: (caller, params) => requireOwnService(caller, params.cycleId) },
  'PUT /cycles/{cycleId}/action-plan/actions/{actionId}': { check: (caller, params) => requireOwnService(caller, params.cycleId) },
  'POST /cycles/{cycleId}/action-plan/actions/{actionId}/pdsa-cycles': { check: (caller, params) => requireOwnService(caller, params.cycleId) },
  'PUT /cycles/{cycleId}/action-plan/actions/{actionId}/pdsa-cycles/{pdsaId}/{phase}': { check: (caller, params) => requireOwnService(caller, params.cycleId) },
  // Issue 9: the pack is the committee's reading (staff prepare it); the service and reviewers see the report, not the pack.
  'GET /cycles/{cycleId}/committee-pack': { check: async (caller) => requireGroup(caller, [Group.staff, Group.committee]) },
  'GET /cycles/{cycleId}/unmet-standards': { check: (caller, params) => requireCycleAccess(caller, params.cycleId) },
  // Issue 13: a service's measures are read by whoever may read the cycle, kept by the service (or staff for it).
  'GET /cycles/{cycleId}/measures': { check: (caller, params) => requireCycleAccess(caller, params.cycleId) },
  'GET /cycles/{cycleId}/measures/{measureId}': { check: (caller, params) => requireCycleAccess(caller, params.cycleId) },
  'PUT /cycles/{cycleId}/measures/{measureId}': { check: (caller, params) => requireOwnService(caller, params.cycleId) },
  'PUT /cycles/{cycleId}/measures/{measureId}/points/{on}': { check: (caller, params) => requireOwnService(caller, params.cycleId) },
  'POST /cycles/{cycleId}/measures/{measureId}/points': { check: (caller, params) => requireOwnService(caller, params.cycleId) },
  'PUT /cycles/{cycleId}/measures/{measureId}/baseline': { check: (caller, params) => requireOwnService(caller, params.cycleId) },
  'POST /cycles/{cycleId}/measures/{measureId}/recalculations': { check: (caller, params) => requireOwnService(caller, params.cycleId) },
  // A follow-up cycle's view of the previous cycle's plan: the same service's, so whoever reads this cycle.
  'GET /cycles/{cycleId}/last-review': { check: (caller, params) => requireCycleAccess(caller, params.cycleId) },
  // The route itself names members only for staff, the committee and the member itself, and refuses non-members.
  'GET /networks/{networkId}/report': { check: async (caller) => requireGroup(caller, [Group.staff, Group.committee, Group.service]) },
  // The good-practice library: the service opts its own review in or out; everyone signed in may search what was shared.
  'PUT /cycles/{cycleId}/good-practice-sharing': { check: (caller, params) => requireOwnService(caller, params.cycleId) },
  'GET /networks/{networkId}/good-practice': { check: async (caller) => requireGroup(caller, GROUPS) },
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

export { policyFor, withAuthorisation };
