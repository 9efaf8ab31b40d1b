import '../../../support/function-env.ts';
import { ExecutionAlreadyExists, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { continueCycle, continuationName } from '../../../../functions/continue-cycle/handler.ts';
import { CycleOwnedByAnotherExecutionError, CycleWithdrawnError } from '#commons/errors';
import { EXECUTION_ARN, OTHER_EXECUTION_ARN } from '../../../support/function-fixtures.ts';
import { CYCLE_ID, cycleWithDeadlines } from '../../../support/workflow-fixtures.ts';

const dynamo = mockClient(DynamoDBDocumentClient);
const sfn = mockClient(SFNClient);
const ENTERED = '2026-01-01T09:00:00.000Z';
const event = () => ({ cycleId: CYCLE_ID, resumeAt: 'deferral-evidence' as const, executionArn: EXECUTION_ARN, occurrenceId: `run/ContinueInNewExecution@${ENTERED}#30`, enteredTime: ENTERED });

describe('Function: continue-cycle', () => {
  beforeEach(() => {
    dynamo.reset();
    sfn.reset();
    dynamo.on(GetCommand).resolves({ Item: cycleWithDeadlines() });
  });

  it('starts a new execution at the stage, named by the hand-over time so a retry starts nothing new', async () => {
    // Prepare
    sfn.on(StartExecutionCommand).resolves({ executionArn: 'arn:aws:states:us-east-1:000000000000:execution:accreditation-cycle:new' });

    // Act
    await continueCycle(event());

    // Assess
    const input = sfn.commandCalls(StartExecutionCommand)[0].args[0].input;
    expect(input.name).toBe(continuationName(CYCLE_ID, ENTERED));
    expect(input.name?.length).toBeLessThanOrEqual(80);
    expect(JSON.parse(input.input ?? '{}')).toMatchObject({ cycleId: CYCLE_ID, resumeAt: 'deferral-evidence', startDate: '2025-01-06' });
  });

  it('treats an execution of the same name as its own earlier attempt', async () => {
    // Prepare
    sfn.on(StartExecutionCommand).rejects(new ExecutionAlreadyExists({ message: 'exists', $metadata: {} }));

    // Act
    const result = await continueCycle(event());

    // Assess
    expect(result.executionArn).toContain(continuationName(CYCLE_ID, ENTERED));
  });

  it.each([
    { case: 'the cycle was withdrawn', cycle: cycleWithDeadlines({ status: 'withdrawn' }), error: CycleWithdrawnError },
    { case: 'staff resumed it elsewhere', cycle: cycleWithDeadlines({ executionArn: OTHER_EXECUTION_ARN }), error: CycleOwnedByAnotherExecutionError },
  ])('starts nothing when $case', async ({ cycle, error }) => {
    // Prepare
    dynamo.on(GetCommand).resolves({ Item: cycle });

    // Act
    const result = continueCycle(event());

    // Assess
    await expect(result).rejects.toThrow(error);
    expect(sfn.commandCalls(StartExecutionCommand)).toHaveLength(0);
  });
});
