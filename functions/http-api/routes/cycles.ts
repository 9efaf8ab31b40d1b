// Reading cycles. Starting one: cycle-start.ts; continuing one in a new execution: cycle-resume.ts.
import { cycleItems } from '#commons/data/cycle';
import { describeExecution } from '#commons/helpers/executions';
import { AUDIT_PREFIX, TASK_PREFIX, cycleKey, timetableKey } from '#commons/helpers/table-keys';
import { listCyclesQuerySchema } from '#commons/schemas/requests';
import { idSchema } from '#commons/schemas/workflow';
import { callerOf } from '../caller.ts';
import { httpError, json, validate } from '../http.ts';
import type { Route, RouteHandler } from '../router.ts';
import { cycleBoardPage } from './cycle-list.ts';
import { startCycle } from './cycle-start.ts';

/** Strips table keys and the task token (a credential) from what the API shows. */
const publicView = (item: Record<string, unknown>): Record<string, unknown> => {
  const { pk: _pk, sk: _sk, gsi1pk: _a, gsi1sk: _b, gsi2pk: _c, gsi2sk: _d, token: _token, ...view } = item;
  return view;
};

const listCycles: RouteHandler = async (event) =>
  json(200, await cycleBoardPage(validate(listCyclesQuerySchema, event.queryStringParameters ?? {}, 'query string'), callerOf(event)));

const showCycle: RouteHandler = async (_event, params) => {
  const cycleId = validate(idSchema, params.cycleId, 'cycleId');
  const items = await cycleItems(cycleId);
  const state = items.find((item) => item.sk === cycleKey(cycleId).sk);
  if (!state) throw httpError(404, 'CycleNotFound', `Cycle ${cycleId} does not exist (yet)`);
  const execution = await describeExecution(state.executionArn);
  // An execution that failed (not one stopped by a withdrawal or a resume) leaves the cycle where it was: say so.
  const failed = execution?.status === 'FAILED' || execution?.status === 'TIMED_OUT';
  // The whole timetable is its own item (the cycle item keeps the planned deadlines only).
  const timetable = items.find((item) => item.sk === timetableKey(cycleId).sk)?.timetable;
  return json(200, {
    cycle: { ...publicView(state), ...(timetable ? { timetable } : {}), ...(failed ? { status: 'failed' } : {}) },
    executionStatus: execution?.status,
    ...(failed ? { executionError: { error: execution.error, cause: execution.cause } } : {}),
    tasks: items.filter((item) => String(item.sk).startsWith(TASK_PREFIX)).map(publicView),
    auditEvents: items.filter((item) => String(item.sk).startsWith(AUDIT_PREFIX)).map(publicView),
  });
};

const cycleRoutes: Route[] = [
  { method: 'POST', path: '/cycles', handle: startCycle },
  { method: 'GET', path: '/cycles', handle: listCycles },
  { method: 'GET', path: '/cycles/{cycleId}', handle: showCycle },
];

export { cycleRoutes, publicView };
