import '../../../support/function-env.ts';
import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { DynamoDBDocumentClient, GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordStageOutcome } from '../../../../functions/record-stage-outcome/handler.ts';
import { appealDeadline, deferralDeadline } from '#core/timetable';
import { addMonths } from '#core/iso-date';
import { useClockSource, useSystemClock } from '#commons/clock';
import { CycleOwnedByAnotherExecutionError, CycleWithdrawnError } from '#commons/errors';
import { dueAtOf } from '#commons/helpers/stage-labels';
import { allocationKey, cycleKey, networkKey, reviewerKey, taskKey } from '#commons/helpers/table-keys';
import { EXECUTION_ARN, OTHER_EXECUTION_ARN, networkRecord, taskRecord } from '../../../support/function-fixtures.ts';
import { CYCLE_ID, allocationRecord, cycleWithDeadlines } from '../../../support/workflow-fixtures.ts';
import { transactionCancelled } from '../../../support/dynamodb-errors.ts';

const dynamo = mockClient(DynamoDBDocumentClient);
const ses = mockClient(SESv2Client);
const TODAY = '2025-09-01';
const config = networkRecord().config;

const event = (overrides: Record<string, unknown> = {}) => ({
  cycleId: CYCLE_ID,
  stage: 'committee-decision',
  outcome: 'decided' as const,
  executionArn: EXECUTION_ARN,
  occurrenceId: 'run/RecordDecision@2025-09-01T10:00:00.000Z#12',
  submission: { decidedBy: 'Chair', outcome: 'accredited', reason: 'All Type 1 standards met' },
  ...overrides,
});

const transactItems = () => dynamo.commandCalls(TransactWriteCommand)[0].args[0].input.TransactItems ?? [];
const cycleValues = () => transactItems()[0].Update?.ExpressionAttributeValues ?? {};
/** The value SET for a top-level attribute of the cycle. */
const setValue = (name: string) => {
  const update = transactItems()[0].Update;
  const placeholder = Object.entries(update?.ExpressionAttributeNames ?? {}).find(([, value]) => value === name)?.[0];
  return placeholder ? update?.ExpressionAttributeValues?.[placeholder.replace('#', ':')] : undefined;
};

