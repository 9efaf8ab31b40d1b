import '../../../support/function-env.ts';
import { DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { handler } from '../../../../functions/http-api/handler.ts';
import { useClockSource, useSystemClock } from '#commons/clock';
import { networkKey, standardsKey, taskKey } from '#commons/helpers/table-keys';
import { endOfUkDay } from '#core/uk-time';
import { buildHttpApiEvent } from '../../../../local/http-api-event.ts';
import { lambdaContext } from '../../../../local/lambda-context.ts';
import { cycleRecord, networkRecord, taskRecord } from '../../../support/function-fixtures.ts';

const dynamo = mockClient(DynamoDBDocumentClient);

const call = async (url: string, user?: string) => {
  const event = buildHttpApiEvent({ method: 'GET', url, headers: user ? { 'x-local-user': user } : {} });
  const result = await handler(event, lambdaContext('http-api'));
  return { status: result.statusCode, body: JSON.parse(result.body ?? 'null') };
};

const NETWORK_ID = 'ccqi-accreditation-example';
const standards = [
  { id: 'S1.1', section: 'Safety', type: 1, text: 'One' },
  { id: 'S2.1', section: 'Care', type: 2, text: 'Two' },
];

describe('Function: http-api GET /networks/{networkId}/overview', () => {
  beforeEach(() => {
    dynamo.reset();
    useClockSource(() => new Date('2025-03-03T10:00:00Z'));
  });
  afterEach(() => useSystemClock());

  it('answers 400 naming cohortId for a malformed cohort', async () => {
    // Act
    const response = await call(`/networks/${NETWORK_ID}/overview?cohortId=a*b`);
    // Assess
    expect(response.status).toBe(400);
    expect(response.body.issues.map((issue: { field: string }) => issue.field)).toContain('cohortId');
  });

  it('answers 404 NetworkNotFound for a network never loaded', async () => {
    // Prepare
    dynamo.on(GetCommand).resolves({});
    // Act
    const response = await call('/networks/nowhere/overview');
    // Assess
    expect(response).toEqual({ status: 404, body: expect.objectContaining({ error: 'NetworkNotFound' }) });
  });

  it.each(['service:org-1', 'reviewer:org-2:rev-1', 'committee'])('refuses %s: the overview is for staff', async (user) => {
    // Act
    const response = await call(`/networks/${NETWORK_ID}/overview`, user);
    // Assess
    expect(response.status).toBe(403);
    expect(dynamo.commandCalls(QueryCommand)).toHaveLength(0);
  });

  it("sums a cohort's cycles: stages, deadlines per week from today, and % met per standard from the ratings that count", async () => {
    // Prepare
    const versionId = 'v1+abc';
    dynamo.on(GetCommand).resolves({});
    dynamo.on(GetCommand, { Key: networkKey(NETWORK_ID) }).resolves({ Item: { ...networkRecord(), standardsVersionId: versionId } });
    dynamo.on(GetCommand, { Key: standardsKey(NETWORK_ID, versionId) }).resolves({ Item: { versionId, standards } });
    dynamo.on(QueryCommand).resolves({
      Items: [
        cycleRecord({ cycleId: 'c--a', cohortId: 'c', stage: 'self-review', status: 'awaiting-submission', currentDeadline: endOfUkDay('2025-03-05') }),
        cycleRecord({ cycleId: 'c--b', cohortId: 'c', stage: 'factual-accuracy', status: 'awaiting-submission', currentDeadline: endOfUkDay('2025-03-12') }),
        cycleRecord({ cycleId: 'other--x', cohortId: 'other', stage: 'visit', status: 'awaiting-submission', currentDeadline: endOfUkDay('2025-03-04') }),
      ],
    });
    dynamo.on(GetCommand, { Key: taskKey('c--b', 'self-review') }).resolves({ Item: taskRecord({ cycleId: 'c--b', status: 'submitted', submission: { ratings: { 'S1.1': 'met', 'S2.1': 'met' } } }) });
    dynamo.on(GetCommand, { Key: taskKey('c--b', 'peer-ratings') }).resolves({
      Item: taskRecord({ cycleId: 'c--b', stage: 'peer-ratings', status: 'submitted', submission: { ratings: [{ standardId: 'S2.1', rating: 'not-met' }] } }),
    });
    // Act
    const response = await call(`/networks/${NETWORK_ID}/overview?cohortId=c`);
    // Assess
    expect(response.status).toBe(200);
    expect(response.body).toEqual(expect.objectContaining({ networkId: NETWORK_ID, cohortId: 'c', today: '2025-03-03', cycles: 2 }));
    expect(response.body.stages).toEqual(expect.arrayContaining([{ stage: 'self-review', count: 1 }, { stage: 'factual-accuracy', count: 1 }]));
    expect(response.body.deadlines.weeks.slice(0, 3).map((week: { count: number }) => week.count)).toEqual([1, 1, 0]);
    expect(response.body.compliance.cyclesRated).toBe(1);
    expect(response.body.compliance.byType.map((group: { type: number; standards: { standardId: string; percentageMet: number }[] }) => [group.type, group.standards.map((s) => [s.standardId, s.percentageMet])])).toEqual([
      [1, [['S1.1', 100]]],
      [2, [['S2.1', 0]]],
    ]);
    expect(response.body.cohorts).toEqual(['c', 'other']);
    expect(response.body.compliance.thresholds).toEqual({ 1: 100, 2: 80, 3: 60 });
  });
});
