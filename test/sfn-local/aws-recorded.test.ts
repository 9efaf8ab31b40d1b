// Conformance with answers recorded on AWS. Each case cites where the recording is published:
// localstack/localstack keeps AWS's responses as snapshot files (tests/aws/services/stepfunctions/v2/**
// /*.snapshot.json, "recorded" against AWS and marked @markers.aws.validated), which is the source
// named below unless an AWS document is given.
import { GetExecutionHistoryCommand, ListExecutionsCommand, StartExecutionCommand, ValidateStateMachineDefinitionCommand } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonata, startHarness, statesEntered, type Harness } from './harness.ts';

let harness: Harness;
let lambdaResult: unknown = {};

beforeAll(async () => {
  harness = await startHarness(async () => lambdaResult);
});
afterAll(async () => harness.stop());

const run = async (definition: Record<string, unknown>, input: unknown = {}) => {
  const arn = await harness.start(await harness.createMachine(jsonata(definition)), input);
  const described = await harness.waitForEnd(arn);
  return { described, output: described.output === undefined ? undefined : JSON.parse(described.output), events: await harness.history(arn) };
};

const evaluationFailed = (events: Awaited<ReturnType<typeof run>>['events']) =>
  events.find((event) => event.type === 'EvaluationFailed')?.evaluationFailedEventDetails;

const mapOver = (items: unknown) => ({
  StartAt: 'MapIterateState',
  States: { MapIterateState: { Type: 'Map', ...(items === undefined ? {} : { Items: items }), ItemProcessor: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }, End: true } },
});

