// A hand-over that comes after another (a resume's stop after its start) is not delivered before
// it: the old execution is never stopped while the new one has not started.
import '../../../support/function-env.ts';
import { SFNClient, StartExecutionCommand, StopExecutionCommand } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { handOverKey } from '#commons/data/hand-overs';
import { deliverHandOver } from '#commons/helpers/deliver-hand-over';

const dynamo = mockClient(DynamoDBDocumentClient);
const sfn = mockClient(SFNClient);

const CYCLE = 'cohort-2025--svc-1';
const stop = {
  cycleId: CYCLE,
  handOverId: 'resume#x#stop',
  command: { kind: 'stop-execution', executionArn: 'arn:aws:states:us-east-1:000000000000:execution:m:old', error: 'CycleResumed', cause: 'test' },
  status: 'pending',
  attempts: 1,
  createdAt: '2025-01-06T09:00:00.000Z',
  after: 'resume#x#start',
};
const startWith = (status: string) => ({
  cycleId: CYCLE,
  handOverId: 'resume#x#start',
  command: { kind: 'start-execution', stateMachineArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:m', name: 'x', input: '{}' },
  status,
  attempts: 1,
  createdAt: '2025-01-06T09:00:00.000Z',
});

describe('Function: deliverHandOver', () => {
  beforeEach(() => {
    dynamo.reset();
    sfn.reset();
    sfn.on(StopExecutionCommand).resolves({});
    sfn.on(StartExecutionCommand).resolves({ executionArn: 'arn:new', startDate: new Date() });
    // The claim of the stop succeeds; settling and releasing too.
    dynamo.on(UpdateCommand).resolves({ Attributes: stop });
  });

  it('leaves a stop pending, and its claim released, while the start it comes after is not delivered', async () => {
    // Prepare
    dynamo.on(GetCommand, { Key: handOverKey(CYCLE, 'resume#x#start') }).resolves({ Item: startWith('pending') });

    // Act
    const delivery = await deliverHandOver(CYCLE, 'resume#x#stop');

    // Assess
    expect(delivery).toBe('pending');
    expect(sfn.commandCalls(StopExecutionCommand)).toHaveLength(0);
    const release = dynamo.commandCalls(UpdateCommand).at(-1)?.args[0].input;
    expect(release?.UpdateExpression).toBe('SET attempts = attempts - :one REMOVE leaseUntil');
  });

  it('stops the old execution once the start is delivered', async () => {
    // Prepare
    dynamo.on(GetCommand, { Key: handOverKey(CYCLE, 'resume#x#start') }).resolves({ Item: startWith('delivered') });

    // Act
    const delivery = await deliverHandOver(CYCLE, 'resume#x#stop');

    // Assess
    expect(delivery).toBe('delivered');
    expect(sfn.commandCalls(StopExecutionCommand)).toHaveLength(1);
    expect(sfn.commandCalls(StopExecutionCommand)[0].args[0].input).toMatchObject({ executionArn: stop.command.executionArn, error: 'CycleResumed' });
  });
});
