import '../../../support/function-env.ts';
import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordStageOutcome } from '../../../../functions/record-stage-outcome/handler.ts';
import { useClockSource, useSystemClock } from '#commons/clock';
import { CycleOwnedByAnotherExecutionError } from '#commons/errors';
import { EXECUTION_ARN, OTHER_EXECUTION_ARN, cycleRecord } from '../../../support/function-fixtures.ts';
import { transactionCancelled } from '../../../support/dynamodb-errors.ts';

const dynamo = mockClient(DynamoDBDocumentClient);
const ses = mockClient(SESv2Client);

const event = (overrides: Record<string, unknown> = {}) => ({
  cycleId: 'cohort-2025--svc-1',
  stage: 'committee-decision' as const,
  outcome: 'decided' as const,
  executionArn: EXECUTION_ARN,
  occurrenceId: 'RecordDecision@2025-09-01T10:00:00.000Z',
  decision: 'accredited' as const,
  reason: 'All Type 1 standards met',
  ...overrides,
});

describe('Function: record-stage-outcome', () => {
  beforeEach(() => {
    dynamo.reset();
    ses.reset();
    ses.on(SendEmailCommand).resolves({ MessageId: 'message-1' });
    dynamo.on(GetCommand).resolves({ Item: cycleRecord() });
    dynamo.on(UpdateCommand).resolves({});
    useClockSource(() => new Date('2025-09-01T10:00:00.000Z'));
  });
  afterEach(() => useSystemClock());

  it.each([
    { outcome: 'decided', decision: 'accredited', status: 'accredited', emails: 1, items: 2 },
    { outcome: 'decided', decision: 'deferred', status: 'deferred', emails: 1, items: 2 },
    { outcome: 'decided', decision: 'not-accredited', status: 'not-accredited', emails: 1, items: 2 },
    { outcome: 'submitted', decision: undefined, status: 'active', emails: 0, items: 2 },
    { outcome: 'overdue', decision: undefined, status: 'overdue', emails: 0, items: 3 },
  ])('records $outcome $decision as status $status with its audit event', async ({ outcome, decision, status, emails, items }) => {
    // Prepare
    dynamo.on(TransactWriteCommand).resolves({});

    // Act
    const result = await recordStageOutcome(event({ outcome, decision }));

    // Assess
    const transactItems = dynamo.commandCalls(TransactWriteCommand)[0].args[0].input.TransactItems ?? [];
    expect(result.status).toBe(status);
    expect(transactItems).toHaveLength(items);
    expect(transactItems[0].Update?.ExpressionAttributeValues).toMatchObject({ ':status': status });
    expect(transactItems[0].Update?.ConditionExpression).toContain('lastOccurrenceId <> :occurrenceId');
    expect(transactItems[1].Put?.Item).toMatchObject({ type: 'stage-recorded', detail: { outcome, status } });
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(emails);
  });

  it('changes nothing and emails nobody again when a retry finds the same occurrence recorded and announced', async () => {
    // Prepare
    const recorded = cycleRecord({ lastOccurrenceId: event().occurrenceId, notifiedOccurrences: [event().occurrenceId] });
    dynamo.on(GetCommand).resolves({ Item: recorded });
    dynamo.on(TransactWriteCommand).rejects(transactionCancelled(2, { 0: { ...recorded } }));

    // Act
    const result = await recordStageOutcome(event());

    // Assess
    expect(result.status).toBe('accredited');
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(0);
  });

  it('refuses an outcome from an execution that no longer drives the cycle', async () => {
    // Prepare
    dynamo.on(TransactWriteCommand).rejects(transactionCancelled(2, { 0: { ...cycleRecord({ executionArn: OTHER_EXECUTION_ARN }) } }));

    // Act
    const result = recordStageOutcome(event());

    // Assess
    await expect(result).rejects.toThrow(CycleOwnedByAnotherExecutionError);
  });
});