describe('Recorded on AWS: runtime error causes', () => {
  // test_base_scenarios.snapshot.json: test_map_state_items_eval_jsonata_fail[number|string|boolean|object|null|function]
  it.each([
    { items: '{% 1 %}', cause: "The JSONata expression '1' specified for the field 'Items' returned an unexpected result type. Expected 'array', but was 'number' for value: 1" },
    { items: "{% 'string' %}", cause: `The JSONata expression ''string'' specified for the field 'Items' returned an unexpected result type. Expected 'array', but was 'string' for value: "string"` },
    { items: '{% true %}', cause: "The JSONata expression 'true' specified for the field 'Items' returned an unexpected result type. Expected 'array', but was 'boolean' for value: true" },
    { items: "{% {'foo': 'bar'} %}", cause: `The JSONata expression '{'foo': 'bar'}' specified for the field 'Items' returned an unexpected result type. Expected 'array', but was 'object' for value: {"foo":"bar"}` },
    { items: '{% null %}', cause: "The JSONata expression 'null' specified for the field 'Items' returned an unexpected result type. Expected 'array', but was 'null' for value: null" },
    { items: '{% $fn := function($x){$x} %}', cause: "The JSONata expression '$fn := function($x){$x}' specified for the field 'Items' returned an unsupported result type." },
  ])('Map Items $items that is not an array', async ({ items, cause }) => {
    // Act
    const { described, events } = await run(mapOver(items));
    // Assess
    const expected = `An error occurred while executing the state 'MapIterateState' (entered at the event id #2). ${cause}`;
    expect(described).toMatchObject({ status: 'FAILED', error: 'States.QueryEvaluationError', cause: expected });
    expect(evaluationFailed(events)).toEqual({ error: 'States.QueryEvaluationError', cause: expected, location: 'Items', state: 'MapIterateState' });
    expect(events.map((event) => event.type).slice(-3)).toEqual(['EvaluationFailed', 'MapStateFailed', 'ExecutionFailed']);
  });

  // test_base_scenarios.snapshot.json: test_map_state_items_input_types[number]: no Items, the input is used
  it('Map without Items over an input that is not an array', async () => {
    // Act
    const { described, events } = await run(mapOver(undefined), 1);
    // Assess
    const expected = "An error occurred while executing the state 'MapIterateState' (entered at the event id #2). Map state input must be an array but was: 1";
    expect(described).toMatchObject({ status: 'FAILED', error: 'States.QueryEvaluationError', cause: expected });
    expect(evaluationFailed(events)).toEqual({ error: 'States.QueryEvaluationError', cause: expected, state: 'MapIterateState' });
  });

  // test_base_scenarios.snapshot.json: test_wait_timestamp_jsonata[NO_T|NO_Z|INVALID_DATE|INVALID_TIME|INVALID_ISO]
  it.each(['2016-12-05 21:29:29Z', '2016-12-05T21:29:29', '2016-13-05T21:29:29Z', '2016-12-05T25:29:29Z', '05-12-2016T21:29:29Z', '2016-02-30T00:00:00Z'])(
    'Wait Timestamp %s',
    async (timestamp) => {
      // Act
      const { described, events } = await run({ StartAt: 'WaitState', States: { WaitState: { Type: 'Wait', Timestamp: '{% $states.input.TimestampValue %}', End: true } } }, { TimestampValue: timestamp });
      // Assess
      const expected = `An error occurred while executing the state 'WaitState' (entered at the event id #2). The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: ${timestamp}`;
      expect(described).toMatchObject({ status: 'FAILED', error: 'States.QueryEvaluationError', cause: expected });
      expect(evaluationFailed(events)).toEqual({ error: 'States.QueryEvaluationError', cause: expected, location: 'Timestamp', state: 'WaitState' });
    },
  );

  it('names the entered event id of a later state', async () => {
    // Act: the failing state is entered at event #4 (after Start's Entered and Exited).
    const { described } = await run({
      StartAt: 'Start',
      States: { Start: { Type: 'Pass', Next: 'WaitState' }, WaitState: { Type: 'Wait', Seconds: '{% -1 %}', End: true } },
    });
    // Assess
    expect(described.cause).toMatch(/^An error occurred while executing the state 'WaitState' \(entered at the event id #4\)\. /);
  });
});

describe('Recorded on AWS: JSONata results', () => {
  // test_array_jsonata.snapshot.json: test_array_range and test_array_partition
  it.each([
    { expression: '$range(1, 9, 9)', expected: 1 },
    { expression: '$range(0, 9, 3)', expected: [0, 3, 6, 9] },
    { expression: '$range(0, 10, 3)', expected: [0, 3, 6, 9] },
    { expression: '[$range(1, 9, 9)]', expected: [1] },
    { expression: '$partition([0], 1)', expected: [[0]] },
    { expression: '$partition([0, 1, 2], 2)', expected: [[0, 1], [2]] },
  ])('$expression', async ({ expression, expected }) => {
    // Act
    const { output } = await run({ StartAt: 'State_0', States: { State_0: { Type: 'Pass', Output: `{% ${expression} %}`, End: true } } });
    // Assess
    expect(output).toEqual(expected);
  });
});

describe('Recorded on AWS: task timeouts', () => {
  // test_task_service_lambda.snapshot.json: test_invoke_timeout: TaskTimedOut records no cause, and the
  // catcher's output is {"Error": "States.Timeout", "Cause": ""}.
  it('gives a caught timeout the cause "", and records none', async () => {
    // Prepare
    const definition = {
      StartAt: 'Start',
      States: {
        Start: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
          Arguments: { FunctionName: 'f', Payload: { token: '{% $states.context.Task.Token %}' } },
          TimeoutSeconds: 5,
          Catch: [{ ErrorEquals: ['States.ALL'], Next: 'EndWithHandler' }],
          End: true,
        },
        EndWithHandler: { Type: 'Pass', End: true },
      },
    };
    const arn = await harness.start(await harness.createMachine(jsonata(definition)));
    await harness.runtime.idle();
    // Act
    await harness.runtime.clock.advance(6_000);
    const described = await harness.waitForEnd(arn);
    // Assess
    expect(JSON.parse(described.output as string)).toEqual({ Error: 'States.Timeout', Cause: '' });
    const timedOut = (await harness.history(arn)).find((event) => event.type === 'TaskTimedOut');
    expect(timedOut?.taskTimedOutEventDetails).toEqual({ error: 'States.Timeout', resource: 'invoke.waitForTaskToken', resourceType: 'lambda' });
  });
});

// 256 KiB as a UTF-8 string (AWS service quotas); 'é' is two bytes, so the character count alone
// would stay under the quota.
const overQuota = 'é'.repeat(129 * 1024);

describe('Recorded on AWS: States.DataLimitExceeded', () => {
  const invoke = (extra: Record<string, unknown>) => ({
    Type: 'Task',
    Resource: 'arn:aws:states:::lambda:invoke',
    Arguments: { FunctionName: 'large', Payload: {} },
    Next: 'ProcessResult',
    ...extra,
  });
  const handlers = (handler: string) => ({ ProcessResult: { Type: 'Pass', End: true }, [handler]: { Type: 'Pass', End: true } });
  const cause = "The state/task 'lambda' returned a result with a size exceeding the maximum number of bytes service limit.";

  // test_states_errors.snapshot.json: test_service_task_lambada_data_limit_exceeded_on_large_utf8_response
  // and test_service_task_lambada_catch_state_all_data_limit_exceeded_on_large_utf8_response.
  it.each([
    { catcher: ['States.DataLimitExceeded'], handler: 'HandleDataLimitExceeded' },
    { catcher: ['States.ALL'], handler: 'HandleGeneralError' },
  ])('a task result over 256 KiB fails the task, and $catcher catches it', async ({ catcher, handler }) => {
    // Prepare
    lambdaResult = { big: overQuota };
    // Act
    const { described, output, events } = await run({ StartAt: 'InvokeLambda', States: { InvokeLambda: invoke({ Catch: [{ ErrorEquals: catcher, Next: handler }] }), ...handlers(handler) } });
    lambdaResult = {};
    // Assess
    expect(described.status).toBe('SUCCEEDED');
    expect(output).toEqual({ Error: 'States.DataLimitExceeded', Cause: cause });
    expect(events.find((event) => event.type === 'TaskFailed')?.taskFailedEventDetails).toEqual({ error: 'States.DataLimitExceeded', cause, resource: 'invoke', resourceType: 'lambda' });
    expect(statesEntered(events)).toEqual(['InvokeLambda', handler]);
  });

  // test_states_errors.snapshot.json: test_start_large_input: ExecutionFailed straight after the state
  // was entered, with no Exited event.
  it('a state output over 256 KiB fails the execution, past any Catch', async () => {
    // Act
    const { described, events } = await run({
      StartAt: 'State_1',
      States: {
        State_1: { Type: 'Parallel', Branches: [{ StartAt: 'B', States: { B: { Type: 'Pass', End: true } } }], Output: { Arg1: overQuota }, Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Caught' }], End: true },
        Caught: { Type: 'Pass', End: true },
      },
    });
    // Assess
    expect(described).toMatchObject({
      status: 'FAILED',
      error: 'States.DataLimitExceeded',
      cause: "The state/task 'State_1' returned a result with a size exceeding the maximum number of bytes service limit.",
    });
    expect(events.map((event) => event.type)).not.toContain('ParallelStateExited');
    expect(statesEntered(events)).toEqual(['State_1', 'B']);
  });

  it('an execution input over 256 KiB is refused by StartExecution', async () => {
    // Prepare
    const machine = await harness.createMachine(jsonata({ StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }));
    // Act
    const started = harness.sfn.send(new StartExecutionCommand({ stateMachineArn: machine, input: JSON.stringify({ big: overQuota }) }));
    // Assess
    await expect(started).rejects.toMatchObject({
      name: 'ValidationException',
      message: "1 validation error detected: Value at 'input' failed to satisfy constraint: Member must have length less than or equal to 262144",
    });
  });
});

describe('Recorded on AWS: API validation', () => {
  const passMachine = () => harness.createMachine(jsonata({ StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }));

  // test_sfn_api.snapshot.json: test_state_machine_status_filter (list_executions_filter_exc).
  it('ListExecutions: an unknown statusFilter', async () => {
    // Act
    const listed = harness.sfn.send(new ListExecutionsCommand({ stateMachineArn: await passMachine(), statusFilter: 'succeeded' as never }));
    // Assess
    await expect(listed).rejects.toMatchObject({
      name: 'ValidationException',
      message:
        "1 validation error detected: Value 'succeeded' at 'statusFilter' failed to satisfy constraint: Member must satisfy enum value set: [SUCCEEDED, TIMED_OUT, PENDING_REDRIVE, ABORTED, FAILED, RUNNING]",
    });
  });

  // test_sfn_api.snapshot.json: test_list_executions_versions_pagination (list-executions-invalid-param-long-nextToken).
  it.each([
    { operation: 'ListExecutions', send: async (nextToken: string) => harness.sfn.send(new ListExecutionsCommand({ stateMachineArn: await passMachine(), nextToken })) },
    {
      operation: 'GetExecutionHistory',
      send: async (nextToken: string) => harness.sfn.send(new GetExecutionHistoryCommand({ executionArn: await harness.start(await passMachine()), nextToken })),
    },
  ])('$operation: a nextToken of 3097 characters', async ({ send }) => {
    // Prepare
    const nextToken = 'x'.repeat(3097);
    // Act
    const listed = send(nextToken);
    // Assess
    await expect(listed).rejects.toMatchObject({
      name: 'ValidationException',
      message: `1 validation error detected: Value '${nextToken}' at 'nextToken' failed to satisfy constraint: Member must have length less than or equal to 3096`,
    });
  });

  // test_sfn_api.snapshot.json: test_invalid_start_execution_input.
  it.each([
    { input: 'not some json', message: "Invalid State Machine Execution Input: 'Unrecognized token 'not': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')'" },
    { input: "{'not': 'json'", message: "Invalid State Machine Execution Input: 'Unexpected character (''' (code 39)): was expecting double-quote to start field name'" },
    { input: '', message: "Invalid State Machine Execution Input: 'Invalid execution input.'" },
  ])('StartExecution: input $input', async ({ input, message }) => {
    // Act
    const started = harness.sfn.send(new StartExecutionCommand({ stateMachineArn: await passMachine(), input }));
    // Assess
    await expect(started).rejects.toMatchObject({ name: 'InvalidExecutionInput', message });
  });

  it('StartExecution: a number is valid input', async () => {
    // Act
    const started = await harness.sfn.send(new StartExecutionCommand({ stateMachineArn: await passMachine(), input: '2' }));
    // Assess
    expect((await harness.waitForEnd(started.executionArn as string)).output).toBe('2');
  });

  // ValidateStateMachineDefinition (API reference): diagnostics with severity; a WARNING leaves the result OK.
  it('ValidateStateMachineDefinition: a Choice with a state-level Assign is OK with a warning', async () => {
    // Prepare
    const definition = JSON.stringify(
      jsonata({ StartAt: 'C', States: { C: { Type: 'Choice', Assign: { x: 1 }, Choices: [{ Condition: '{% true %}', Next: 'D' }], Default: 'D' }, D: { Type: 'Succeed' } } }),
    );
    // Act
    const validated = await harness.sfn.send(new ValidateStateMachineDefinitionCommand({ definition }));
    // Assess
    expect(validated.result).toBe('OK');
    expect(validated.diagnostics).toEqual([expect.objectContaining({ severity: 'WARNING', code: 'CHOICE_DEFAULT_ONLY_FIELD', location: '/States/C/Assign' })]);
  });
});
