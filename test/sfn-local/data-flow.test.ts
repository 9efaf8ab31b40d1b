// Conformance: input/output processing, workflow variables and the context object, driven
// through @aws-sdk/client-sfn against the local runtime.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonata, startHarness, statesEntered, type Harness } from './harness.ts';

let harness: Harness;
const echo = async (_name: string, payload: unknown) => payload;

beforeAll(async () => {
  harness = await startHarness(echo);
});
afterAll(async () => harness.stop());

const run = async (definition: Record<string, unknown>, input: unknown = {}) => {
  const arn = await harness.start(await harness.createMachine(jsonata(definition)), input);
  const described = await harness.waitForEnd(arn);
  return { described, output: described.output === undefined ? undefined : JSON.parse(described.output), events: await harness.history(arn) };
};

describe('Runtime: data flow', () => {
  it.each([
    {
      case: 'Pass without Output passes its input through',
      definition: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } },
      input: { a: 1 },
      expected: { a: 1 },
    },
    {
      case: 'Output evaluates nested expressions and keeps literals',
      definition: { StartAt: 'P', States: { P: { Type: 'Pass', Output: { sum: '{% $states.input.a + 1 %}', literal: '$notEvaluated', list: ['{% 2 * 3 %}'] }, End: true } } },
      input: { a: 1 },
      expected: { sum: 2, literal: '$notEvaluated', list: [6] },
    },
    {
      case: 'a Task without Output returns the lambda:invoke response',
      definition: {
        StartAt: 'T',
        States: { T: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Arguments: { FunctionName: 'f', Payload: { x: 1 } }, Output: '{% $states.result.Payload %}', End: true } },
      },
      input: {},
      expected: { x: 1 },
    },
    {
      case: 'Succeed with Output',
      definition: { StartAt: 'S', States: { S: { Type: 'Succeed', Output: { done: true } } } },
      input: {},
      expected: { done: true },
    },
    {
      case: 'AWS JSONata functions: $partition, $range, $hash, $parse',
      definition: {
        StartAt: 'P',
        States: {
          P: {
            Type: 'Pass',
            Output: { p: '{% $partition([1,2,3,4,5], 2) %}', r: '{% $range(0, 10, 5) %}', h: "{% $hash('abc', 'SHA-256') %}", j: '{% $parse(\'{"k": 1}\') %}' },
            End: true,
          },
        },
      },
      input: {},
      expected: { p: [[1, 2], [3, 4], [5]], r: [0, 5, 10], h: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad', j: { k: 1 } },
    },
  ])('$case', async ({ definition, input, expected }) => {
    // Act
    const { described, output } = await run(definition, input);
    // Assess
    expect(described.status).toBe('SUCCEEDED');
    expect(output).toEqual(expected);
  });

  it('evaluates Assign and Output with the variable values from state entry', async () => {
    // Prepare: B assigns x and reads it in the same state, so it must see the old value.
    const definition = {
      StartAt: 'A',
      States: {
        A: { Type: 'Pass', Assign: { x: 1, y: 10 }, Next: 'B' },
        B: { Type: 'Pass', Assign: { x: '{% $x + 1 %}', y: '{% $x %}' }, Output: { seenX: '{% $x %}' }, Next: 'C' },
        C: { Type: 'Pass', Output: { x: '{% $x %}', y: '{% $y %}', seenX: '{% $states.input.seenX %}' }, End: true },
      },
    };
    // Act
    const { output } = await run(definition);
    // Assess: y took x's value from entry (1), not the new one (2).
    expect(output).toEqual({ x: 2, y: 1, seenX: 1 });
  });

  it('gives Map iterations and Parallel branches their own scope that reads outer variables', async () => {
    // Prepare
    const definition = {
      StartAt: 'Init',
      States: {
        Init: { Type: 'Pass', Assign: { outer: 'o', shared: 0 }, Next: 'Each' },
        Each: {
          Type: 'Map',
          Items: [1, 2, 3],
          ItemProcessor: {
            StartAt: 'Inner',
            States: {
              Inner: { Type: 'Pass', Assign: { shared: '{% $states.input %}', local: '{% $states.input * 10 %}' }, Next: 'Read' },
              Read: { Type: 'Pass', Output: { outer: '{% $outer %}', shared: '{% $shared %}', local: '{% $local %}' }, End: true },
            },
          },
          Next: 'After',
        },
        After: { Type: 'Pass', Output: { iterations: '{% $states.input %}', shared: '{% $shared %}', localVisible: '{% $exists($local) %}' }, End: true },
      },
    };
    // Act
    const { output } = await run(definition);
    // Assess: each iteration saw its own values; the outer scope was untouched.
    expect(output).toEqual({
      iterations: [
        { outer: 'o', shared: 1, local: 10 },
        { outer: 'o', shared: 2, local: 20 },
        { outer: 'o', shared: 3, local: 30 },
      ],
      shared: 0,
      localVisible: false,
    });
  });

  it('exposes the context object: execution, state, state machine and Map item', async () => {
    // Prepare
    const definition = {
      StartAt: 'Ctx',
      States: {
        Ctx: {
          Type: 'Pass',
          Output: {
            id: '{% $states.context.Execution.Id %}',
            name: '{% $states.context.Execution.Name %}',
            input: '{% $states.context.Execution.Input %}',
            state: '{% $states.context.State.Name %}',
            hasRetryCount: '{% $exists($states.context.State.RetryCount) %}',
            entered: '{% $states.context.State.EnteredTime %}',
            machine: '{% $states.context.StateMachine.Name %}',
            now: '{% $now() %}',
          },
          Next: 'Items',
        },
        Items: {
          Type: 'Map',
          Items: ['a', 'b'],
          ItemSelector: { index: '{% $states.context.Map.Item.Index %}', value: '{% $states.context.Map.Item.Value %}' },
          ItemProcessor: { StartAt: 'Id', States: { Id: { Type: 'Pass', End: true } } },
          Output: { first: '{% $states.input %}', items: '{% $states.result %}' },
          End: true,
        },
      },
    };
    const machineArn = await harness.createMachine(jsonata(definition), 'context-object');
    // Act
    const arn = await harness.start(machineArn, { k: 'v' }, 'ctx-run');
    const described = await harness.waitForEnd(arn);
    const output = JSON.parse(described.output as string);
    // Assess
    // A Pass state cannot retry, so its context has no RetryCount (Task, Parallel and Map have it).
    expect(output.first).toMatchObject({ id: arn, name: 'ctx-run', input: { k: 'v' }, state: 'Ctx', hasRetryCount: false, machine: 'context-object' });
    expect(output.first.entered).toBe(output.first.now);
    expect(output.items).toEqual([
      { index: 0, value: 'a' },
      { index: 1, value: 'b' },
    ]);
  });

  // Recorded on AWS (localstack/localstack#12075 snapshots, test_assign_base and test_output
  // choice_condition_jsonata; #13775 for a rule and Default sharing a Next): a Choice state's own
  // Assign and Output apply only when Default is taken; a matching rule brings only its own.
  it.each([
    { value: 5, expected: 'Small', input: { rule: 1 }, picked: 'none' },
    { value: 50, expected: 'Big', input: { v: 50 }, picked: 'rule-level' },
    { value: -1, expected: 'Fallback', input: { default: true }, picked: 'state-level' },
  ])('Choice: the first true rule brings its own Assign and Output, Default the state-level ones ($value -> $expected)', async ({ value, expected, input, picked }) => {
    // Prepare
    const definition = {
      StartAt: 'Init',
      States: {
        Init: { Type: 'Pass', Assign: { picked: 'none' }, Next: 'Pick' },
        Pick: {
          Type: 'Choice',
          Assign: { picked: 'state-level' },
          Output: { default: true },
          Choices: [
            { Condition: '{% $states.input.v >= 0 and $states.input.v < 10 %}', Next: 'Small', Output: { rule: 1 } },
            { Condition: '{% $states.input.v >= 10 %}', Next: 'Big', Assign: { picked: 'rule-level' } },
          ],
          Default: 'Fallback',
        },
        Small: { Type: 'Pass', Output: { at: 'Small', input: '{% $states.input %}', picked: '{% $picked %}' }, End: true },
        Big: { Type: 'Pass', Output: { at: 'Big', input: '{% $states.input %}', picked: '{% $picked %}' }, End: true },
        Fallback: { Type: 'Pass', Output: { at: 'Fallback', input: '{% $states.input %}', picked: '{% $picked %}' }, End: true },
      },
    };
    // Act
    const { output, events } = await run(definition, { v: value });
    // Assess
    expect(statesEntered(events)).toEqual(['Init', 'Pick', expected]);
    expect(output).toEqual({ at: expected, input, picked });
  });

  it('Choice: a rule and Default sharing a Next still use the rule, not the state-level fields', async () => {
    // Prepare (localstack/localstack#13775: the definition whose AWS answer it records)
    const definition = {
      StartAt: 'Pick',
      States: {
        Pick: {
          Type: 'Choice',
          Choices: [{ Condition: "{% 'a' = 'a' %}", Next: 'Done', Assign: { fromRule: 'rule 1' }, Output: { rule1: 'from rule 1' } }],
          Default: 'Done',
          Assign: { fromDefault: 'from default' },
          Output: { DEFAULT: 'from default' },
        },
        Done: { Type: 'Pass', Output: { input: '{% $states.input %}', fromDefault: '{% $exists($fromDefault) %}', fromRule: '{% $fromRule %}' }, End: true },
      },
    };
    // Act
    const { output, events } = await run(definition);
    // Assess
    expect(output).toEqual({ input: { rule1: 'from rule 1' }, fromDefault: false, fromRule: 'rule 1' });
    expect(events.find((event) => event.type === 'ChoiceStateExited')?.stateExitedEventDetails?.assignedVariables).toEqual({ fromRule: '"rule 1"' });
  });

  it("Choice: the old RouteByResumeAt shape leaves the rule's path without the state-level variables", async () => {
    // Prepare: the deployment defect of issue 11, reduced: a resume read $cycleId that only the
    // Choice's state-level Assign set.
    const definition = {
      StartAt: 'Route',
      States: {
        Route: { Type: 'Choice', Assign: { cycleId: '{% $states.input.cycleId %}' }, Choices: [{ Condition: '{% $exists($states.input.resumeAt) %}', Next: 'Resume' }], Default: 'Enrol' },
        Resume: { Type: 'Pass', Output: { cycleId: '{% $cycleId %}' }, End: true },
        Enrol: { Type: 'Pass', Output: { cycleId: '{% $cycleId %}' }, End: true },
      },
    };
    // Act
    const resumed = await run(definition, { cycleId: 'c-1', resumeAt: 'visit' });
    const enrolled = await run(definition, { cycleId: 'c-1' });
    // Assess
    expect(resumed.described).toMatchObject({ status: 'FAILED', error: 'States.QueryEvaluationError' });
    expect(resumed.described.cause).toContain("The JSONata expression '$cycleId' specified for the field 'Output/cycleId' returned nothing (undefined).");
    expect(enrolled.output).toEqual({ cycleId: 'c-1' });
  });

  it.each([
    { case: 'an object value', output: { kept: 1, result: '{% $states.input.missing %}' }, field: 'Output/result' },
    { case: 'an array item', output: { list: [1, '{% $nothing %}'] }, field: 'Output/list/1' },
    { case: 'the whole field', output: '{% $states.input.missing %}', field: 'Output' },
  ])('fails when $case evaluates to nothing, naming the field $field', async ({ output, field }) => {
    // Act
    const { described, events } = await run({ StartAt: 'P', States: { P: { Type: 'Pass', Output: output, End: true } } });
    // Assess
    expect(described).toMatchObject({ status: 'FAILED', error: 'States.QueryEvaluationError' });
    expect(described.cause).toContain(`specified for the field '${field}' returned nothing (undefined)`);
    expect(described.cause).toContain("(entered at the event id #2)");
    expect(events.find((event) => event.type === 'EvaluationFailed')?.evaluationFailedEventDetails).toMatchObject({ state: 'P', location: field });
  });

  it('reports the JSONata error message and records EvaluationFailed once, where it happened', async () => {
    // Prepare: the failing expression is inside a Map iteration.
    const definition = {
      StartAt: 'M',
      States: { M: { Type: 'Map', Items: [1], ItemProcessor: { StartAt: 'Bad', States: { Bad: { Type: 'Pass', Output: '{% $notAFunction() %}', End: true } } }, End: true } },
    };
    // Act
    const { described, events } = await run(definition);
    // Assess
    expect(described.cause).toContain('T1006: Attempted to invoke a non-function');
    expect(events.filter((event) => event.type === 'EvaluationFailed')).toHaveLength(1);
    expect(events.map((event) => event.type).slice(-4)).toEqual(['EvaluationFailed', 'MapIterationFailed', 'MapStateFailed', 'ExecutionFailed']);
  });

  it('gives the same number for the same $random seed', async () => {
    // Act
    const { output } = await run({ StartAt: 'R', States: { R: { Type: 'Pass', Output: { a: '{% $random(7) %}', b: '{% $random(7) %}', c: '{% $random() %}' }, End: true } } });
    // Assess
    expect(output.a).toBe(output.b);
    expect(output.c).toBeGreaterThanOrEqual(0);
    expect(output.c).toBeLessThan(1);
  });

  it('passes the state input as the task input when a Task has no Arguments', async () => {
    // Act
    const { output } = await run(
      { StartAt: 'T', States: { T: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Output: '{% $states.result.Payload %}', End: true } } },
      { FunctionName: 'echo', Payload: { from: 'input' } },
    );
    // Assess
    expect(output).toEqual({ from: 'input' });
  });

  it('fails with States.NoChoiceMatched when no rule matches and there is no Default', async () => {
    // Act
    const { described } = await run({ StartAt: 'C', States: { C: { Type: 'Choice', Choices: [{ Condition: '{% false %}', Next: 'X' }] }, X: { Type: 'Succeed' } } });
    // Assess
    expect(described).toMatchObject({ status: 'FAILED', error: 'States.NoChoiceMatched' });
  });

  it.each([
    { field: 'Output', state: { Type: 'Pass', Output: '{% $undefinedFunction() %}', End: true } },
    { field: 'Condition', state: { Type: 'Choice', Choices: [{ Condition: '{% "not a boolean" %}', Next: 'X' }] }, extra: { X: { Type: 'Succeed' } } },
    { field: 'Seconds', state: { Type: 'Wait', Seconds: '{% -5 %}', End: true } },
    { field: 'Timestamp', state: { Type: 'Wait', Timestamp: '{% "yesterday" %}', End: true } },
    { field: 'Items', state: { Type: 'Map', Items: '{% "not an array" %}', ItemProcessor: { StartAt: 'I', States: { I: { Type: 'Pass', End: true } } }, End: true } },
  ])('a bad $field value fails the execution with States.QueryEvaluationError', async ({ state, extra }: { state: object; extra?: object }) => {
    // Act
    const { described, events } = await run({ StartAt: 'S', States: { S: state, ...extra } });
    // Assess
    expect(described).toMatchObject({ status: 'FAILED', error: 'States.QueryEvaluationError' });
    expect(events.map((event) => event.type)).toContain('EvaluationFailed');
  });
});
