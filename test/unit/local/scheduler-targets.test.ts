// The local Scheduler emulator delivers the Step Functions templated target as AWS does: the
// target Arn is the state machine, Input is the execution input (EventBridge Scheduler User
// Guide, "Using templated targets": Step Functions – StartExecution, no parameter set).
import { describe, expect, it, vi } from 'vitest';
import { assertSupportedTarget, deliver } from '../../../local/scheduler/targets.ts';

const stateMachineArn = 'arn:aws:states:eu-west-2:123456789012:stateMachine:accredit-dev-accreditation-cycle';
const occurrence = { scheduleArn: 'arn:aws:scheduler:eu-west-2:123456789012:schedule/g/s', scheduledTime: new Date('2027-04-03T06:00:00.000Z'), attempt: 1 };

describe('Local scheduler: target delivery', () => {
  it('accepts a state machine ARN as a templated target', () => {
    // Act
    const check = () => assertSupportedTarget(stateMachineArn);
    // Assess
    expect(check).not.toThrow();
  });

  it('starts an execution of the target state machine with Input as the execution input', async () => {
    // Prepare
    const invokers = { invokeLambda: vi.fn(), callAwsSdk: vi.fn().mockResolvedValue({}) };
    const executionInput = JSON.stringify({ cycleId: 'interim-review-2027-04--hill-ward', at: '<aws.scheduler.scheduled-time>' });
    // Act
    await deliver({ Arn: stateMachineArn, Input: executionInput }, occurrence, invokers);
    // Assess
    expect(invokers.invokeLambda).not.toHaveBeenCalled();
    expect(invokers.callAwsSdk).toHaveBeenCalledWith('sfn', 'startExecution', {
      stateMachineArn,
      input: JSON.stringify({ cycleId: 'interim-review-2027-04--hill-ward', at: '2027-04-03T06:00:00Z' }),
    });
  });

  it('still refuses a target it cannot deliver', () => {
    // Act
    const check = () => assertSupportedTarget('arn:aws:sns:eu-west-2:123456789012:topic');
    // Assess
    expect(check).toThrow(/target/);
  });
});
