// Conformance with answers recorded on AWS. Each case cites where the recording is published:
// localstack/localstack keeps AWS's responses as snapshot files (tests/aws/services/stepfunctions/v2/**
// /*.snapshot.json, "recorded" against AWS and marked @markers.aws.validated), which is the source
// named below unless an AWS document is given.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonata, startHarness, type Harness } from './harness.ts';

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