describe('Function: record-stage-outcome', () => {
  beforeEach(() => {
    dynamo.reset();
    ses.reset();
    ses.on(SendEmailCommand).resolves({ MessageId: 'message-1' });
    dynamo.on(GetCommand).resolves({});
    dynamo.on(GetCommand, { Key: cycleKey(CYCLE_ID) }).resolves({ Item: cycleWithDeadlines() });
    dynamo.on(GetCommand, { Key: networkKey('ccqi-accreditation-example') }).resolves({ Item: networkRecord() });
    dynamo.on(TransactWriteCommand).resolves({});
    dynamo.on(UpdateCommand).resolves({});
    useClockSource(() => new Date(`${TODAY}T10:00:00.000Z`));
  });
  afterEach(() => useSystemClock());

  it('reads the cycle and its audit counter once, and answers the workflow from what it wrote (issue 14)', async () => {
    // Act
    const view = await recordStageOutcome(event({ submission: { decidedBy: 'Chair', outcome: 'deferred', reason: 'As minuted' } }));

    // Assess: one read of the cycle item, none of the counter alone, and the view as written.
    const cycleReads = dynamo.commandCalls(GetCommand).filter((call) => call.args[0].input.Key?.sk === cycleKey(CYCLE_ID).sk);
    expect(cycleReads).toHaveLength(1);
    expect(view).toMatchObject({ status: 'deferred', stage: 'committee-decision', deferrals: (cycleWithDeadlines().deferrals ?? 0) + 1 });
    expect(view.deadlines['deferral-evidence']).toBe(dueAtOf(deferralDeadline(TODAY, config) as string));
  });

  it.each([
    { decision: 'accredited', field: 'renewalOn', expected: addMonths(TODAY, 36) },
    { decision: 'deferred', field: 'deadlines', expected: expect.objectContaining({ 'deferral-evidence': dueAtOf(deferralDeadline(TODAY, config) as string) }) },
    { decision: 'not-accredited', field: 'deadlines', expected: expect.objectContaining({ appeal: dueAtOf(appealDeadline(TODAY, config) as string) }) },
  ])('records the decision $decision with its reason, sets $field, and tells the service', async ({ decision, field, expected }) => {
    // Act
    const view = await recordStageOutcome(event({ submission: { decidedBy: 'Chair', outcome: decision, reason: 'As minuted' } }));

    // Assess
    expect(cycleValues()).toMatchObject({ ':status': decision, ':occurrenceId': event().occurrenceId });
    expect(transactItems()[0].Update?.ConditionExpression).toContain('lastOccurrenceId <> :occurrenceId');
    expect(transactItems()[0].Update?.ConditionExpression).toContain('#status <> :withdrawn');
    expect(setValue('decision')).toBe(decision);
    expect(setValue('decisionReason')).toBe('As minuted');
    expect(setValue(field)).toEqual(expected);
    expect(transactItems()[1].Put?.Item).toMatchObject({ type: 'stage-recorded', detail: { outcome: 'decided', decision, reason: 'As minuted' } });
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(1);
    expect(view.cycleId).toBe(CYCLE_ID);
  });

  it.each([
    { label: 'accredited', given: event(), status: 'accredited' },
    { label: 'a developmental report issued', given: event({ stage: 'report', outcome: 'report-issued', submission: undefined }), status: 'report-issued' },
  ])('a finished cycle ($label) shows its outcome at the closed stage, with no current deadline (issue 10, defect 7)', async ({ given, status }) => {
    // Act
    await recordStageOutcome(given);

    // Assess
    expect(cycleValues()).toMatchObject({ ':status': status, ':stage': 'closed' });
    expect(transactItems()[0].Update?.UpdateExpression).toMatch(/ REMOVE #r0\b/);
    expect(transactItems()[0].Update?.ExpressionAttributeNames).toMatchObject({ '#r0': 'currentDeadline' });
  });

  it('records a missed deadline as overdue and keeps the task in the reminder index for the escalations', async () => {
    // Prepare
    dynamo.on(GetCommand, { Key: taskKey(CYCLE_ID, 'self-review') }).resolves({ Item: taskRecord({ status: 'open' }) });

    // Act
    await recordStageOutcome(event({ stage: 'self-review', outcome: 'overdue', submission: undefined }));

    // Assess
    expect(cycleValues()).toMatchObject({ ':status': 'overdue' });
    const close = transactItems()[2].Update;
    expect(close?.UpdateExpression).toBe('SET #status = :closed');
    expect(close?.ExpressionAttributeValues).toEqual({ ':closed': 'overdue' });
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(0);
  });

  it('records an unanswered factual-accuracy check as accepted, closes the task and gives the committee its window', async () => {
    // Prepare
    dynamo.on(GetCommand, { Key: taskKey(CYCLE_ID, 'factual-accuracy') }).resolves({ Item: taskRecord({ stage: 'factual-accuracy', status: 'open' }) });

    // Act
    await recordStageOutcome(event({ stage: 'factual-accuracy', outcome: 'factual-accuracy-deemed-accepted', submission: undefined }));

    // Assess
    expect(setValue('factualAccuracy')).toEqual({ outcome: 'deemed-accepted', closedOn: TODAY });
    expect(setValue('deadlines')).toHaveProperty('committee-decision');
    expect(transactItems()[2].Update?.UpdateExpression).toBe('SET #status = :closed REMOVE gsi2pk, gsi2sk');
  });

  it('on a cancelled visit, frees the team, reopens date offering and tells the service and the team (calendar cancellation attached)', async () => {
    // Prepare
    dynamo.on(GetCommand, { Key: cycleKey(CYCLE_ID) }).resolves({ Item: cycleWithDeadlines({ visitDate: '2025-06-11', visitBookings: 1 }) });
    dynamo.on(GetCommand, { Key: allocationKey(CYCLE_ID) }).resolves({ Item: allocationRecord({ status: 'confirmed' }) });
    const place = { pk: cycleKey(CYCLE_ID).pk, sk: 'LOAD#lead-a', cycleId: CYCLE_ID, networkId: 'ccqi-accreditation-example', reviewerId: 'lead-a', status: 'counted' };
    dynamo.on(QueryCommand).resolves({ Items: [place] });
    dynamo.on(GetCommand, { Key: reviewerKey('ccqi-accreditation-example', 'lead-a') }).resolves({ Item: { reviewsThisYear: 3 } });

    // Act
    await recordStageOutcome(event({ stage: 'visit', outcome: 'visit-cancelled', submission: { cancelledBy: 'Service lead', reason: 'Ward closed' } }));

    // Assess
    expect(cycleValues()).toMatchObject({ ':stage': 'peer-review-scheduling' });
    expect(setValue('visitDate')).toBeNull();
    expect(transactItems()[2].Update).toMatchObject({ Key: allocationKey(CYCLE_ID), ExpressionAttributeValues: { ':cancelled': 'cancelled' } });
    // The cancelled visit's places are released in the same transaction (reviewer load, issue 10).
    expect(transactItems()[3].Update).toMatchObject({ Key: { sk: 'LOAD#lead-a' }, ExpressionAttributeValues: { ':released': 'released' } });
    // One Update of the reviewer's pool item: the load count and (issue 14) the cohort's visit count; the day's booking goes.
    expect(transactItems()[4].Update).toMatchObject({ Key: reviewerKey('ccqi-accreditation-example', 'lead-a'), UpdateExpression: 'SET reviewsThisYear = reviewsThisYear - :one ADD #visits :delta', ExpressionAttributeValues: { ':delta': -1 } });
    expect(transactItems().filter((item) => item.Delete?.Key?.sk === 'BOOKED#lead-a')).toHaveLength(1);
    const emails = ses.commandCalls(SendEmailCommand).map((call) => call.args[0].input);
    expect(emails.map((email) => email.Content?.Template?.TemplateName)).toEqual(['VisitCancelled', 'VisitCancelled']);
    expect(emails[1].Destination?.ToAddresses).toEqual(allocationRecord().team.map((member) => member.email));
    expect(new TextDecoder().decode(emails[1].Content?.Template?.Attachments?.[0].RawContent)).toContain('METHOD:CANCEL');
  });

  it('changes nothing and emails nobody again when a retry finds the same occurrence recorded and announced', async () => {
    // Prepare
    const recorded = cycleWithDeadlines({ lastOccurrenceId: event().occurrenceId, notifiedOccurrences: [event().occurrenceId] });
    dynamo.on(GetCommand, { Key: cycleKey(CYCLE_ID) }).resolves({ Item: recorded });
    dynamo.on(TransactWriteCommand).rejects(transactionCancelled(2, { 0: { ...recorded } }));

    // Act
    const view = await recordStageOutcome(event());

    // Assess
    expect(view.cycleId).toBe(CYCLE_ID);
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(0);
  });

  it.each([
    { case: 'an execution that no longer drives the cycle', old: cycleWithDeadlines({ executionArn: OTHER_EXECUTION_ARN }), error: CycleOwnedByAnotherExecutionError },
    { case: 'a cycle withdrawn meanwhile', old: cycleWithDeadlines({ status: 'withdrawn' }), error: CycleWithdrawnError },
  ])('refuses an outcome from $case', async ({ old, error }) => {
    // Prepare
    dynamo.on(TransactWriteCommand).rejects(transactionCancelled(2, { 0: { ...old } }));

    // Act
    const result = recordStageOutcome(event());

    // Assess
    await expect(result).rejects.toThrow(error);
  });
});
