// Conformance: Parallel and inline Map, including failure of one branch or iteration.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonata, startHarness, type Harness } from './harness.ts';

let harness: Harness;
let concurrent = 0;
let peakConcurrency = 0;

beforeAll(async () => {
  harness = await startHarness(async (_name, payload) => {
    concurrent += 1;
    peakConcurrency = Math.max(peakConcurrency, concurrent);
    await new Promise((resolve) => setImmediate(resolve));
    concurrent -= 1;
    const value = (payload as { value: number }).value;
    if (value < 0) throw Object.assign(new Error(`negative ${value}`), { name: 'NegativeValue' });
    return { doubled: value * 2 };
  });
});
afterAll(async () => harness.stop());

const doubler = {
  StartAt: 'Double',
  States: {
    Double: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Arguments: { FunctionName: 'double', Payload: { value: '{% $states.input %}' } },
      Output: '{% $states.result.Payload.doubled %}',
      End: true,
    },
  },
};

describe('Runtime: Map', () => {
  it.each([
    { maxConcurrency: 0, items: [1, 2, 3, 4, 5], expectedPeakAtMost: 5 },
    { maxConcurrency: 2, items: [1, 2, 3, 4, 5], expectedPeakAtMost: 2 },
    { maxConcurrency: 1, items: [1, 2, 3], expectedPeakAtMost: 1 },
  ])('maps $items with MaxConcurrency $maxConcurrency, keeping order', async ({ maxConcurrency, items, expectedPeakAtMost }) => {
    // Prepare
    peakConcurrency = 0;
    const machine = await harness.createMachine(
      jsonata({ StartAt: 'M', States: { M: { Type: 'Map', Items: '{% $states.input.items %}', MaxConcurrency: maxConcurrency, ItemProcessor: doubler, End: true } } }),
    );
    // Act
    const described = await harness.waitForEnd(await harness.start(machine, { items }));
    // Assess
    expect(JSON.parse(described.output as string)).toEqual(items.map((item) => item * 2));
    expect(peakConcurrency).toBeLessThanOrEqual(expectedPeakAtMost);
    expect(peakConcurrency).toBeGreaterThanOrEqual(1);
  });

  it('records one MapIterationStarted per item and MapStateStarted with the length', async () => {
    // Prepare
    const machine = await harness.createMachine(jsonata({ StartAt: 'M', States: { M: { Type: 'Map', Items: [1, 2, 3], ItemProcessor: doubler, End: true } } }));
    // Act
    const executionArn = await harness.start(machine);
    await harness.waitForEnd(executionArn);
    const events = await harness.history(executionArn);
    // Assess
    expect(events.find((event) => event.type === 'MapStateStarted')?.mapStateStartedEventDetails?.length).toBe(3);
    expect(events.filter((event) => event.type === 'MapIterationStarted').map((event) => event.mapIterationStartedEventDetails?.index).sort()).toEqual([0, 1, 2]);
    expect(events.filter((event) => event.type === 'MapIterationSucceeded')).toHaveLength(3);
  });

  it('fails the Map with the failing iteration error, catchable on the Map state', async () => {
    // Prepare
    const machine = await harness.createMachine(
      jsonata({
        StartAt: 'M',
        States: {
          M: { Type: 'Map', Items: [1, -2, 3], ItemProcessor: doubler, Catch: [{ ErrorEquals: ['NegativeValue'], Next: 'Caught' }], End: true },
          Caught: { Type: 'Pass', Output: '{% $states.input.Error %}', End: true },
        },
      }),
    );
    // Act
    const executionArn = await harness.start(machine);
    const described = await harness.waitForEnd(executionArn);
    // Assess
    expect(JSON.parse(described.output as string)).toBe('NegativeValue');
    const types = (await harness.history(executionArn)).map((event) => event.type);
    expect(types).toContain('MapIterationFailed');
    expect(types).toContain('MapStateFailed');
  });

  it('maps an empty array to an empty array', async () => {
    // Prepare
    const machine = await harness.createMachine(jsonata({ StartAt: 'M', States: { M: { Type: 'Map', Items: [], ItemProcessor: doubler, End: true } } }));
    // Act
    const described = await harness.waitForEnd(await harness.start(machine));
    // Assess
    expect(JSON.parse(described.output as string)).toEqual([]);
  });
});

describe('Runtime: retried Parallel and Map', () => {
  it('records the Failed event once, after the last attempt, and the Started event per attempt', async () => {
    // Prepare
    const machine = await harness.createMachine(
      jsonata({
        StartAt: 'M',
        States: { M: { Type: 'Map', Items: [-1], ItemProcessor: doubler, Retry: [{ ErrorEquals: ['NegativeValue'], MaxAttempts: 2, IntervalSeconds: 1 }], End: true } },
      }),
    );
    const executionArn = await harness.start(machine);
    // Act
    await harness.runtime.clock.advance(10_000);
    await harness.waitForEnd(executionArn);
    const types = (await harness.history(executionArn)).map((event) => event.type);
    // Assess
    expect(types.filter((type) => type === 'MapStateStarted')).toHaveLength(3);
    expect(types.filter((type) => type === 'MapStateFailed')).toHaveLength(1);
    expect(types.at(-2)).toBe('MapStateFailed');
  });
});

describe('Runtime: Parallel', () => {
  it('runs every branch on the Arguments and returns their outputs in branch order', async () => {
    // Prepare
    const machine = await harness.createMachine(
      jsonata({
        StartAt: 'P',
        States: {
          P: {
            Type: 'Parallel',
            Arguments: '{% $states.input.n %}',
            Branches: [doubler, { StartAt: 'Same', States: { Same: { Type: 'Pass', End: true } } }],
            End: true,
          },
        },
      }),
    );
    // Act
    const described = await harness.waitForEnd(await harness.start(machine, { n: 21 }));
    // Assess
    expect(JSON.parse(described.output as string)).toEqual([42, 21]);
  });

  it('fails when one branch fails and stops the branches still waiting', async () => {
    // Prepare: branch 2 waits a day; branch 1 fails at once.
    const machine = await harness.createMachine(
      jsonata({
        StartAt: 'P',
        States: {
          P: {
            Type: 'Parallel',
            Branches: [
              { StartAt: 'Boom', States: { Boom: { Type: 'Fail', Error: 'Branch.Broken', Cause: 'first branch' } } },
              { StartAt: 'Slow', States: { Slow: { Type: 'Wait', Seconds: 86_400, Next: 'After' }, After: { Type: 'Pass', End: true } } },
            ],
            End: true,
          },
        },
      }),
    );
    // Act
    const executionArn = await harness.start(machine);
    const described = await harness.waitForEnd(executionArn);
    // Assess
    expect(described).toMatchObject({ status: 'FAILED', error: 'Branch.Broken', cause: 'first branch' });
    const events = await harness.history(executionArn);
    const types = events.map((event) => event.type);
    expect(types).toContain('WaitStateAborted');
    expect(types.slice(-2)).toEqual(['ParallelStateFailed', 'ExecutionFailed']);
    expect(events.some((event) => event.type === 'PassStateEntered')).toBe(false);
  });
});
