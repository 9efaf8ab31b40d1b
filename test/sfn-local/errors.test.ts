// Conformance: Retry (with back-off on the manual clock), Catch (Output, Assign), error-name
// matching, Fail states and the execution timeout.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonata, startHarness, statesEntered, terminalState, type Harness } from './harness.ts';

class FlakyError extends Error {
  override name = 'FlakyError';
}
class CycleNotFound extends Error {
  override name = 'CycleNotFound';
}

let harness: Harness;
const invocations: Array<{ name: string; at: number }> = [];
let failuresLeft = 0;
let failWith: () => Error = () => new FlakyError('flaky');

beforeAll(async () => {
  harness = await startHarness(async (name) => {
    invocations.push({ name, at: harness.runtime.clock.now().getTime() });
    if (failuresLeft > 0) {
      failuresLeft -= 1;
      throw failWith();
    }
    return { ok: true };
  });
});
afterAll(async () => harness.stop());

const lambdaTask = (extra: Record<string, unknown>) => ({
  Type: 'Task',
  Resource: 'arn:aws:states:::lambda:invoke',
  Arguments: { FunctionName: 'flaky', Payload: {} },
  ...extra,
});

/** Moves the manual clock one second at a time until the execution ends (bounded). */
const driveToEnd = async (executionArn: string, maxSeconds = 120) => {
  for (let second = 0; second < maxSeconds; second += 1) {
    const described = await harness.waitForEnd(executionArn);
    if (described.status !== 'RUNNING') return described;
    await harness.runtime.clock.advance(1000);
  }
  return harness.waitForEnd(executionArn);
};

describe('Runtime: Retry', () => {
  it.each([
    {
      case: 'exponential back-off 1s, 2s, 4s',
      retrier: { ErrorEquals: ['FlakyError'], IntervalSeconds: 1, BackoffRate: 2, MaxAttempts: 3 },
      failures: 3,
      expectedGaps: [1, 2, 4],
      status: 'SUCCEEDED',
    },
    {
      case: 'MaxDelaySeconds caps the back-off',
      retrier: { ErrorEquals: ['States.ALL'], IntervalSeconds: 2, BackoffRate: 3, MaxAttempts: 4, MaxDelaySeconds: 7 },
      failures: 4,
      expectedGaps: [2, 6, 7, 7],
      status: 'SUCCEEDED',
    },
    {
      case: 'attempts exhausted: the error ends the execution',
      retrier: { ErrorEquals: ['States.TaskFailed'], IntervalSeconds: 1, BackoffRate: 1, MaxAttempts: 2 },
      failures: 5,
      expectedGaps: [1, 1],
      status: 'FAILED',
    },
    {
      case: 'MaxAttempts 0 never retries',
      retrier: { ErrorEquals: ['FlakyError'], MaxAttempts: 0 },
      failures: 1,
      expectedGaps: [],
      status: 'FAILED',
    },
  ])('$case', async ({ retrier, failures, expectedGaps, status }) => {
    // Prepare
    invocations.length = 0;
    failuresLeft = failures;
    failWith = () => new FlakyError('flaky');
    const machine = await harness.createMachine(jsonata({ StartAt: 'T', States: { T: lambdaTask({ Retry: [retrier], End: true }) } }));
    // Act
    const described = await driveToEnd(await harness.start(machine));
    // Assess
    const gaps = invocations.slice(1).map((call, index) => (call.at - invocations[index].at) / 1000);
    expect(gaps).toEqual(expectedGaps);
    expect(described.status).toBe(status);
    if (status === 'FAILED') expect(described.error).toBe('FlakyError');
  });

  it('retries with FULL jitter never wait longer than the computed delay', async () => {
    // Prepare
    invocations.length = 0;
    failuresLeft = 3;
    const retrier = { ErrorEquals: ['FlakyError'], IntervalSeconds: 4, BackoffRate: 2, MaxAttempts: 3, JitterStrategy: 'FULL' };
    const machine = await harness.createMachine(jsonata({ StartAt: 'T', States: { T: lambdaTask({ Retry: [retrier], End: true }) } }));
    // Act
    const described = await driveToEnd(await harness.start(machine));
    // Assess
    const gaps = invocations.slice(1).map((call, index) => (call.at - invocations[index].at) / 1000);
    expect(described.status).toBe('SUCCEEDED');
    gaps.forEach((gap, index) => expect(gap).toBeLessThanOrEqual(4 * 2 ** index));
  });

  it('uses only the first matching retrier, and counts RetryCount in the context', async () => {
    // Prepare: the first retrier matches and allows one retry; the second would allow more.
    invocations.length = 0;
    failuresLeft = 2;
    const machine = await harness.createMachine(
      jsonata({
        StartAt: 'T',
        States: {
          T: lambdaTask({
            Retry: [
              { ErrorEquals: ['FlakyError'], MaxAttempts: 1, IntervalSeconds: 1 },
              { ErrorEquals: ['States.ALL'], MaxAttempts: 5, IntervalSeconds: 1 },
            ],
            Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Caught', Output: { retries: '{% $states.context.State.RetryCount %}' } }],
            End: true,
          }),
          Caught: { Type: 'Succeed' },
        },
      }),
    );
    // Act
    const described = await driveToEnd(await harness.start(machine));
    // Assess
    expect(invocations).toHaveLength(2);
    expect(JSON.parse(described.output as string)).toEqual({ retries: 1 });
  });
});

