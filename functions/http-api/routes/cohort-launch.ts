// Launching one service of a cohort: refused (with the reason, src/cohort-launch.ts) when the
// service already has a cycle open, a follow-up booked, or was withdrawn; else one execution named
// after its cycle id. Step Functions never runs two executions of one name, so a repeated launch
// answers already-started with how the execution stands.
import { ExecutionAlreadyExists, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { launchRefusal } from '#core/cohort-launch';
import type { ExistingCycle } from '#core/cohort-launch';
import { sfnClient } from '#commons/clients/sfn';
import { executionArnOf, executionStatus } from '#commons/helpers/executions';
import { getService } from '#commons/helpers/records';
import { logger } from '#commons/powertools/logger';
import { cycleIdOf } from '#commons/schemas/requests';
import { stateMachineArn } from '../env.ts';

const LaunchResult = {
  started: 'started',
  alreadyStarted: 'already-started',
  serviceNotFound: 'service-not-found',
  wrongNetwork: 'service-not-in-network',
  /** The service has a cycle open, a follow-up booked, or was withdrawn (see `reason`). */
  refused: 'refused',
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
  reason?: string;
  message?: string;
}

/** The cycles each service already has, read once per network for the whole launch. */
type CyclesOfService = (networkId: string, serviceId: string) => Promise<ExistingCycle[]>;


const launchOne = async (serviceId: string, cohortId: string, startDate: string, cyclesOf: CyclesOfService, networkId?: string): Promise<ServiceLaunch> => {
  const cycleId = cycleIdOf(cohortId, serviceId);
  const service = await getService(serviceId);
  if (!service) return { serviceId, cycleId, result: LaunchResult.serviceNotFound, message: `Service ${serviceId} is not enrolled` };
  if (networkId !== undefined && service.networkId !== networkId) {
    return { serviceId, cycleId, result: LaunchResult.wrongNetwork, message: `Service ${serviceId} belongs to network ${service.networkId}` };
  }
  const refusal = launchRefusal(cycleId, await cyclesOf(service.networkId, serviceId));
  if (refusal) return { serviceId, cycleId, result: LaunchResult.refused, reason: refusal.reason, message: refusal.message };
  const input = { cycleId, serviceId, cohortId, startDate };
  try {
    const status = await executionStatus(executionArnOf(stateMachineArn, cycleId));
    if (status !== undefined) return { serviceId, cycleId, result: LaunchResult.alreadyStarted, executionArn: executionArnOf(stateMachineArn, cycleId), executionStatus: status };
    const { executionArn } = await sfnClient.send(new StartExecutionCommand({ stateMachineArn, name: cycleId, input: JSON.stringify(input) }));
    return { serviceId, cycleId, result: LaunchResult.started, executionArn };
  } catch (error) {
    if (error instanceof ExecutionAlreadyExists) {
      return { serviceId, cycleId, result: LaunchResult.alreadyStarted, executionArn: executionArnOf(stateMachineArn, cycleId), executionStatus: await executionStatus(executionArnOf(stateMachineArn, cycleId)) };
    }
    // One service's failure must not hide the others' results: report it and carry on.
    logger.error('Could not start a cycle of the cohort', { cycleId, error: error as Error });
    return { serviceId, cycleId, result: LaunchResult.failed, message: (error as Error).name };
  }
};

export { LaunchResult, launchOne };
export type { CyclesOfService, ServiceLaunch };
