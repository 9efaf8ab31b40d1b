// State transitions per second of the local runtime on a 10,000-transition Pass/Choice loop
// (in-memory store), against aws-local-stepfunctions running the same loop in JSONPath, and once
// with the DynamoDB Local store. For each store, runtime and reference runs are interleaved, after
// warm-up runs, so drift on a shared machine affects both alike; the figure is the median of the
// per-pair ratios, with their min and max. Issue 14's targets: the in-memory runtime >= 1.2x the
// reference, the DynamoDB store >= 0.5x (the reference keeps nothing).
// Prints figures; asserts nothing.
import { performance } from 'node:perf_hooks';
import { CreateStateMachineCommand, DescribeExecutionCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { StateMachine } from 'aws-local-stepfunctions';
import { startLocalStepFunctions, type LocalStepFunctions, type LocalStepFunctionsOptions } from '../local/stepfunctions/index.ts';
import { startDynamoDbLocal } from '../local/services/dynamodb-local.ts';

const transitions = 10_000;
// Each loop turn is two transitions (Choice + Pass); Init and Done add two more.
const turns = (transitions - 2) / 2;
const warmUps = 2;
const repeats = Number(process.env.BENCH_REPEATS ?? 9);

const jsonataLoop = {
  QueryLanguage: 'JSONata',
  StartAt: 'Init',
  States: {
    Init: { Type: 'Pass', Assign: { i: 0 }, Next: 'Loop' },
    Loop: { Type: 'Choice', Choices: [{ Condition: `{% $i < ${turns} %}`, Next: 'Increment' }], Default: 'Done' },
    Increment: { Type: 'Pass', Assign: { i: '{% $i + 1 %}' }, Next: 'Loop' },
    Done: { Type: 'Succeed', Output: { i: '{% $i %}' } },
  },
};

const jsonPathLoop = {
  StartAt: 'Init',
  States: {
    Init: { Type: 'Pass', Result: { i: 0 }, Next: 'Loop' },
    Loop: { Type: 'Choice', Choices: [{ Variable: '$.i', NumericLessThan: turns, Next: 'Increment' }], Default: 'Done' },
    Increment: { Type: 'Pass', Parameters: { 'i.$': 'States.MathAdd($.i, 1)' }, Next: 'Loop' },
    Done: { Type: 'Succeed' },
  },
};

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };

/** A started runtime with the loop machine created; each run() is one timed execution. */
const localRunner = async (store: LocalStepFunctionsOptions['store']) => {
  const runtime: LocalStepFunctions = await startLocalStepFunctions({ store, clock: { kind: 'real' }, invokeLambda: async () => ({}) });
  const sfn = new SFNClient({ endpoint: runtime.endpoint, region: 'us-east-1', credentials });
  const { stateMachineArn } = await sfn.send(
    new CreateStateMachineCommand({ name: 'bench-loop', definition: JSON.stringify(jsonataLoop), roleArn: 'arn:aws:iam::000000000000:role/bench' }),
  );
  return {
    async run(): Promise<number> {
      const started = performance.now();
      const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn, input: '{}' }));
      await runtime.idle();
      const elapsed = performance.now() - started;
      const described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
      if (described.status !== 'SUCCEEDED' || JSON.parse(described.output ?? '{}').i !== turns) throw new Error(`bench loop ended ${described.status}`);
      return elapsed;
    },
    async stop() {
      sfn.destroy();
      await runtime.stop();
    },
  };
};

const runReference = async (): Promise<number> => {
  const machine = new StateMachine(jsonPathLoop as never);
  const started = performance.now();
  await machine.run({}).result;
  return performance.now() - started;
};

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const rate = (elapsedMs: number) => (transitions / (elapsedMs / 1000)).toFixed(0).padStart(8);
const report = (label: string, elapsed: number[]) =>
  console.log(`${label.padEnd(58)} ${rate(median(elapsed))} transitions/s  (median ${median(elapsed).toFixed(0)} ms of ${elapsed.length}, ${transitions} transitions)`);

/**
 * Warm-up runs of both, then `repeats` pairs, alternating which of the pair goes first so
 * neither always runs on a freshly collected heap; each pair gives one ratio.
 */
const interleave = async (local: () => Promise<number>, label: string, target: number) => {
  const localMs: number[] = [];
  const referenceMs: number[] = [];
  for (let warm = 0; warm < warmUps; warm += 1) {
    await local();
    await runReference();
  }
  for (let repeat = 0; repeat < repeats; repeat += 1) {
    if (repeat % 2 === 0) {
      localMs.push(await local());
      referenceMs.push(await runReference());
    } else {
      referenceMs.push(await runReference());
      localMs.push(await local());
    }
  }
  report(`local runtime, JSONata, ${label}`, localMs);
  report('reference: aws-local-stepfunctions, JSONPath, in memory', referenceMs);
  const ratios = localMs.map((elapsed, index) => referenceMs[index] / elapsed);
  console.log(
    `${`speed ratio, ${label} / reference`.padEnd(58)} median ${median(ratios).toFixed(2)}x  min ${Math.min(...ratios).toFixed(2)}x  max ${Math.max(...ratios).toFixed(2)}x  (${repeats} pairs, target >= ${target.toFixed(2)}x)`,
  );
};

const memory = await localRunner({ kind: 'memory' });
try {
  await interleave(() => memory.run(), 'in-memory store', 1.2);
} finally {
  await memory.stop();
}

if (process.env.BENCH_SKIP_DYNAMODB !== '1') {
  const dynamo = await startDynamoDbLocal();
  try {
    const durable = await localRunner({ kind: 'dynamodb', endpoint: dynamo.endpoint, tableName: 'bench-sfn' });
    try {
      await interleave(() => durable.run(), 'DynamoDB Local store', 0.5);
    } finally {
      await durable.stop();
    }
  } finally {
    await dynamo.stop();
  }
}
