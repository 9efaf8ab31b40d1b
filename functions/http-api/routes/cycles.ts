// Reading cycles, and continuing one in a new execution. Starting one: cycle-start.ts.
import { StartExecutionCommand, StopExecutionCommand } from '@aws-sdk/client-sfn';
import { sfnClient } from '#commons/clients/sfn';
import { now } from '#commons/clock';
import { cycleItems } from '#commons/data/cycle';
import { describeExecution, executionStatus } from '#commons/helpers/executions';
import { getCycle } from '#commons/helpers/records';
import { AUDIT_PREFIX, TASK_PREFIX, cycleKey } from '#commons/helpers/table-keys';
import { listCyclesQuerySchema, resumeCycleRequestSchema } from '#commons/schemas/requests';
import { idSchema } from '#commons/schemas/workflow';
import { callerOf } from '../authorisation.ts';
import { stateMachineArn } from '../env.ts';
import { httpError, json, parseBody, validate } from '../http.ts';
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
  return json(200, {
    cycle: { ...publicView(state), ...(failed ? { status: 'failed' } : {}) },
    executionStatus: execution?.status,
    ...(failed ? { executionError: { error: execution.error, cause: execution.cause } } : {}),
    tasks: items.filter((item) => String(item.sk).startsWith(TASK_PREFIX)).map(publicView),
    auditEvents: items.filter((item) => String(item.sk).startsWith(AUDIT_PREFIX)).map(publicView),
  });
};

/**
 * Continues a cycle in a new execution at a given stage (a long cycle near Step Functions' one-year
 * or 25,000-event limits, a redrive, a new definition version). The running execution is stopped;
 * the new one takes the cycle over (enrol-service records that with an audit event).
 */
const resumeCycle: RouteHandler = async (event, params) => {
  const cycleId = validate(idSchema, params.cycleId, 'cycleId');
  const request = parseBody(resumeCycleRequestSchema, event);
  const cycle = await getCycle(cycleId);
  if (!cycle) throw httpError(404, 'CycleNotFound', `Cycle ${cycleId} does not exist (yet)`);
  if ((await executionStatus(cycle.executionArn)) === 'RUNNING') {
    await sfnClient.send(
      new StopExecutionCommand({ executionArn: cycle.executionArn, error: 'CycleResumed', cause: `Resumed at ${request.resumeAt}: ${request.reason}` }),
    );
  }
  const name = `${cycleId}-r${now().toISOString().replace(/\D/g, '').slice(0, 14)}`;
  const input = { cycleId, serviceId: cycle.serviceId, cohortId: cycle.cohortId, startDate: cycle.startDate, resumeAt: request.resumeAt };
  const { executionArn } = await sfnClient.send(new StartExecutionCommand({ stateMachineArn, name, input: JSON.stringify(input) }));
  return json(202, { result: 'resumed', cycleId, resumeAt: request.resumeAt, executionArn, previousExecutionArn: cycle.executionArn });
};

const cycleRoutes: Route[] = [
  { method: 'POST', path: '/cycles/{cycleId}/resume', handle: resumeCycle },
  { method: 'POST', path: '/cycles', handle: startCycle },
  { method: 'GET', path: '/cycles', handle: listCycles },
  { method: 'GET', path: '/cycles/{cycleId}', handle: showCycle },
];

export { cycleRoutes, publicView };
