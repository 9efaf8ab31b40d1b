// Conformance: .waitForTaskToken tasks, task tokens, timeouts, heartbeats and StopExecution.
import {
  SendTaskFailureCommand,
  SendTaskHeartbeatCommand,
  SendTaskSuccessCommand,
  StopExecutionCommand,
  DescribeExecutionCommand,
} from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { jsonata, startHarness, type Harness } from './harness.ts';

let harness: Harness;
const issuedTokens: string[] = [];

beforeAll(async () => {
  harness = await startHarness(async (_name, payload) => {
    issuedTokens.push((payload as { token: string }).token);
    return { stored: true };
  });
});
afterAll(async () => harness.stop());
beforeEach(() => {
  issuedTokens.length = 0;
});

const callbackMachine = (task: Record<string, unknown> = {}) =>
  jsonata({
    StartAt: 'Await',
    States: {
      Await: {
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
        Arguments: { FunctionName: 'store-token', Payload: { token: '{% $states.context.Task.Token %}', input: '{% $states.input %}' } },
        Catch: [{ ErrorEquals: ['States.Timeout', 'States.HeartbeatTimeout'], Next: 'Overdue', Output: '{% $states.errorOutput %}' }],
        Next: 'Done',
        ...task,
      },
      Overdue: { Type: 'Pass', Output: { overdue: '{% $states.input.Error %}' }, End: true },
      Done: { Type: 'Succeed' },
    },
  });

const startWaiting = async (task?: Record<string, unknown>) => {
  const executionArn = await harness.start(await harness.createMachine(callbackMachine(task)), { cycle: 'c-1' });
  await harness.runtime.idle();
  return { executionArn, token: issuedTokens.at(-1) as string };
};

describe('Runtime: task tokens', () => {
  it('completes the task with the SendTaskSuccess output', async () => {
    // Prepare
    const { executionArn, token } = await startWaiting();
    // Act
    await harness.sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: JSON.stringify({ decision: 'accredited' }) }));
    const described = await harness.waitForEnd(executionArn);
    // Assess
    expect(described.status).toBe('SUCCEEDED');
    expect(JSON.parse(described.output as string)).toEqual({ decision: 'accredited' });
    const types = (await harness.history(executionArn)).map((event) => event.type);
    expect(types).toEqual(expect.arrayContaining(['TaskScheduled', 'TaskStarted', 'TaskSubmitted', 'TaskSucceeded']));
  });

  it('fails the task with the SendTaskFailure error and cause', async () => {
    // Prepare
    const { executionArn, token } = await startWaiting();
    // Act
    await harness.sfn.send(new SendTaskFailureCommand({ taskToken: token, error: 'Review.Rejected', cause: 'not ready' }));
    const described = await harness.waitForEnd(executionArn);
    // Assess
    expect(described).toMatchObject({ status: 'FAILED', error: 'Review.Rejected', cause: 'not ready' });
  });

  it('refuses a duplicate callback with TaskTimedOut and keeps the first result', async () => {
    // Prepare
    const { executionArn, token } = await startWaiting();
    await harness.sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{"first":true}' }));
    // Act
    const duplicate = harness.sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{"second":true}' }));
    // Assess
    await expect(duplicate).rejects.toMatchObject({ name: 'TaskTimedOut' });
    const described = await harness.waitForEnd(executionArn);
    expect(JSON.parse(described.output as string)).toEqual({ first: true });
  });

  it.each([
    { case: 'unknown token', token: 'AQnot-a-real-token', expected: 'InvalidToken' },
    { case: 'empty token', token: '', expected: 'InvalidToken' },
  ])('refuses an $case with $expected', async ({ token, expected }) => {
    // Act
    const sent = harness.sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' }));
    // Assess
    await expect(sent).rejects.toMatchObject({ name: expected });
  });

  it('refuses output that is not JSON with InvalidOutput', async () => {
    // Prepare
    const { token } = await startWaiting();
    // Act
    const sent = harness.sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: 'not json' }));
    // Assess
    await expect(sent).rejects.toMatchObject({ name: 'InvalidOutput' });
  });

  it('times out after TimeoutSeconds (an expression) and refuses the late callback', async () => {
    // Prepare: a 10-day deadline, computed from the input as the app derives it from a due date.
    const { executionArn, token } = await startWaiting({ TimeoutSeconds: '{% 10 * 24 * 60 * 60 %}' });
    // Act
    await harness.runtime.clock.advance(10 * 24 * 3600 * 1000 - 1000);
    const stillWaiting = await harness.sfn.send(new DescribeExecutionCommand({ executionArn }));
    await harness.runtime.clock.advance(1000);
    const described = await harness.waitForEnd(executionArn);
    const late = harness.sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' }));
    // Assess
    expect(stillWaiting.status).toBe('RUNNING');
    expect(JSON.parse(described.output as string)).toEqual({ overdue: 'States.Timeout' });
    await expect(late).rejects.toMatchObject({ name: 'TaskTimedOut' });
    expect((await harness.history(executionArn)).map((event) => event.type)).toContain('TaskTimedOut');
  });

  it('times out on a missed heartbeat, and a heartbeat in time keeps the task alive', async () => {
    // Prepare
    const { executionArn, token } = await startWaiting({ HeartbeatSeconds: 60, TimeoutSeconds: 3600 });
    // Act: beat at 50 s, then stay silent.
    await harness.runtime.clock.advance(50_000);
    await harness.sfn.send(new SendTaskHeartbeatCommand({ taskToken: token }));
    await harness.runtime.clock.advance(50_000);
    const afterFirstBeat = await harness.sfn.send(new DescribeExecutionCommand({ executionArn }));
    await harness.runtime.clock.advance(20_000);
    const described = await harness.waitForEnd(executionArn);
    // Assess
    expect(afterFirstBeat.status).toBe('RUNNING');
    // Measured on AWS, a missed heartbeat times the task out with States.Timeout.
    expect(JSON.parse(described.output as string)).toEqual({ overdue: 'States.Timeout' });
    await expect(harness.sfn.send(new SendTaskHeartbeatCommand({ taskToken: token }))).rejects.toMatchObject({ name: 'TaskTimedOut' });
  });

  it('waits for months on a callback without overflowing timers', async () => {
    // Prepare: a 9-month deadline.
    const nineMonths = 270 * 24 * 3600;
    const { executionArn } = await startWaiting({ TimeoutSeconds: nineMonths });
    // Act
    await harness.runtime.clock.advance((nineMonths - 1) * 1000);
    const before = await harness.sfn.send(new DescribeExecutionCommand({ executionArn }));
    await harness.runtime.clock.advance(1000);
    const after = await harness.waitForEnd(executionArn);
    // Assess
    expect(before.status).toBe('RUNNING');
    expect(after.status).toBe('SUCCEEDED');
  });
});

