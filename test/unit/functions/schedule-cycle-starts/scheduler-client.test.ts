// The one-off schedule's target is Step Functions' templated target: the state machine ARN is the
// target Arn and Input is the execution input itself (EventBridge Scheduler User Guide, "Using
// templated targets": Step Functions – StartExecution). Before issue 11 item 3 it was the
// universal target arn:aws:scheduler:::aws-sdk:sfn:startExecution with a camelCase request.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EnvVar } from '#contracts/environment';

const stateMachineArn = 'arn:aws:states:eu-west-2:123456789012:stateMachine:accredit-dev-accreditation-cycle';
const roleArn = 'arn:aws:iam::123456789012:role/accredit-dev-start-cycle';
const deadLetterQueueArn = 'arn:aws:sqs:eu-west-2:123456789012:accredit-dev-schedule-dead-letters';

const loadClient = async () => {
  vi.resetModules();
  vi.stubEnv('TABLE_NAME', 'unit-test-table');
  vi.stubEnv(EnvVar.scheduleRoleArn, roleArn);
  vi.stubEnv(EnvVar.scheduleDeadLetterQueueArn, deadLetterQueueArn);
  return import('../../../../functions/schedule-cycle-starts/scheduler-client.ts');
};

describe('Helper: startExecutionTarget', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('targets the state machine itself, with the execution input as Input, retries and the dead-letter queue', async () => {
    // Prepare
    const { startExecutionTarget } = await loadClient();
    const executionInput = { cycleId: 'interim-review-2027-04--hill-ward', serviceId: 'hill-ward', startDate: '2027-04-05' };
    // Act
    const target = startExecutionTarget(stateMachineArn, executionInput);
    // Assess
    expect(target).toEqual({
      Arn: stateMachineArn,
      RoleArn: roleArn,
      Input: JSON.stringify(executionInput),
      RetryPolicy: { MaximumRetryAttempts: 10, MaximumEventAgeInSeconds: 86_400 },
      DeadLetterConfig: { Arn: deadLetterQueueArn },
    });
    expect(target.Arn).not.toContain(':aws-sdk:');
  });

  it('fails at cold start without the dead-letter queue: a start that fails must leave a trace', async () => {
    // Prepare
    vi.resetModules();
    vi.stubEnv('TABLE_NAME', 'unit-test-table');
    vi.stubEnv(EnvVar.scheduleRoleArn, roleArn);
    vi.stubEnv(EnvVar.scheduleDeadLetterQueueArn, '');
    // Act
    const load = import('../../../../functions/schedule-cycle-starts/scheduler-client.ts');
    // Assess
    await expect(load).rejects.toThrow(EnvVar.scheduleDeadLetterQueueArn);
  });
});
