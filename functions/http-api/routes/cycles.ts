// Starting a service's cycle (one execution per service per cycle) and reading cycles.
import {
  DescribeExecutionCommand,
  ExecutionAlreadyExists,
  ExecutionDoesNotExist,
  StartExecutionCommand,
  StopExecutionCommand,
} from '@aws-sdk/client-sfn';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '#commons/clients/dynamodb';
import { sfnClient } from '#commons/clients/sfn';
import { now } from '#commons/clock';
import { tableName } from '#commons/env';
import { getCycle, getService } from '#commons/helpers/records';
import { AUDIT_PREFIX, TASK_PREFIX, TableIndex, cycleKey, cyclesOfNetworkPartition } from '#commons/helpers/table-keys';
import { cycleIdOf, listCyclesQuerySchema, resumeCycleRequestSchema, startCycleRequestSchema } from '#commons/schemas/requests';
import { idSchema } from '#commons/schemas/workflow';
import { stateMachineArn } from '../env.ts';
import { httpError, json, parseBody, validate } from '../http.ts';
import type { Route, RouteHandler } from '../router.ts';
import { listNetworks } from './networks.ts';

const executionArnOf = (executionName: string): string =>
  `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${executionName}`;

/** Strips table keys and the task token (a credential) from what the API shows. */
const publicView = (item: Record<string, unknown>): Record<string, unknown> => {
  const { pk: _pk, sk: _sk, gsi1pk: _a, gsi1sk: _b, gsi2pk: _c, gsi2sk: _d, token: _token, ...view } = item;
  return view;
};

const startCycle: RouteHandler = async (event) => {
  const request = parseBody(startCycleRequestSchema, event);
  const service = await getService(request.serviceId);
  if (!service) throw httpError(404, 'ServiceNotFound', `Service ${request.serviceId} is not enrolled`);
  const cycleId = cycleIdOf(request.cohortId, request.serviceId);
  const startDate = request.startDate ?? now().toISOString().slice(0, 10);
  const input = { cycleId, serviceId: request.serviceId, cohortId: request.cohortId, startDate };
  try {
    // The execution is named after the cycle: Step Functions refuses a second execution of the
    // same name, so launching the same cycle twice starts nothing new.
    const { executionArn } = await sfnClient.send(
      new StartExecutionCommand({ stateMachineArn, name: cycleId, input: JSON.stringify(input) }),
    );
    return json(202, { result: 'started', cycleId, executionArn, startDate });
  } catch (error) {
    if (error instanceof ExecutionAlreadyExists) {
      throw httpError(409, 'CycleAlreadyStarted', `Cycle ${cycleId} was already started`, {
        cycleId,
        executionArn: executionArnOf(cycleId),
      });
    }
    throw error;
  }
};

const queryAll = async (query: ConstructorParameters<typeof QueryCommand>[0]): Promise<Record<string, unknown>[]> => {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await documentClient.send(new QueryCommand({ ...query, ExclusiveStartKey: startKey }));
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
};

const cyclesOfNetwork = (networkId: string, cohortId?: string, stage?: string) => {
  const prefix = cohortId ? `COHORT#${cohortId}#${stage ? `STAGE#${stage}#` : ''}` : undefined;
  return queryAll({
    TableName: tableName,
    IndexName: TableIndex.byNetwork,
    KeyConditionExpression: prefix ? 'gsi1pk = :partition AND begins_with(gsi1sk, :prefix)' : 'gsi1pk = :partition',
    ExpressionAttributeValues: { ':partition': cyclesOfNetworkPartition(networkId), ...(prefix ? { ':prefix': prefix } : {}) },
  });
};

const listCycles: RouteHandler = async (event) => {
  const query = validate(listCyclesQuerySchema, event.queryStringParameters ?? {}, 'query string');
  const networkIds = query.networkId ? [query.networkId] : (await listNetworks()).map((network) => network.networkId);
  const perNetwork = await Promise.all(networkIds.map((networkId) => cyclesOfNetwork(networkId, query.cohortId, query.stage)));
  const cycles = perNetwork
    .flat()
    .filter((cycle) => !query.stage || cycle.stage === query.stage)
    .map((cycle) => {
      const { timetable: _timetable, contacts: _contacts, notifiedOccurrences: _n, ...summary } = publicView(cycle);
      return summary;
    });
  return json(200, { cycles });
};

const executionStatus = async (executionArn: unknown): Promise<string | undefined> => {
  if (typeof executionArn !== 'string') return undefined;
  try {
    const { status } = await sfnClient.send(new DescribeExecutionCommand({ executionArn }));
    return status;
  } catch (error) {
    if (error instanceof ExecutionDoesNotExist) return undefined;
    throw error;
  }
};

const showCycle: RouteHandler = async (_event, params) => {
  const cycleId = validate(idSchema, params.cycleId, 'cycleId');
  const items = await queryAll({
    TableName: tableName,
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': cycleKey(cycleId).pk },
  });
  const state = items.find((item) => item.sk === cycleKey(cycleId).sk);
  if (!state) throw httpError(404, 'CycleNotFound', `Cycle ${cycleId} does not exist (yet)`);
  return json(200, {
    cycle: publicView(state),
    executionStatus: await executionStatus(state.executionArn),
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
