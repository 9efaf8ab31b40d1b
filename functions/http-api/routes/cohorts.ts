// Launching a cohort: one execution per service, named after its cycle id. Step Functions never
// runs two executions of one name: a StartExecution with the name and input of a running one
// returns that execution (idempotent), and with other input, or once it has closed (for 90 days),
// fails with ExecutionAlreadyExists. So launching the same cohort twice starts nothing new; each
// service's execution is looked up first so the answer says which were already started, and how
// they stand.
import { DescribeExecutionCommand, ExecutionAlreadyExists, ExecutionDoesNotExist, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import pLimit from 'p-limit';
import { array, object } from 'zod';
import { documentClient } from '#commons/clients/dynamodb';
import { sfnClient } from '#commons/clients/sfn';
import { now } from '#commons/clock';
import { tableName } from '#commons/env';
import { getService } from '#commons/helpers/records';
import { TableIndex } from '#commons/helpers/table-keys';
import { servicesOfNetworkKeys } from '#commons/helpers/table-keys';
import { cycleIdOf } from '#commons/schemas/requests';
import { idSchema, isoDateSchema } from '#commons/schemas/workflow';
import { logger } from '#commons/powertools/logger';
import { stateMachineArn } from '../env.ts';
import { httpError, json, parseBody, validate } from '../http.ts';
import type { Route, RouteHandler } from '../router.ts';

/**
 * Executions started at once. Step Functions' StartExecution bucket (Standard: 1,300, refilling
 * 300 a second in the larger Regions) is far above this; the bound keeps one Lambda's sockets and
 * the local runtime's two cores from being swamped by a cohort of hundreds.
 */
const LAUNCH_CONCURRENCY = 8;
/** A network has ~100 member services at most (CCQI's largest); a cohort is a slice of them. */
const MAX_COHORT_SIZE = 500;

// The ids are at most 30 characters: with `--` the cycle id stays within Step Functions' 80-character execution names.
const shortIdSchema = idSchema.max(30);

const launchCohortRequestSchema = object({
  /** The services to launch; when left out, every service enrolled in `networkId`. */
  serviceIds: array(shortIdSchema).min(1).max(MAX_COHORT_SIZE).optional(),
  networkId: idSchema.optional(),
  /** Defaults to today (the workflow clock). */
  startDate: isoDateSchema.optional(),
}).refine((request) => request.serviceIds !== undefined || request.networkId !== undefined, {
  message: 'give serviceIds, or networkId to launch every service of the network',
  path: ['serviceIds'],
});

const LaunchResult = {
  started: 'started',
  alreadyStarted: 'already-started',
  serviceNotFound: 'service-not-found',
  wrongNetwork: 'service-not-in-network',
  failed: 'failed',
} as const;
type LaunchResult = (typeof LaunchResult)[keyof typeof LaunchResult];

interface ServiceLaunch {
  serviceId: string;
  cycleId: string;
  result: LaunchResult;
  executionArn?: string;
  /** For an execution that already existed: RUNNING, SUCCEEDED, ABORTED... */
  executionStatus?: string;
  message?: string;
}

const executionArnOf = (executionName: string): string => `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${executionName}`;

const servicesOfNetwork = async (networkId: string): Promise<string[]> => {
  const serviceIds: string[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await documentClient.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: TableIndex.byNetwork,
        KeyConditionExpression: 'gsi1pk = :services',
        ExpressionAttributeValues: { ':services': servicesOfNetworkKeys(networkId, '').gsi1pk },
        ProjectionExpression: 'serviceId',
        ExclusiveStartKey,
      }),
    );
    serviceIds.push(...(page.Items ?? []).map((item) => String(item.serviceId)));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return serviceIds;
};

/** The status of the cycle's execution, or undefined when there is none yet. */
const existingStatus = async (cycleId: string): Promise<string | undefined> => {
  try {
    return (await sfnClient.send(new DescribeExecutionCommand({ executionArn: executionArnOf(cycleId) }))).status;
  } catch (error) {
    if (error instanceof ExecutionDoesNotExist) return undefined;
    throw error;
  }
};

const launchOne = async (serviceId: string, cohortId: string, startDate: string, networkId?: string): Promise<ServiceLaunch> => {
  const cycleId = cycleIdOf(cohortId, serviceId);
  const service = await getService(serviceId);
  if (!service) return { serviceId, cycleId, result: LaunchResult.serviceNotFound, message: `Service ${serviceId} is not enrolled` };
  if (networkId !== undefined && service.networkId !== networkId) {
    return { serviceId, cycleId, result: LaunchResult.wrongNetwork, message: `Service ${serviceId} belongs to network ${service.networkId}` };
  }
  const input = { cycleId, serviceId, cohortId, startDate };
  try {
    const status = await existingStatus(cycleId);
    if (status !== undefined) return { serviceId, cycleId, result: LaunchResult.alreadyStarted, executionArn: executionArnOf(cycleId), executionStatus: status };
    const { executionArn } = await sfnClient.send(new StartExecutionCommand({ stateMachineArn, name: cycleId, input: JSON.stringify(input) }));
    return { serviceId, cycleId, result: LaunchResult.started, executionArn };
  } catch (error) {
    if (error instanceof ExecutionAlreadyExists) {
      return { serviceId, cycleId, result: LaunchResult.alreadyStarted, executionArn: executionArnOf(cycleId), executionStatus: await existingStatus(cycleId) };
    }
    // One service's failure must not hide the others' results: report it and carry on.
    logger.error('Could not start a cycle of the cohort', { cycleId, error: error as Error });
    return { serviceId, cycleId, result: LaunchResult.failed, message: (error as Error).name };
  }
};

const countBy = (launches: readonly ServiceLaunch[]): Record<LaunchResult, number> =>
  Object.fromEntries(Object.values(LaunchResult).map((result) => [result, launches.filter((launch) => launch.result === result).length])) as Record<LaunchResult, number>;

const launchCohort: RouteHandler = async (event, params) => {
  const cohortId = validate(shortIdSchema, params.cohortId, 'cohortId');
  const request = parseBody(launchCohortRequestSchema, event);
  const serviceIds = [...new Set(request.serviceIds ?? (await servicesOfNetwork(request.networkId!)))];
  if (serviceIds.length === 0) throw httpError(404, 'NoServices', `Network ${request.networkId} has no enrolled services`);
  if (serviceIds.length > MAX_COHORT_SIZE) throw httpError(400, 'CohortTooLarge', `A cohort launches at most ${MAX_COHORT_SIZE} services at once; split it`);
  const startDate = request.startDate ?? now().toISOString().slice(0, 10);
  const limit = pLimit(LAUNCH_CONCURRENCY);
  const services = await Promise.all(serviceIds.map((serviceId) => limit(() => launchOne(serviceId, cohortId, startDate, request.networkId))));
  const counts = countBy(services);
  logger.info('Cohort launched', { cohortId, startDate, ...counts });
  // 207: each service has its own outcome; 200 when every one is started or was already.
  const allWell = counts[LaunchResult.started] + counts[LaunchResult.alreadyStarted] === services.length;
  return json(allWell ? 200 : 207, { cohortId, startDate, counts, services });
};

const cohortRoutes: Route[] = [{ method: 'POST', path: '/cohorts/{cohortId}/launch', handle: launchCohort }];

export { LaunchResult, cohortRoutes, launchCohortRequestSchema };
export type { ServiceLaunch };
