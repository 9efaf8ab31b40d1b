// The reads of the daily sweep and of allocation are bounded by their keys (issue 14): every Query
// they send names its partition and narrows the sort key (a date bound, a prefix), so the work
// grows with what is due or asked for, not with all the open work. A Query that reads a whole
// partition fails here; there is no exception.
import '../../../support/function-env.ts';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useClockSource, useSystemClock } from '#commons/clock';
import { bookingIndex } from '#commons/data/bookings';
import { poolForAllocation } from '#commons/data/reviewer-pool';
import { cycleKey, networkKey, taskKey } from '#commons/helpers/table-keys';
import { sweepReminders } from '../../../../functions/reminder-sweep/handler.ts';
import { cycleRecord, networkRecord, taskRecord } from '../../../support/function-fixtures.ts';

const dynamo = mockClient(DynamoDBDocumentClient);
const ses = mockClient(SESv2Client);
const CYCLE = 'cohort-2025--svc-1';
const DUE_AT = '2025-05-06T22:59:59.000Z';

/** The sort-key half of a key condition: a comparison, BETWEEN, or begins_with on a second key. */
const SORT_KEY_BOUND = /\bAND\s+(?:\w+\s*(?:<=|<|>=|>|=|BETWEEN)\s*:\w+|begins_with\s*\(\s*\w+\s*,\s*:\w+\s*\))/i;

const unbounded = (queries: readonly QueryCommandInput[]) =>
  // No exception: the sweep's census of all open work went (issue 14), so every query here is bounded.
  queries.filter((query) => !SORT_KEY_BOUND.test(query.KeyConditionExpression ?? ''));

const sentQueries = () => dynamo.commandCalls(QueryCommand).map((call) => call.args[0].input);

describe('Key conditions: the sweep and allocation read by key, not by partition', () => {
  beforeEach(() => {
    dynamo.reset();
    ses.reset();
    useClockSource(() => new Date('2025-04-24T06:00:05.000Z'));
  });
  afterEach(() => useSystemClock());

  it('bounds every query of a sweep that sends a reminder by its sort key', async () => {
    // Prepare: one task due a reminder today.
    dynamo.on(QueryCommand).resolves({ Items: [] });
    dynamo.on(QueryCommand, { IndexName: 'open-tasks', ProjectionExpression: 'cycleId, stage, dueAt, nextReminderOn' }).resolves({
      Items: [{ cycleId: CYCLE, stage: 'self-review', dueAt: DUE_AT }],
    });
    dynamo.on(GetCommand, { Key: taskKey(CYCLE, 'self-review') }).resolves({
      Item: { ...taskRecord({ dueAt: DUE_AT, openedAt: '2025-02-04T09:00:00.000Z', tokenHash: 'hash-1' }), gsi2pk: 'TASKS#OPEN' },
    });
    dynamo.on(GetCommand, { Key: cycleKey(CYCLE) }).resolves({ Item: cycleRecord({ contacts: { serviceLead: ['lead@riverside.example.org'], committee: [] } as never }) });
    dynamo.on(GetCommand, { Key: networkKey('ccqi-accreditation-example') }).resolves({ Item: networkRecord() });
    dynamo.on(PutCommand).resolves({});
    dynamo.on(TransactWriteCommand).resolves({});
    dynamo.on(UpdateCommand).resolves({});
    ses.on(SendEmailCommand).resolves({ MessageId: 'message-1' });

    // Act
    const summary = await sweepReminders({ scheduledTime: '2025-04-24T06:00:00.000Z' }, { awsRequestId: 'request-1' });

    // Assess
    expect(summary.reminders).toBe(1);
    const queries = sentQueries();
    expect(queries.find((query) => query.ProjectionExpression === 'cycleId, stage, dueAt, nextReminderOn')?.ExpressionAttributeValues).toMatchObject({ ':through': '2025-04-24~' });
    expect(unbounded(queries)).toEqual([]);
  });

  it('bounds the reviewer pool, the days\' bookings and the host staff\'s visits an allocation reads by their sort keys', async () => {
    // Prepare
    dynamo.on(QueryCommand).resolves({ Items: [] });

    // Act
    const { reviewers, visits } = await poolForAllocation('ccqi-accreditation-example', 'cohort-2025');
    const visit = { networkId: 'ccqi-accreditation-example', cohortId: 'cohort-2025', cycleId: CYCLE, hostServiceId: 'svc-1', hostOrganisationId: 'org-1' };
    await bookingIndex(visit, ['2025-06-03', '2025-06-04'], reviewers, visits);

    // Assess: the pool, one query per offered day, the host staff's visits; each bounded.
    const queries = sentQueries();
    expect(queries.length).toBe(4);
    expect(unbounded(queries)).toEqual([]);
  });

  it('reports a query that reads a whole partition of open work', () => {
    // The rule itself: the open-tasks partition read with no date bound is refused, with one bound it is not.
    const whole: QueryCommandInput = { TableName: 't', IndexName: 'open-tasks', KeyConditionExpression: 'gsi2pk = :open', ProjectionExpression: 'cycleId, stage' };
    const bounded: QueryCommandInput = { ...whole, KeyConditionExpression: 'gsi2pk = :open AND gsi2sk <= :through' };
    expect(unbounded([whole, bounded])).toEqual([whole]);
  });
});
