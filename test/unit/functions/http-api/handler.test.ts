import '../../../support/function-env.ts';
import { ExecutionAlreadyExists, InvalidToken, SendTaskSuccessCommand, SFNClient, StartExecutionCommand, TaskTimedOut } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { handler } from '../../../../functions/http-api/handler.ts';
import { allocationKey, cycleKey, networkKey, serviceKey, taskKey } from '#commons/helpers/table-keys';
import { handOverKey } from '#commons/data/hand-overs';
import { buildHttpApiEvent } from '../../../../local/http-api-event.ts';
import { lambdaContext } from '../../../../local/lambda-context.ts';
import { cycleRecord, networkRecord, serviceRecord, taskRecord } from '../../../support/function-fixtures.ts';
import { mockCyclePartition } from '../../../support/cycle-partition.ts';
import { allocationRecord } from '../../../support/workflow-fixtures.ts';
import { transactionCancelled } from '../../../support/dynamodb-errors.ts';

const dynamo = mockClient(DynamoDBDocumentClient);
const sfn = mockClient(SFNClient);

const call = async (method: string, url: string, body?: unknown) => {
  const event = buildHttpApiEvent({
    method,
    url,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const result = await handler(event, lambdaContext('http-api'));
  return { status: result.statusCode, body: JSON.parse(result.body ?? 'null') };
};

const decision = { decidedBy: 'Chair', outcome: 'accredited', reason: 'All Type 1 standards met' };
const CYCLE_ID = 'cohort-2025--svc-1';

/** The submission's hand-over as the claim (or a later read) returns it. */
const handOver = (fields: Record<string, unknown> = {}) => ({
  ...handOverKey(CYCLE_ID, 'submission#committee-decision#hash-of-token'),
  cycleId: CYCLE_ID,
  handOverId: 'submission#committee-decision#hash-of-token',
  command: { kind: 'send-task-success', taskToken: 'token-secret-value', output: JSON.stringify(decision) },
  status: 'pending',
  attempts: 1,
  createdAt: '2025-01-06T09:00:00.000Z',
  lateRefusal: { stage: 'committee-decision', tokenHash: 'hash-1', actor: 'Chair' },
  ...fields,
});
const selfReview = { submittedBy: 'lead@riverside.example.org', summary: 'Done', ratings: { 'S1.1': 'met' } };

describe('Function: http-api', () => {
  beforeEach(() => {
    dynamo.reset();
    sfn.reset();
  });

  it.each([
    { url: '/services', body: { ...serviceRecord(), leadEmail: 'not-an-email' }, field: 'leadEmail' },
    { url: '/services', body: { ...serviceRecord(), membershipType: 'gold' }, field: 'membershipType' },
    { url: '/cycles', body: { serviceId: 'svc-1', cohortId: 'c1', startDate: '2025-13-01' }, field: 'startDate' },
    { url: '/cycles/cohort-2025--svc-1/tasks/committee-decision', body: { ...decision, outcome: 'maybe' }, field: 'outcome' },
    { url: '/cycles/cohort-2025--svc-1/tasks/committee-decision', body: { decidedBy: 'Chair', outcome: 'deferred' }, field: 'reason' },
  ])('answers 400 naming $field for a malformed request to $url', async ({ url, body, field }) => {
    // Act
    const response = await call('POST', url, body);

    // Assess
    expect(response.status).toBe(400);
    expect(response.body.issues.map((issue: { field: string }) => issue.field)).toContain(field);
    expect(response.body.message).toContain(field);
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });

  it.each([
    { method: 'GET', url: '/cycles/not%20an%20id', field: 'cycleId' },
    { method: 'POST', url: '/cycles/cohort-2025--svc-1/tasks/reviewer-acceptance', field: 'stage' },
    { method: 'GET', url: '/services/a*b', field: 'serviceId' },
  ])('answers 400 naming the path parameter $field for $method $url', async ({ method, url, field }) => {
    // Act
    const response = await call(method, url, method === 'POST' ? selfReview : undefined);

    // Assess
    expect(response.status).toBe(400);
    expect(response.body.issues.map((issue: { field: string }) => issue.field)).toContain(field);
  });

  it.each([
    { case: 'a type the network does not offer', offered: ['developmental'], requested: 'accreditation', status: 400, stored: undefined },
    { case: 'no type when the network offers two', offered: ['accreditation', 'developmental'], requested: undefined, status: 400, stored: undefined },
    { case: 'no type when the network offers one', offered: ['developmental'], requested: undefined, status: 201, stored: 'developmental' },
  ])('enrolment with $case answers $status', async ({ offered, requested, status, stored }) => {
    // Prepare
    const network = networkRecord();
    dynamo.on(GetCommand, { Key: networkKey(network.networkId) }).resolves({ Item: { ...network, config: { ...network.config, membershipTypes: offered } } });
    dynamo.on(TransactWriteCommand).resolves({});
    const { membershipType: _omitted, ...service } = serviceRecord({ networkId: network.networkId });

    // Act
    const response = await call('POST', '/services', { ...service, ...(requested && { membershipType: requested }) });

    // Assess
    expect(response.status).toBe(status);
    if (status === 400) {
      expect(response.body.issues.map((issue: { field: string }) => issue.field)).toEqual(['membershipType']);
      expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(0);
    } else {
      expect(response.body.service.membershipType).toBe(stored);
    }
  });

  it.each([
    { case: 'without a QI lead warns that the ladder skips its rung', qiLeadEmail: undefined, warned: true },
    { case: 'with a QI lead warns of nothing', qiLeadEmail: 'qi@example.org', warned: false },
  ])('enrolment $case', async ({ qiLeadEmail, warned }) => {
    // Prepare
    const network = networkRecord();
    dynamo.on(GetCommand, { Key: networkKey(network.networkId) }).resolves({ Item: network });
    dynamo.on(TransactWriteCommand).resolves({});
    const { qiLeadEmail: _omitted, ...service } = serviceRecord({ networkId: network.networkId });

    // Act
    const response = await call('POST', '/services', { ...service, ...(qiLeadEmail && { qiLeadEmail }) });

    // Assess
    expect(response.status).toBe(201);
    expect(response.body.warnings?.map((warning: { field: string }) => warning.field)).toEqual(warned ? ['qiLeadEmail'] : undefined);
  });

  it('answers 400 for a body that is not JSON', async () => {
    // Act
    const response = await call('POST', '/cycles', '{not json');

    // Assess
    expect(response.status).toBe(400);
    expect(response.body.error).toBe('ValidationError');
  });

  it('records a submission with its audit event, then completes the callback task with it', async () => {
    // Prepare
    mockCyclePartition(dynamo, CYCLE_ID, cycleRecord(), taskRecord({ stage: 'committee-decision' }));
    dynamo.on(TransactWriteCommand).resolves({});
    dynamo.on(UpdateCommand).resolves({ Attributes: handOver() });
    sfn.on(SendTaskSuccessCommand).resolves({});

    // Act
    const response = await call('POST', '/cycles/cohort-2025--svc-1/tasks/committee-decision', decision);

    // Assess
    expect(response.status).toBe(202);
    const items = dynamo.commandCalls(TransactWriteCommand)[0].args[0].input.TransactItems ?? [];
    expect(items[0].Update?.ConditionExpression).toBe('#status = :open AND tokenHash = :tokenHash');
    expect(items[1].Put?.Item).toMatchObject({ type: 'submission-received', detail: { submission: decision } });
    expect(items[2].Put?.Item).toMatchObject({ itemType: 'hand-over', status: 'pending', command: { kind: 'send-task-success' } });
    const [success] = sfn.commandCalls(SendTaskSuccessCommand);
    expect(success.args[0].input.taskToken).toBe('token-secret-value');
    expect(JSON.parse(success.args[0].input.output ?? '{}')).toMatchObject(decision);
    expect(JSON.stringify(response.body)).not.toContain('token-secret-value');
  });

  it.each([
    { case: 'the same submission again', stored: { status: 'submitted', submission: decision }, body: decision, status: 200, result: 'already-recorded' },
    { case: 'a different submission', stored: { status: 'submitted', submission: { ...decision, outcome: 'deferred' } }, body: decision, status: 409, result: 'TaskAlreadyCompleted' },
    { case: 'a submission after the deadline', stored: { status: 'timed-out' }, body: decision, status: 409, result: 'TaskTimedOut' },
  ])('changes nothing for $case', async ({ stored, body, status, result }) => {
    // Prepare
    mockCyclePartition(dynamo, CYCLE_ID, cycleRecord(), taskRecord({ stage: 'committee-decision', ...(stored as object) }));
    dynamo.on(GetCommand, { Key: handOverKey(CYCLE_ID, 'submission#committee-decision#hash-of-token') }).resolves({ Item: handOver({ status: 'delivered' }) });
    sfn.on(SendTaskSuccessCommand).rejects(new InvalidToken({ message: 'Invalid token', $metadata: {} }));

    // Act
    const response = await call('POST', '/cycles/cohort-2025--svc-1/tasks/committee-decision', body);

    // Assess
    expect(response.status).toBe(status);
    expect(response.body.result ?? response.body.error).toBe(result);
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });

  it('refuses a submission when Step Functions reports the task timed out, and records the refusal', async () => {
    // Prepare
    dynamo.on(GetCommand).resolves({ Item: taskRecord() });
    // Reads are checked (data/*.ts schemas): the cycle is read as a cycle, not as whatever item comes back.
    mockCyclePartition(dynamo, CYCLE_ID, cycleRecord(), taskRecord());
    dynamo.on(TransactWriteCommand).resolves({});
    dynamo.on(UpdateCommand).resolves({ Attributes: handOver({ lateRefusal: { stage: 'self-review', tokenHash: 'hash-1', actor: 'Service lead' } }) });
    sfn.on(SendTaskSuccessCommand).rejects(new TaskTimedOut({ message: 'Task Timed Out', $metadata: {} }));

    // Act
    const response = await call('POST', '/cycles/cohort-2025--svc-1/tasks/self-review', selfReview);

    // Assess
    expect(response.status).toBe(409);
    expect(response.body.error).toBe('TaskTimedOut');
    const refusal = dynamo.commandCalls(TransactWriteCommand)[1].args[0].input.TransactItems ?? [];
    expect(refusal[0].Update?.ExpressionAttributeValues).toMatchObject({ ':status': 'refused' });
    expect(refusal[2].Put?.Item).toMatchObject({ type: 'late-submission-refused' });
  });

  it('answers the current state when a concurrent submission won the conditional write', async () => {
    // Prepare
    dynamo.on(GetCommand).resolves({});
    mockCyclePartition(dynamo, CYCLE_ID, cycleRecord(), taskRecord());
    // Read again once the transaction was refused: the other submission won.
    dynamo.on(GetCommand, { Key: taskKey(CYCLE_ID, 'self-review') }).resolves({ Item: taskRecord({ status: 'submitted', submission: { ...selfReview, summary: 'other' } }) });
    dynamo.on(GetCommand, { Key: handOverKey(CYCLE_ID, 'submission#self-review#hash-of-token') }).resolves({ Item: handOver({ status: 'delivered' }) });
    dynamo.on(TransactWriteCommand).rejects(transactionCancelled(2, { 0: { ...taskRecord({ status: 'submitted' }) } }));

    // Act
    const response = await call('POST', '/cycles/cohort-2025--svc-1/tasks/self-review', selfReview);

    // Assess
    expect(response.status).toBe(409);
    expect(sfn.commandCalls(SendTaskSuccessCommand)).toHaveLength(0);
  });

  it('records an acceptance only while nobody else answered meanwhile, and reads the allocation again after a race lost (issue 14)', async () => {
    // Prepare: another reviewer's acceptance lands between this request's read and its write.
    dynamo.on(GetCommand).resolves({});
    dynamo
      .on(GetCommand, { Key: allocationKey(CYCLE_ID) })
      .resolvesOnce({ Item: allocationRecord() })
      .resolves({ Item: allocationRecord({ acceptedBy: ['lead-a'] }) });
    dynamo.on(TransactWriteCommand).rejectsOnce(transactionCancelled(2, { 0: { ...allocationRecord({ acceptedBy: ['lead-a'] }) } })).resolves({});

    // Act
    const response = await call('POST', `/cycles/${CYCLE_ID}/reviewers/peer-a/accept`, {});

    // Assess
    expect(response.status).toBe(202);
    const [lost, won] = dynamo.commandCalls(TransactWriteCommand).map((write) => write.args[0].input.TransactItems?.[0].Update);
    expect(lost?.ConditionExpression).toContain('size(acceptedBy) = :acceptedSoFar');
    expect(lost?.ExpressionAttributeValues).toMatchObject({ ':acceptedSoFar': 0 });
    expect(won?.ExpressionAttributeValues).toMatchObject({ ':acceptedSoFar': 1, ':reviewerId': 'peer-a' });
    // Two of three accepted: nothing more is written, and the allocation was read once per attempt, not again after.
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(2);
    expect(dynamo.commandCalls(GetCommand, { Key: allocationKey(CYCLE_ID) })).toHaveLength(2);
  });

  it('names the execution after the cycle and answers 409 when the cycle was already started', async () => {
    // Prepare
    dynamo.on(GetCommand, { Key: serviceKey('svc-1') }).resolves({ Item: serviceRecord() });
    dynamo.on(GetCommand, { Key: networkKey(networkRecord().networkId) }).resolves({ Item: networkRecord() });
    sfn.on(StartExecutionCommand).rejects(new ExecutionAlreadyExists({ message: 'exists', $metadata: {} }));

    // Act
    const response = await call('POST', '/cycles', { serviceId: 'svc-1', cohortId: 'cohort-2025', startDate: '2025-01-06' });

    // Assess
    expect(sfn.commandCalls(StartExecutionCommand)[0].args[0].input.name).toBe('cohort-2025--svc-1');
    expect(response.status).toBe(409);
    expect(response.body.executionArn).toBe('arn:aws:states:us-east-1:000000000000:execution:accreditation-cycle:cohort-2025--svc-1');
  });

  it('refuses a start date whose cycle leaves the bank-holiday calendar, naming startDate and the covered years, and starts nothing', async () => {
    // Prepare
    dynamo.on(GetCommand, { Key: serviceKey('svc-1') }).resolves({ Item: serviceRecord() });
    dynamo.on(GetCommand, { Key: networkKey(networkRecord().networkId) }).resolves({ Item: networkRecord() });
    sfn.on(StartExecutionCommand).resolves({ executionArn: 'arn:aws:states:us-east-1:000000000000:execution:accreditation-cycle:x', startDate: new Date() });

    // Act
    const response = await call('POST', '/cycles', { serviceId: 'svc-1', cohortId: 'cohort-2031', startDate: '2031-01-06' });

    // Assess
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).toMatch(/startDate.*2024–2030/);
    expect(sfn.commandCalls(StartExecutionCommand)).toHaveLength(0);
  });

  it.each([
    { method: 'GET', url: '/nowhere', status: 404 },
    { method: 'DELETE', url: '/cycles', status: 405 },
  ])('answers $status to $method $url', async ({ method, url, status }) => {
    // Act
    const response = await call(method, url);

    // Assess
    expect(response.status).toBe(status);
  });
});
