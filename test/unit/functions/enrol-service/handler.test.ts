import '../../../support/function-env.ts';
import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { enrolService } from '../../../../functions/enrol-service/handler.ts';
import { useClockSource, useSystemClock } from '#commons/clock';
import { CycleNotFoundError, CycleOwnedByAnotherExecutionError, ServiceNotFoundError } from '#commons/errors';
import { cycleKey, networkKey, serviceKey } from '#commons/helpers/table-keys';
import { EXECUTION_ARN, OTHER_EXECUTION_ARN, cycleRecord, networkRecord, serviceRecord } from '../../../support/function-fixtures.ts';

const dynamo = mockClient(DynamoDBDocumentClient);
const ses = mockClient(SESv2Client);

const event = (overrides: Record<string, unknown> = {}) => ({
  cycleId: 'cohort-2025--svc-1',
  serviceId: 'svc-1',
  cohortId: 'cohort-2025',
  startDate: '2025-01-06',
  executionArn: EXECUTION_ARN,
  ...overrides,
});

describe('Function: enrol-service', () => {
  beforeEach(() => {
    dynamo.reset();
    ses.reset();
    ses.on(SendEmailCommand).resolves({ MessageId: 'message-1' });
    useClockSource(() => new Date('2025-01-06T09:00:00.000Z'));
  });
  afterEach(() => useSystemClock());

  it('records a new cycle with its audit event in one conditional transaction and sends the welcome email', async () => {
    // Prepare
    dynamo.on(GetCommand, { Key: cycleKey('cohort-2025--svc-1') }).resolves({});
    dynamo.on(GetCommand, { Key: serviceKey('svc-1') }).resolves({ Item: serviceRecord() });
    dynamo.on(GetCommand, { Key: networkKey('ccqi-accreditation-example') }).resolves({ Item: networkRecord() });
    dynamo.on(TransactWriteCommand).resolves({});
    dynamo.on(UpdateCommand).resolves({});

    // Act
    const view = await enrolService(event());

    // Assess
    const [write] = dynamo.commandCalls(TransactWriteCommand);
    const items = write.args[0].input.TransactItems ?? [];
    expect(items).toHaveLength(3);
    expect(items[0].Put?.ConditionExpression).toBe('attribute_not_exists(pk)');
    expect(items[0].Put?.Item).toMatchObject({ ...cycleKey('cohort-2025--svc-1'), stage: 'enrolment', executionArn: EXECUTION_ARN });
    expect(items[2].Put?.Item).toMatchObject({ pk: 'CYCLE#cohort-2025--svc-1', type: 'cycle-enrolled' });
    // The whole timetable is written once in its own item; the cycle item, rewritten at every step, keeps the planned deadlines.
    expect(items[1].Put?.Item).toMatchObject({ pk: 'CYCLE#cohort-2025--svc-1', sk: 'TIMETABLE' });
    const timetable = items[1].Put?.Item?.timetable as { stage: string; dueOn: string; opensOn: string }[];
    expect(timetable.every((milestone) => milestone.opensOn !== undefined)).toBe(true);
    expect(items[0].Put?.Item?.timetable).toEqual(timetable.map(({ stage, dueOn }) => ({ stage, dueOn })));
    const selfReview = timetable.find((milestone) => milestone.stage === 'self-review');
    // The end of the due day in the UK: 23:59:59 GMT (this self-review is due in May, in BST: 22:59:59Z).
    expect(view.deadlines['self-review']).toBe(`${selfReview?.dueOn}T22:59:59.000Z`);
    expect(items[0].Put?.Item?.deadlines).toEqual(view.deadlines);
    const [email] = ses.commandCalls(SendEmailCommand);
    expect(email.args[0].input.Destination?.ToAddresses).toEqual(['lead@riverside.example.org']);
    const data = JSON.parse(email.args[0].input.Content?.Template?.TemplateData ?? '{}');
    // Enrolment is the welcome itself: the email lists every later step.
    expect(data.milestones.map((milestone: { stage: string }) => milestone.stage)).toEqual(timetable.map((m) => m.stage).filter((stage) => stage !== 'enrolment'));
  });

  it.each([
    { case: 'a follow-up cycle records the cycle that scheduled it', previousCycleId: 'cohort-2023--svc-1', stored: 'cohort-2023--svc-1' },
    { case: 'a first cycle (the ASL sends null) records none', previousCycleId: null, stored: undefined },
    { case: 'an event without the field records none', previousCycleId: undefined, stored: undefined },
  ])('$case', async ({ previousCycleId, stored }) => {
    // Prepare
    dynamo.on(GetCommand, { Key: cycleKey('cohort-2025--svc-1') }).resolves({});
    dynamo.on(GetCommand, { Key: serviceKey('svc-1') }).resolves({ Item: serviceRecord() });
    dynamo.on(GetCommand, { Key: networkKey('ccqi-accreditation-example') }).resolves({ Item: networkRecord() });
    dynamo.on(TransactWriteCommand).resolves({});
    dynamo.on(UpdateCommand).resolves({});

    // Act
    await enrolService(event(previousCycleId === undefined ? {} : { previousCycleId }));

    // Assess
    const [write] = dynamo.commandCalls(TransactWriteCommand);
    expect(write.args[0].input.TransactItems?.[0].Put?.Item?.previousCycleId).toBe(stored);
  });

  it('changes nothing and sends nothing when a retry finds the cycle already recorded and welcomed', async () => {
    // Prepare
    dynamo.on(GetCommand, { Key: cycleKey('cohort-2025--svc-1') }).resolves({
      Item: cycleRecord({ welcomeEmailSentAt: '2025-01-06T09:00:01.000Z' }),
    });

    // Act
    const view = await enrolService(event());

    // Assess
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(0);
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(0);
    expect(view).toMatchObject({ cycleId: 'cohort-2025--svc-1', stage: 'enrolment', status: 'active' });
  });

  // Enrolment too (issue 12 defect 6): refusing that take-over ended the new execution "Superseded".
  it.each(['committee-decision', 'enrolment'])('attaches an existing cycle to an execution resuming at %s with an audit event, without a second welcome', async (resumeAt) => {
    // Prepare
    dynamo.on(GetCommand, { Key: cycleKey('cohort-2025--svc-1') }).resolves({
      Item: cycleRecord({ executionArn: OTHER_EXECUTION_ARN, welcomeEmailSentAt: '2025-01-06T09:00:01.000Z' }),
    });
    dynamo.on(TransactWriteCommand).resolves({});

    // Act
    await enrolService(event({ resumeAt }));

    // Assess
    const items = dynamo.commandCalls(TransactWriteCommand)[0].args[0].input.TransactItems ?? [];
    expect(items[0].Update?.ConditionExpression).toContain('executionArn = :previous');
    expect(items[0].Update?.ExpressionAttributeValues).toMatchObject({ ':next': EXECUTION_ARN, ':previous': OTHER_EXECUTION_ARN });
    expect(items[1].Put?.Item).toMatchObject({ type: 'cycle-resumed' });
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(0);
  });

  it.each([
    { case: 'resuming a cycle that was never recorded', stored: undefined, input: { resumeAt: 'self-review' }, error: CycleNotFoundError },
    { case: 'a second execution enrolling a recorded cycle', stored: cycleRecord({ executionArn: OTHER_EXECUTION_ARN }), input: {}, error: CycleOwnedByAnotherExecutionError },
  ])('refuses $case', async ({ stored, input, error }) => {
    // Prepare
    dynamo.on(GetCommand, { Key: cycleKey('cohort-2025--svc-1') }).resolves({ Item: stored });

    // Act
    const result = enrolService(event(input));

    // Assess
    await expect(result).rejects.toThrow(error);
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });

  it('refuses to enrol a service that is not enrolled in a network', async () => {
    // Prepare
    dynamo.on(GetCommand).resolves({});

    // Act
    const result = enrolService(event());

    // Assess
    await expect(result).rejects.toThrow(ServiceNotFoundError);
  });
});