describe('Runtime: heartbeat and failure details', () => {
  it('lets a Catch name a missed heartbeat States.HeartbeatTimeout too', async () => {
    // Prepare: only the documented heartbeat name is caught.
    const { executionArn } = await startWaiting({
      HeartbeatSeconds: 30,
      Catch: [{ ErrorEquals: ['States.HeartbeatTimeout'], Next: 'Overdue', Output: '{% $states.errorOutput %}' }],
    });
    // Act
    await harness.runtime.clock.advance(31_000);
    const described = await harness.waitForEnd(executionArn);
    // Assess
    expect(JSON.parse(described.output as string)).toEqual({ overdue: 'States.Timeout' });
  });

  it('records a timeout with no cause (caught as Cause ""), and a SendTaskFailure without error or cause as nulls', async () => {
    // Prepare
    const catchAll = [
      { ErrorEquals: ['Never.Raised'], Next: 'Overdue' },
      { ErrorEquals: ['States.ALL'], Next: 'Done' },
    ];
    const timedOut = await startWaiting({ TimeoutSeconds: 5, Catch: catchAll });
    const failed = await startWaiting({ Catch: catchAll });
    // Act
    await harness.runtime.clock.advance(6_000);
    await harness.sfn.send(new SendTaskFailureCommand({ taskToken: failed.token }));
    const timedOutOutput = JSON.parse((await harness.waitForEnd(timedOut.executionArn)).output as string);
    const failedOutput = JSON.parse((await harness.waitForEnd(failed.executionArn)).output as string);
    const failedEvent = (await harness.history(failed.executionArn)).find((event) => event.type === 'TaskFailed');
    // Assess
    // Recorded on AWS: localstack/localstack test_task_service_lambda.snapshot.json, test_invoke_timeout.
    expect(timedOutOutput).toEqual({ Error: 'States.Timeout', Cause: '' });
    expect(failedOutput).toEqual({ Error: null, Cause: null });
    expect(failedEvent?.taskFailedEventDetails).toEqual({ resourceType: 'lambda', resource: 'invoke.waitForTaskToken' });
  });
});

describe('Runtime: StopExecution', () => {
  it('aborts an execution waiting on a callback and closes its token', async () => {
    // Prepare
    const { executionArn, token } = await startWaiting();
    // Act
    await harness.sfn.send(new StopExecutionCommand({ executionArn, error: 'Withdrawn', cause: 'service withdrew' }));
    const described = await harness.waitForEnd(executionArn);
    const events = await harness.history(executionArn);
    // Assess
    expect(described).toMatchObject({ status: 'ABORTED', error: 'Withdrawn', cause: 'service withdrew' });
    expect(events.at(-1)).toMatchObject({ type: 'ExecutionAborted', executionAbortedEventDetails: { error: 'Withdrawn', cause: 'service withdrew' } });
    await expect(harness.sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' }))).rejects.toMatchObject({ name: 'TaskTimedOut' });
  });

  it('aborts an execution in a Wait state; the clock passing the wait changes nothing', async () => {
    // Prepare
    const machine = await harness.createMachine(jsonata({ StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 600, Next: 'After' }, After: { Type: 'Pass', End: true } } }));
    const executionArn = await harness.start(machine);
    await harness.runtime.idle();
    // Act
    await harness.sfn.send(new StopExecutionCommand({ executionArn }));
    await harness.runtime.clock.advance(601_000);
    // Assess
    const events = await harness.history(executionArn);
    expect((await harness.waitForEnd(executionArn)).status).toBe('ABORTED');
    expect(events.some((event) => event.type === 'PassStateEntered')).toBe(false);
  });
});

describe('Runtime: idle()', () => {
  it('waits for a slow handler to return before reporting idle', async () => {
    // Prepare: a handler that takes several event-loop turns and real time to store its token.
    const slow = await startHarness(async (_name, payload) => {
      await new Promise((resolve) => setTimeout(resolve, 50));
      issuedTokens.push((payload as { token: string }).token);
      return {};
    });
    try {
      const machine = await slow.createMachine(callbackMachine());
      // Act
      await slow.start(machine);
      await slow.runtime.idle();
      // Assess: the token was stored before idle() resolved.
      expect(issuedTokens).toHaveLength(1);
    } finally {
      await slow.stop();
    }
  });
});
