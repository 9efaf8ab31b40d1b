// Conformance: the Step Functions API operations and their errors, through @aws-sdk/client-sfn.
import {
  CreateStateMachineCommand,
  DeleteStateMachineCommand,
  DescribeExecutionCommand,
  DescribeStateMachineCommand,
  ListExecutionsCommand,
  ListStateMachinesCommand,
  StartExecutionCommand,
  UpdateStateMachineCommand,
  SendTaskSuccessCommand,
} from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonata, startHarness, statesEntered, type Harness } from './harness.ts';

let harness: Harness;
const tokens: string[] = [];

beforeAll(async () => {
  harness = await startHarness(async (_name, payload) => {
    tokens.push((payload as { token: string }).token);
    return {};
  });
});
afterAll(async () => harness.stop());

const waitMachine = jsonata({
  StartAt: 'Await',
  States: {
    Await: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
      Arguments: { FunctionName: 'f', Payload: { token: '{% $states.context.Task.Token %}' } },
      Next: 'First',
    },
    First: { Type: 'Pass', End: true },
  },
});

describe('API: state machines', () => {
  it('creates, describes, lists, updates and deletes a state machine', async () => {
    // Act
    const arn = await harness.createMachine(waitMachine, 'lifecycle');
    const described = await harness.sfn.send(new DescribeStateMachineCommand({ stateMachineArn: arn }));
    const listed = await harness.sfn.send(new ListStateMachinesCommand({}));
    const updated = await harness.sfn.send(new UpdateStateMachineCommand({ stateMachineArn: arn, definition: JSON.stringify(jsonata({ StartAt: 'X', States: { X: { Type: 'Succeed' } } })) }));
    const afterUpdate = await harness.sfn.send(new DescribeStateMachineCommand({ stateMachineArn: arn }));
    await harness.sfn.send(new DeleteStateMachineCommand({ stateMachineArn: arn }));
    const afterDelete = harness.sfn.send(new DescribeStateMachineCommand({ stateMachineArn: arn }));
    // Assess
    expect(arn).toBe('arn:aws:states:us-east-1:000000000000:stateMachine:lifecycle');
    expect(described).toMatchObject({ name: 'lifecycle', status: 'ACTIVE', type: 'STANDARD' });
    expect(JSON.parse(described.definition as string)).toEqual(waitMachine);
    expect(described.creationDate).toBeInstanceOf(Date);
    expect(listed.stateMachines?.map((machine) => machine.name)).toContain('lifecycle');
    expect(updated.updateDate).toBeInstanceOf(Date);
    expect(JSON.parse(afterUpdate.definition as string).StartAt).toBe('X');
    await expect(afterDelete).rejects.toMatchObject({ name: 'StateMachineDoesNotExist' });
  });

  it('is idempotent for an identical CreateStateMachine and refuses a different one', async () => {
    // Prepare
    const request = { name: 'twice', definition: JSON.stringify(waitMachine), roleArn: 'arn:aws:iam::000000000000:role/r' };
    const first = await harness.sfn.send(new CreateStateMachineCommand(request));
    // Act
    const second = await harness.sfn.send(new CreateStateMachineCommand(request));
    const different = harness.sfn.send(new CreateStateMachineCommand({ ...request, definition: JSON.stringify(jsonata({ StartAt: 'X', States: { X: { Type: 'Succeed' } } })) }));
    // Assess
    expect(second.stateMachineArn).toBe(first.stateMachineArn);
    await expect(different).rejects.toMatchObject({ name: 'StateMachineAlreadyExists' });
  });

  it.each([
    { case: 'not JSON', definition: '{nope', code: 'INVALID_JSON_DESCRIPTION' },
    { case: 'a missing Next target', definition: JSON.stringify(jsonata({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'Nowhere' } } })), code: 'MISSING_TRANSITION_TARGET' },
    { case: 'JSONPath (not executed here)', definition: JSON.stringify({ StartAt: 'A', States: { A: { Type: 'Pass', End: true } } }), code: 'UNSUPPORTED_FEATURE' },
    {
      case: 'an unsupported resource',
      definition: JSON.stringify(jsonata({ StartAt: 'A', States: { A: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage', End: true } } })),
      code: 'UNSUPPORTED_FEATURE',
    },
  ])('refuses $case with InvalidDefinition naming $code', async ({ definition, code }) => {
    // Act
    const created = harness.sfn.send(new CreateStateMachineCommand({ name: 'invalid', definition, roleArn: 'arn:aws:iam::000000000000:role/r' }));
    // Assess
    await expect(created).rejects.toMatchObject({ name: 'InvalidDefinition', message: expect.stringContaining(code) });
  });

  it('refuses an invalid state machine name', async () => {
    // Act
    const created = harness.sfn.send(new CreateStateMachineCommand({ name: 'has space', definition: JSON.stringify(waitMachine), roleArn: 'r' }));
    // Assess
    await expect(created).rejects.toMatchObject({ name: 'InvalidName' });
  });
});

describe('API: executions', () => {
  it('returns the running execution for the same name and input, and refuses other input', async () => {
    // Prepare
    const machine = await harness.createMachine(waitMachine);
    const first = await harness.sfn.send(new StartExecutionCommand({ stateMachineArn: machine, name: 'cycle-1', input: '{"a":1}' }));
    // Act
    const again = await harness.sfn.send(new StartExecutionCommand({ stateMachineArn: machine, name: 'cycle-1', input: '{"a":1}' }));
    const otherInput = harness.sfn.send(new StartExecutionCommand({ stateMachineArn: machine, name: 'cycle-1', input: '{"a":2}' }));
    // Assess
    expect(again.executionArn).toBe(first.executionArn);
    expect(again.startDate?.getTime()).toBe(first.startDate?.getTime());
    await expect(otherInput).rejects.toMatchObject({ name: 'ExecutionAlreadyExists' });
    const listed = await harness.sfn.send(new ListExecutionsCommand({ stateMachineArn: machine }));
    expect(listed.executions).toHaveLength(1);
  });

  it('refuses a closed execution name being started again', async () => {
    // Prepare
    const machine = await harness.createMachine(jsonata({ StartAt: 'A', States: { A: { Type: 'Succeed' } } }));
    const arn = await harness.start(machine, {}, 'done-once');
    await harness.waitForEnd(arn);
    // Act
    const again = harness.sfn.send(new StartExecutionCommand({ stateMachineArn: machine, name: 'done-once', input: '{}' }));
    // Assess
    await expect(again).rejects.toMatchObject({ name: 'ExecutionAlreadyExists' });
  });

  it('filters ListExecutions by status and pages through results', async () => {
    // Prepare: two waiting, one finished.
    const machine = await harness.createMachine(waitMachine);
    await harness.start(machine, {}, 'w1');
    await harness.start(machine, {}, 'w2');
    await harness.start(machine, {}, 'w3');
    await harness.runtime.idle();
    await harness.sfn.send(new SendTaskSuccessCommand({ taskToken: tokens.at(-1) as string, output: '{}' }));
    await harness.runtime.idle();
    // Act
    const running = await harness.sfn.send(new ListExecutionsCommand({ stateMachineArn: machine, statusFilter: 'RUNNING' }));
    const succeeded = await harness.sfn.send(new ListExecutionsCommand({ stateMachineArn: machine, statusFilter: 'SUCCEEDED' }));
    const firstPage = await harness.sfn.send(new ListExecutionsCommand({ stateMachineArn: machine, maxResults: 2 }));
    const secondPage = await harness.sfn.send(new ListExecutionsCommand({ stateMachineArn: machine, maxResults: 2, nextToken: firstPage.nextToken }));
    // Assess
    expect(running.executions?.map((execution) => execution.status)).toEqual(['RUNNING', 'RUNNING']);
    expect(succeeded.executions).toHaveLength(1);
    expect(firstPage.executions).toHaveLength(2);
    expect(secondPage.executions).toHaveLength(1);
    expect(secondPage.nextToken).toBeUndefined();
  });

  it('keeps a running execution on the definition it started with after UpdateStateMachine', async () => {
    // Prepare
    const machine = await harness.createMachine(waitMachine);
    const arn = await harness.start(machine);
    await harness.runtime.idle();
    // Act
    await harness.sfn.send(
      new UpdateStateMachineCommand({
        stateMachineArn: machine,
        definition: JSON.stringify(jsonata({ StartAt: 'Other', States: { Other: { Type: 'Succeed' } } })),
      }),
    );
    await harness.sfn.send(new SendTaskSuccessCommand({ taskToken: tokens.at(-1) as string, output: '{}' }));
    await harness.waitForEnd(arn);
    // Assess
    expect(statesEntered(await harness.history(arn))).toEqual(['Await', 'First']);
  });

  it.each([
    { case: 'an unknown execution', arn: 'arn:aws:states:us-east-1:000000000000:execution:nope:nope', expected: 'ExecutionDoesNotExist' },
    { case: 'a malformed ARN', arn: 'not-an-arn', expected: 'InvalidArn' },
  ])('answers $case with $expected', async ({ arn, expected }) => {
    // Act
    const described = harness.sfn.send(new DescribeExecutionCommand({ executionArn: arn }));
    // Assess
    await expect(described).rejects.toMatchObject({ name: expected });
  });

  it.each([
    { case: 'maxResults over 1000', request: { maxResults: 1001 }, error: 'ValidationException' },
    { case: 'an unknown status filter', request: { statusFilter: 'DONE' }, error: 'ValidationException' },
    { case: 'a nextToken it did not issue', request: { nextToken: 'bm9wZQ' }, error: 'InvalidToken' },
  ])('refuses ListExecutions with $case', async ({ request, error }) => {
    // Prepare
    const machine = await harness.createMachine(waitMachine);
    // Act
    const listed = harness.sfn.send(new ListExecutionsCommand({ stateMachineArn: machine, ...(request as object) }));
    // Assess
    await expect(listed).rejects.toMatchObject({ name: error });
  });

  it('starts with the state machine role, and points the first state at no earlier event', async () => {
    // Prepare
    const roleArn = 'arn:aws:iam::000000000000:role/cycle-role';
    const { stateMachineArn } = await harness.sfn.send(
      new CreateStateMachineCommand({
        name: 'with-role',
        roleArn,
        definition: JSON.stringify(jsonata({ StartAt: 'A', States: { A: { Type: 'Pass', Output: { role: '{% $states.context.Execution.RoleArn %}' }, End: true } } })),
      }),
    );
    // Act
    const executionArn = await harness.start(stateMachineArn as string);
    const described = await harness.waitForEnd(executionArn);
    const [started, entered] = await harness.history(executionArn);
    // Assess
    expect(JSON.parse(described.output as string)).toEqual({ role: roleArn });
    expect(started.executionStartedEventDetails?.roleArn).toBe(roleArn);
    expect(entered).toMatchObject({ type: 'PassStateEntered', id: 2, previousEventId: 0 });
    expect(described).toMatchObject({ redriveStatus: 'NOT_REDRIVABLE', redriveStatusReason: 'Execution is SUCCEEDED and cannot be redriven' });
  });

  it('refuses input that is not JSON', async () => {
    // Prepare
    const machine = await harness.createMachine(waitMachine);
    // Act
    const started = harness.sfn.send(new StartExecutionCommand({ stateMachineArn: machine, input: '{broken' }));
    // Assess
    await expect(started).rejects.toMatchObject({ name: 'InvalidExecutionInput' });
  });
});

describe('Runtime: host timers on the clock', () => {
  it('runs scheduled host work in due order with executions, and idle() waits for it', async () => {
    // Prepare: an execution waits 2 hours; host work is due at 1 and 3 hours.
    const start = harness.runtime.clock.now().getTime();
    const seen: string[] = [];
    const machine = await harness.createMachine(jsonata({ StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 7200, End: true } } }));
    const executionArn = await harness.start(machine);
    const describe_ = async () => (await harness.sfn.send(new DescribeExecutionCommand({ executionArn }))).status as string;
    harness.runtime.clock.schedule(new Date(start + 3_600_000), async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      seen.push(`1h:${await describe_()}`);
    });
    harness.runtime.clock.schedule(new Date(start + 3 * 3_600_000), async () => {
      seen.push(`3h:${await describe_()}`);
    });
    // Act
    await harness.runtime.clock.advance(4 * 3_600_000);
    // Assess
    expect(seen).toEqual(['1h:RUNNING', '3h:SUCCEEDED']);
  });
});
