// RedriveExecution. AWS (API reference, RedriveExecution): an execution that failed, was aborted
// or timed out in the last 14 days "continues ... from the unsuccessful step and uses the same
// input"; the successful steps are not run again; for an Inline Map or Parallel state only "the
// iterations and branches that failed or aborted" run again. Run on both stores.
import { DescribeExecutionCommand, RedriveExecutionCommand } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDynamoDb, type TestDynamoDb } from '../support/shared-dynamodb.ts';
import { jsonata, startHarness, statesEntered, type Harness } from './harness.ts';

class Broken extends Error {
  override name = 'Broken';
}

const invocations: string[] = [];
/** Payload names that fail until the test repairs them. */
const broken = new Set<string>();
const handler = async (_name: string, payload: unknown) => {
  const { step } = payload as { step: string };
  invocations.push(step);
  if (broken.has(step)) throw new Broken(`${step} is broken`);
  return { step };
};

const task = (step: string, extra: Record<string, unknown>) => ({
  Type: 'Task',
  Resource: 'arn:aws:states:::lambda:invoke',
  Arguments: { FunctionName: 'f', Payload: { step } },
  Output: '{% $states.result.Payload %}',
  ...extra,
});

let dynamo: TestDynamoDb;
beforeAll(async () => {
  dynamo = await testDynamoDb();
}, 60_000);
afterAll(async () => dynamo?.stop());

describe.each(['memory', 'dynamodb'] as const)('Runtime: RedriveExecution (%s store)', (kind) => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness(handler, {
      store: kind === 'memory' ? { kind: 'memory' } : { kind: 'dynamodb', endpoint: dynamo.endpoint, tableName: `${dynamo.tablePrefix}sfn-redrive-${Date.now()}` },
    });
  });
  afterAll(async () => harness.stop());

  const redrive = (executionArn: string) => harness.sfn.send(new RedriveExecutionCommand({ executionArn }));
  const describe_ = (executionArn: string) => harness.sfn.send(new DescribeExecutionCommand({ executionArn }));

  it('continues from the failed step, keeping what succeeded and its variables', async () => {
    // Prepare
    invocations.length = 0;
    broken.add('second');
    const machine = await harness.createMachine(
      jsonata({
        StartAt: 'First',
        States: {
          First: task('first', { Assign: { fromFirst: '{% $states.result.Payload.step %}' }, Next: 'Second' }),
          Second: task('second', { Next: 'Done' }),
          Done: { Type: 'Pass', Output: { last: '{% $states.input.step %}', fromFirst: '{% $fromFirst %}' }, End: true },
        },
      }),
    );
    const executionArn = await harness.start(machine);
    const failed = await harness.waitForEnd(executionArn);
    broken.delete('second');
    // Act
    const { redriveDate } = await redrive(executionArn);
    const described = await harness.waitForEnd(executionArn);
    const events = await harness.history(executionArn);
    // Assess
    expect(failed).toMatchObject({ status: 'FAILED', error: 'Broken', redriveStatus: 'REDRIVABLE' });
    expect(described).toMatchObject({ status: 'SUCCEEDED', redriveCount: 1, redriveDate });
    expect(JSON.parse(described.output as string)).toEqual({ last: 'second', fromFirst: 'first' });
    expect(invocations).toEqual(['first', 'second', 'second']);
    expect(statesEntered(events)).toEqual(['First', 'Second', 'Second', 'Done']);
    const types = events.map((event) => event.type);
    expect(types.indexOf('ExecutionFailed')).toBeLessThan(types.indexOf('ExecutionRedriven'));
    expect(events.find((event) => event.type === 'ExecutionRedriven')?.executionRedrivenEventDetails).toEqual({ redriveCount: 1 });
    expect(types.at(-1)).toBe('ExecutionSucceeded');
    expect(events.map((event) => event.id)).toEqual(events.map((_event, index) => index + 1));
  });

  it('runs again only the Map iterations that failed or were aborted', async () => {
    // Prepare
    invocations.length = 0;
    broken.add('item-1');
    const machine = await harness.createMachine(
      jsonata({
        StartAt: 'Each',
        States: {
          Each: {
            Type: 'Map',
            Items: ['item-0', 'item-1', 'item-2'],
            MaxConcurrency: 1,
            ItemProcessor: { StartAt: 'Work', States: { Work: task('', { Arguments: { FunctionName: 'f', Payload: { step: '{% $states.input %}' } }, End: true }) } },
            End: true,
          },
        },
      }),
    );
    const executionArn = await harness.start(machine);
    await harness.waitForEnd(executionArn);
    broken.delete('item-1');
    // Act
    await redrive(executionArn);
    const described = await harness.waitForEnd(executionArn);
    // Assess: item-0 succeeded the first time and is not invoked again; item-2 never started.
    expect(described.status).toBe('SUCCEEDED');
    expect(JSON.parse(described.output as string)).toEqual([{ step: 'item-0' }, { step: 'item-1' }, { step: 'item-2' }]);
    expect(invocations).toEqual(['item-0', 'item-1', 'item-1', 'item-2']);
  });

  it('can redrive a second time, counting each', async () => {
    // Prepare
    broken.add('again');
    const machine = await harness.createMachine(jsonata({ StartAt: 'T', States: { T: task('again', { End: true }) } }));
    const executionArn = await harness.start(machine);
    await harness.waitForEnd(executionArn);
    await redrive(executionArn);
    await harness.waitForEnd(executionArn);
    broken.delete('again');
    // Act
    await redrive(executionArn);
    const described = await harness.waitForEnd(executionArn);
    // Assess
    expect(described).toMatchObject({ status: 'SUCCEEDED', redriveCount: 2 });
  });

  it.each([
    { case: 'a SUCCEEDED execution', setUp: async () => harness.waitForEnd(await harness.start(await harness.createMachine(jsonata({ StartAt: 'P', States: { P: { Type: 'Pass', End: true } } })))), message: 'Execution is SUCCEEDED and cannot be redriven' },
    { case: 'a RUNNING execution', setUp: async () => describe_(await harness.start(await harness.createMachine(jsonata({ StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 60, End: true } } })))), message: 'Execution is RUNNING and cannot be redriven' },
  ])('refuses $case with ExecutionNotRedrivable', async ({ setUp, message }) => {
    // Prepare
    const { executionArn } = await setUp();
    // Act
    const redriven = redrive(executionArn as string);
    // Assess
    await expect(redriven).rejects.toMatchObject({ name: 'ExecutionNotRedrivable', message });
    expect(await describe_(executionArn as string)).toMatchObject({ redriveStatus: 'NOT_REDRIVABLE', redriveStatusReason: message });
  });

  it('refuses an execution that ended more than 14 days ago', async () => {
    // Prepare
    const machine = await harness.createMachine(jsonata({ StartAt: 'F', States: { F: { Type: 'Fail', Error: 'Old' } } }));
    const executionArn = await harness.start(machine);
    await harness.waitForEnd(executionArn);
    await harness.runtime.clock.advance(15 * 24 * 3600 * 1000);
    // Act
    const redriven = redrive(executionArn);
    // Assess
    await expect(redriven).rejects.toMatchObject({ name: 'ExecutionNotRedrivable' });
    expect((await describe_(executionArn)).redriveStatus).toBe('NOT_REDRIVABLE');
  });
});
