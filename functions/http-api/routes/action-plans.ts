// Every service's action plan in a network, for staff (issue 13: "staff see every service's plan"):
// per plan its service, its actions by status, how many are overdue and how many PDSA cycles were
// run. The plans are found by their keys in the by-network index, then each is read from its cycle's
// partition with one Query, so the listing grows with the plans, never with the table.
import pLimit from 'p-limit';
import { ACTION_STATUSES, overdueActions } from '#core/action-plan';
import { rampOf } from '#core/pdsa';
import { ukDateOf } from '#core/uk-time';
import { now } from '#commons/clock';
import { actionPlanCyclesOf, readActionPlanItems } from '#commons/data/action-plan';
import { pdsaCyclesOf } from '#commons/data/pdsa-cycle';
import { actionPlansQuerySchema } from '#commons/schemas/action-plan';
import { json, validate } from '../http.ts';
import type { Route, RouteHandler } from '../router.ts';

/** Plans read at once: keeps a large network's listing under DynamoDB's burst. */
const PLAN_CONCURRENCY = 8;

const planSummary = async (cycleId: string, today: string) => {
  const { header, actions, items } = await readActionPlanItems(cycleId);
  if (!header) return undefined;
  const overdue = overdueActions({ proposals: [], actions: actions.map((action) => ({ ...action, id: action.actionId })) }, today);
  const ramps = actions.map((action) => rampOf(pdsaCyclesOf(items, action.actionId)));
  return {
    cycleId,
    serviceId: header.serviceId,
    serviceName: header.serviceName,
    updatedAt: header.updatedAt,
    actions: actions.length,
    byStatus: Object.fromEntries(ACTION_STATUSES.map((status) => [status, actions.filter((action) => action.status === status).length])),
    overdue: overdue.length,
    nextDueOn: actions.filter((action) => action.status === 'not-started' || action.status === 'in-progress').map((action) => action.dueOn).sort()[0],
    pdsaCycles: ramps.reduce((total, ramp) => total + ramp.cycles.length, 0),
    changesAdopted: ramps.filter((ramp) => ramp.state === 'adopted').length,
  };
};

/** GET /action-plans?networkId= */
const listActionPlans: RouteHandler = async (event) => {
  const { networkId } = validate(actionPlansQuerySchema, event.queryStringParameters ?? {}, 'query string');
  const today = ukDateOf(now());
  const limit = pLimit(PLAN_CONCURRENCY);
  const cycleIds = await actionPlanCyclesOf(networkId);
  const plans = (await Promise.all(cycleIds.map((cycleId) => limit(() => planSummary(cycleId, today))))).filter((plan) => plan !== undefined);
  plans.sort((a, b) => b.overdue - a.overdue || a.serviceName.localeCompare(b.serviceName));
  return json(200, { networkId, today, plans });
};

const actionPlanListRoutes: Route[] = [{ method: 'GET', path: '/action-plans', handle: listActionPlans }];

export { actionPlanListRoutes };