describe('Runtime: Catch', () => {
  it('routes to the catcher with $states.errorOutput, its Output and Assign, not the state Assign', async () => {
    // Prepare
    failuresLeft = 1;
    failWith = () => new CycleNotFound('no cycle c-1');
    const machine = await harness.createMachine(
      jsonata({
        StartAt: 'T',
        States: {
          T: lambdaTask({
            Assign: { fromState: 'should not be set' },
            Catch: [
              { ErrorEquals: ['SomethingElse'], Next: 'Wrong' },
              {
                ErrorEquals: ['CycleNotFound'],
                Next: 'Handle',
                Output: { error: '{% $states.errorOutput.Error %}', input: '{% $states.input %}' },
                Assign: { caughtCause: '{% $parse($states.errorOutput.Cause).errorMessage %}' },
              },
            ],
            End: true,
          }),
          Wrong: { Type: 'Fail', Error: 'Wrong' },
          Handle: { Type: 'Pass', Output: { received: '{% $states.input %}', cause: '{% $caughtCause %}', fromState: '{% $exists($fromState) %}' }, End: true },
        },
      }),
    );
    // Act
    const executionArn = await harness.start(machine, { cycle: 'c-1' });
    const described = await harness.waitForEnd(executionArn);
    // Assess
    expect(described.status).toBe('SUCCEEDED');
    expect(JSON.parse(described.output as string)).toEqual({
      received: { error: 'CycleNotFound', input: { cycle: 'c-1' } },
      cause: 'no cycle c-1',
      fromState: false,
    });
    expect(statesEntered(await harness.history(executionArn))).toEqual(['T', 'Handle']);
  });

  it('defaults the catcher Output to {Error, Cause}', async () => {
    // Prepare
    const machine = await harness.createMachine(
      jsonata({
        StartAt: 'F',
        States: {
          F: { Type: 'Parallel', Branches: [{ StartAt: 'Boom', States: { Boom: { Type: 'Fail', Error: 'Custom.Error', Cause: '{% "because " & "reasons" %}' } } }], Catch: [{ ErrorEquals: ['Custom.Error'], Next: 'Done' }], End: true },
          Done: { Type: 'Succeed' },
        },
      }),
    );
    // Act
    const described = await harness.waitForEnd(await harness.start(machine));
    // Assess
    expect(JSON.parse(described.output as string)).toEqual({ Error: 'Custom.Error', Cause: 'because reasons' });
  });

  it.each([
    { errorEquals: ['States.TaskFailed'], caught: true },
    { errorEquals: ['States.ALL'], caught: true },
    { errorEquals: ['States.Timeout'], caught: false },
    { errorEquals: ['CycleNotFound'], caught: true },
  ])('matches a handler error with $errorEquals: caught=$caught', async ({ errorEquals, caught }) => {
    // Prepare
    failuresLeft = 1;
    failWith = () => new CycleNotFound('missing');
    const machine = await harness.createMachine(
      jsonata({ StartAt: 'T', States: { T: lambdaTask({ Catch: [{ ErrorEquals: errorEquals, Next: 'Caught' }], End: true }), Caught: { Type: 'Succeed' } } }),
    );
    // Act
    const described = await harness.waitForEnd(await harness.start(machine));
    // Assess
    expect(described.status).toBe(caught ? 'SUCCEEDED' : 'FAILED');
  });

  it('cannot catch States.Runtime, even with States.ALL', async () => {
    // Prepare: a Lambda task without a FunctionName is a runtime error.
    const machine = await harness.createMachine(
      jsonata({
        StartAt: 'T',
        States: {
          T: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Arguments: { Payload: {} }, Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Caught' }], End: true },
          Caught: { Type: 'Succeed' },
        },
      }),
    );
    // Act
    const described = await harness.waitForEnd(await harness.start(machine));
    // Assess
    expect(described).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
  });
});

describe('Runtime: Fail and execution timeout', () => {
  it('ends in the Fail state with its evaluated Error and Cause', async () => {
    // Prepare
    const machine = await harness.createMachine(
      jsonata({ StartAt: 'No', States: { No: { Type: 'Fail', Error: '{% "Cycle." & $states.input.why %}', Cause: 'Committee said no' } } }),
    );
    // Act
    const executionArn = await harness.start(machine, { why: 'Rejected' });
    const described = await harness.waitForEnd(executionArn);
    // Assess
    expect(described).toMatchObject({ status: 'FAILED', error: 'Cycle.Rejected', cause: 'Committee said no' });
    expect(terminalState(await harness.history(executionArn))).toBe('No');
  });

  it('reports neither error nor cause for a Fail state that gives none', async () => {
    // Prepare
    const machine = await harness.createMachine(jsonata({ StartAt: 'Bare', States: { Bare: { Type: 'Fail' } } }));
    // Act
    const described = await harness.waitForEnd(await harness.start(machine));
    // Assess
    expect(described.status).toBe('FAILED');
    expect(described.error).toBeUndefined();
    expect(described.cause).toBeUndefined();
  });

  it('times out the execution after the top-level TimeoutSeconds', async () => {
    // Prepare
    const machine = await harness.createMachine(jsonata({ TimeoutSeconds: 60, StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 3600, End: true } } }));
    const executionArn = await harness.start(machine);
    // Act
    await harness.runtime.clock.advance(61_000);
    const described = await harness.waitForEnd(executionArn);
    // Assess
    expect(described).toMatchObject({ status: 'TIMED_OUT' });
    expect((await harness.history(executionArn)).at(-1)?.type).toBe('ExecutionTimedOut');
  });
});
