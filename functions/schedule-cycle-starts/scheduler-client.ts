// Endpoint from AWS_ENDPOINT_URL_SCHEDULER when set (the local scheduler), else the regional one.
import { SchedulerClient } from '@aws-sdk/client-scheduler';
import type { Target } from '@aws-sdk/client-scheduler';
import { EnvVar } from '#contracts/environment';
import { nameNetworkFailures } from '#commons/clients/dependency-errors';
import { requireEnv } from '#commons/env';

const schedulerClient = nameNetworkFailures(new SchedulerClient({}), 'EventBridge Scheduler');

/** The role the schedules run as: it may start executions of the cycle state machine only. */
const scheduleRoleArn = requireEnv(EnvVar.scheduleRoleArn);
const deadLetterQueueArn = requireEnv(EnvVar.scheduleDeadLetterQueueArn);

/**
 * Step Functions' templated target (EventBridge Scheduler User Guide, "Using templated targets"):
 * the state machine ARN is the target and Input is the execution input, so no request field
 * casing is involved. A start that still fails after its retries (a day of them) goes to the
 * dead-letter queue: with ActionAfterCompletion DELETE the schedule itself is gone by then.
 */
const startExecutionTarget = (stateMachineArn: string, executionInput: unknown): Target => ({
  Arn: stateMachineArn,
  RoleArn: scheduleRoleArn,
  Input: JSON.stringify(executionInput),
  RetryPolicy: { MaximumRetryAttempts: 10, MaximumEventAgeInSeconds: 86_400 },
  DeadLetterConfig: { Arn: deadLetterQueueArn },
});

export { schedulerClient, startExecutionTarget };
