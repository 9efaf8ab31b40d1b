// The resume route's judgement of the last resume: a repeat is already recorded, a different
// resume waits while the last one can still take over, and one whose execution ended before it
// took over no longer blocks the cycle (it was stopped, so the cycle needs a new one).
import '../../../support/function-env.ts';
import { DescribeExecutionCommand, ExecutionDoesNotExist, SFNClient, StartExecutionCommand, StopExecutionCommand } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { cycleResumeRoutes } from '../../../../functions/http-api/routes/cycle-resume.ts';
import { cycleKey } from '#commons/helpers/table-keys';
import type { LastResume } from '#commons/helpers/records';
import { buildHttpApiEvent } from '../../../../local/http-api-event.ts';
import { EXECUTION_ARN, cycleRecord } from '../../../support/function-fixtures.ts';

const dynamo = mockClient(DynamoDBDocumentClient);
const sfn = mockClient(SFNClient);
const CYCLE = 'cohort-2025--svc-1';
const RESUMING_ARN = 'arn:aws:states:us-east-1:000000000000:execution:accreditation-cycle:cohort-2025--svc-1-r0123456789abcdef';

const lastResume = (overrides: Partial<LastResume> = {}): LastResume => ({
  resumeAt: 'self-review',
  reason: 'New definition version',
  fromExecutionArn: EXECUTION_ARN,
  executionArn: RESUMING_ARN,
  requestedAt: '2025-01-06T09:00:00.000Z',
  requestedBy: 'local-staff',
  ...overrides,
});

const resume = async (body: Record<string, unknown>) => {
  const [route] = cycleResumeRoutes;
  const event = buildHttpApiEvent({ method: 'POST', url: `/cycles/${CYCLE}/resume`, body: JSON.stringify(body) });
  return route.handle(event, { cycleId: CYCLE }).then(
    (result) => ({ statusCode: result.statusCode, body: JSON.parse(String(result.body)) as Record<string, unknown> }),
    (error: { statusCode: number; message: string }) => ({ statusCode: error.statusCode, body: JSON.parse(error.message) as Record<string, unknown> }),
  );
};

const newStartNames = () =>
  dynamo
    .commandCalls(TransactWriteCommand)
    .flatMap((call) => call.args[0].input.TransactItems ?? [])
    .map((item) => (item.Put?.Item?.command as { kind?: string; name?: string } | undefined))
    .filter((command) => command?.kind === 'start-execution')
    .map((command) => command?.name);

describe('Function: POST /cycles/{cycleId}/resume', () => {
  beforeEach(() => {
    dynamo.reset();
    sfn.reset();
    dynamo.on(GetCommand).resolves({});
    dynamo.on(TransactWriteCommand).resolves({});
    // Claims of the hand-overs find nothing to claim: the relay's business in this test.
    dynamo.on(UpdateCommand).rejects(Object.assign(new Error('condition'), { name: 'ConditionalCheckFailedException' }));
    sfn.on(StartExecutionCommand).resolves({ executionArn: RESUMING_ARN, startDate: new Date() });
    sfn.on(StopExecutionCommand).resolves({});
  });

  it.each([
    ['not started yet', undefined, 409, 'ResumeInProgress'],
    ['running and not attached yet', 'RUNNING', 409, 'ResumeInProgress'],
    ['ended before it took over', 'FAILED', 202, 'resumed'],
  ])('a different resume while the last one is %s (its execution: %s) answers %i %s', async (_label, status, expectedStatus, expected) => {
    // Prepare
    dynamo.on(GetCommand, { Key: cycleKey(CYCLE) }).resolves({ Item: cycleRecord({ stage: 'self-review', lastResume: lastResume() }) });
    if (status) sfn.on(DescribeExecutionCommand).resolves({ status: status as 'RUNNING', executionArn: RESUMING_ARN, stateMachineArn: 'x', startDate: new Date() });
    else sfn.on(DescribeExecutionCommand).rejects(new ExecutionDoesNotExist({ message: 'none', $metadata: {} }));

    // Act
    const answer = await resume({ resumeAt: 'peer-review-scheduling', reason: 'Redrive' });

    // Assess
    expect(answer.statusCode).toBe(expectedStatus);
    expect(answer.body.error ?? answer.body.result).toBe(expected);
    expect(newStartNames()).toHaveLength(expectedStatus === 202 ? 1 : 0);
  });

  it('asking again for a resume whose execution died starts a new execution, not the dead one', async () => {
    // Prepare
    dynamo.on(GetCommand, { Key: cycleKey(CYCLE) }).resolves({ Item: cycleRecord({ stage: 'self-review', lastResume: lastResume() }) });
    sfn.on(DescribeExecutionCommand).resolves({ status: 'FAILED', executionArn: RESUMING_ARN, stateMachineArn: 'x', startDate: new Date() });

    // Act
    const answer = await resume({ resumeAt: 'self-review', reason: 'New definition version' });

    // Assess
    expect(answer.statusCode).toBe(202);
    const [name] = newStartNames();
    expect(name).toMatch(/^cohort-2025--svc-1-r[0-9a-f]{16}$/);
    expect(RESUMING_ARN.endsWith(`:${name}`)).toBe(false);
  });

  it('the same request while the last resume takes over is already recorded and writes nothing', async () => {
    // Prepare
    dynamo.on(GetCommand, { Key: cycleKey(CYCLE) }).resolves({ Item: cycleRecord({ stage: 'self-review', lastResume: lastResume() }) });
    sfn.on(DescribeExecutionCommand).resolves({ status: 'RUNNING', executionArn: RESUMING_ARN, stateMachineArn: 'x', startDate: new Date() });

    // Act
    const answer = await resume({ resumeAt: 'self-review', reason: 'New definition version' });

    // Assess
    expect(answer).toMatchObject({ statusCode: 200, body: { result: 'already-recorded', executionArn: RESUMING_ARN } });
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });
});
