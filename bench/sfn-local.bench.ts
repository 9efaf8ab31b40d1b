// State transitions per second of the local runtime on a 10,000-transition Pass/Choice loop,
// with the in-memory and the DynamoDB Local store, and - as a reference in the same run - the
// same loop in JSONPath on aws-local-stepfunctions. Prints figures; asserts nothing.
import { performance } from 'node:perf_hooks';
import { CreateStateMachineCommand, DescribeExecutionCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { StateMachine } from 'aws-local-stepfunctions';
import { startLocalStepFunctions, type LocalStepFunctionsOptions } from '../local/stepfunctions/index.ts';
import { startDynamoDbLocal } from '../local/services/dynamodb-local.ts';

const transitions = 10_000;
// Each loop turn is two transitions (Choice + Pass); Init and Done add two more.
const turns = (transitions - 2) / 2;

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

const runLocal = async (store: LocalStepFunctionsOptions['store']): Promise<number> => {
  const runtime = await startLocalStepFunctions({ store, clock: { kind: 'real' }, invokeLambda: async () => ({}) });
  const sfn = new SFNClient({ endpoint: runtime.endpoint, region: 'us-east-1', credentials });
  try {
    const { stateMachineArn } = await sfn.send(
      new CreateStateMachineCommand({ name: 'bench-loop', definition: JSON.stringify(jsonataLoop), roleArn: 'arn:aws:iam::000000000000:role/bench' }),
    );
    const started = performance.now();
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn, input: '{}' }));
    await runtime.idle();
    const elapsed = performance.now() - started;
    const described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    if (described.status !== 'SUCCEEDED' || JSON.parse(described.output ?? '{}').i !== turns) throw new Error(`bench loop ended ${described.status}`);
    return elapsed;
  } finally {
    sfn.destroy();
    await runtime.stop();
  }
};

const runReference = async (): Promise<number> => {
  const machine = new StateMachine(jsonPathLoop as never);
  const started = performance.now();
  const result = (await machine.run({}).result) as unknown;
  const elapsed = performance.now() - started;
  void result;
  return elapsed;
};

const report = (label: string, elapsedMs: number) =>
  console.log(`${label.padEnd(58)} ${(transitions / (elapsedMs / 1000)).toFixed(0).padStart(8)} transitions/s  (${elapsedMs.toFixed(0)} ms for ${transitions})`);

const dynamo = await startDynamoDbLocal();
try {
  report('local runtime, JSONata, in-memory store', await runLocal({ kind: 'memory' }));
  report('local runtime, JSONata, DynamoDB Local store', await runLocal({ kind: 'dynamodb', endpoint: dynamo.endpoint, tableName: 'bench-sfn' }));
  report('reference: aws-local-stepfunctions, JSONPath, in memory', await runReference());
} finally {
  await dynamo.stop();
}
