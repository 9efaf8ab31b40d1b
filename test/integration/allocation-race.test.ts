// Two allocations at the same instant never book one reviewer twice for a day (issue 14). Several
// cycles of one cohort, all offering the same two days, are allocated at once against DynamoDB
// Local from a pool with room for two teams a day: each reads the days' bookings before any of
// them writes, so most pick the same reviewers. Each booking Put is conditional on the reviewer's
// day being free, so the losers' transactions are cancelled and they decide again on the days as
// they now are. Without that condition, every cycle would take the same least-loaded team.
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi, startTestApp } from '../support/local-app.ts';
import type { TestApp } from '../support/local-app.ts';
import { cycleWithDeadlines } from '../support/workflow-fixtures.ts';
import { taskRecord } from '../support/function-fixtures.ts';

const NETWORK = 'ccqi-accreditation-example';
const COHORT = 'race-2025';
const DAYS = ['2025-06-10', '2025-06-11'];
const CYCLES = 6;

let env: TestApp;
let allocateTeam: typeof import('../../functions/allocate-review-team/handler.ts').allocateTeam;
let keys: typeof import('#commons/helpers/table-keys');

const reviewer = (id: string, roles: string[], index: number) => ({
  id,
  name: `Reviewer ${id}`,
  email: `${id}@reviewers.example.org`,
  serviceId: `race-home-${index}`,
  organisationId: `race-org-${index}`,
  roles,
  ...(roles.includes('lead') && { leadTrainingExpiresOn: '2027-12-31' }),
  available: [{ from: '2025-01-06' }],
});
// Two leads, two experts, four peers: two teams a day at most.
const POOL = [
  reviewer('race-lead-1', ['lead'], 1),
  reviewer('race-lead-2', ['lead'], 2),
  reviewer('race-expert-1', ['expert-by-experience'], 3),
  reviewer('race-expert-2', ['expert-by-experience'], 4),
  ...[5, 6, 7, 8].map((index) => reviewer(`race-peer-${index}`, ['professional'], index)),
];

const cycleIdOf = (index: number) => `${COHORT}--race-host-${index}`;
const executionArnOf = (index: number) => `arn:aws:states:eu-west-2:000000000000:execution:accreditation-cycle:${cycleIdOf(index)}`;

/** A cycle at its allocation step: the host offered both days. */
const seedCycle = async (index: number) => {
  const cycleId = cycleIdOf(index);
  const cycle = cycleWithDeadlines({ cycleId, serviceId: `race-host-${index}`, organisationId: `race-host-org-${index}`, cohortId: COHORT, stage: 'peer-review-scheduling', executionArn: executionArnOf(index) });
  await env.table.send(new PutCommand({ TableName: env.app.tableName, Item: { ...keys.cycleKey(cycleId), itemType: 'cycle', ...cycle } }));
  const task = taskRecord({ cycleId, stage: 'peer-review-scheduling', status: 'submitted', executionArn: executionArnOf(index), submission: { offeredBy: 'Service lead', dates: DAYS } });
  await env.table.send(new PutCommand({ TableName: env.app.tableName, Item: { ...keys.taskKey(cycleId, 'peer-review-scheduling'), itemType: 'task', ...task } }));
};

const allocationOf = async (cycleId: string) =>
  (await env.table.send(new QueryCommand({ TableName: env.app.tableName, KeyConditionExpression: 'pk = :pk AND sk = :sk', ExpressionAttributeValues: { ':pk': keys.cycleKey(cycleId).pk, ':sk': 'ALLOCATION' }, ConsistentRead: true }))).Items?.[0] as
    | { status: string; date?: string; team: { reviewerId: string }[] }
    | undefined;

const bookingsOn = async (date: string) =>
  ((await env.table.send(new QueryCommand({ TableName: env.app.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.bookingsOfDayPartition(NETWORK, COHORT, date) }, ConsistentRead: true }))).Items ?? []) as {
    reviewerId: string;
    cycleId: string;
  }[];

describe('Integration: concurrent allocations and the bookings they write', () => {
  beforeAll(async () => {
    env = await startTestApp();
    // The handlers read their environment when first imported: after the app has set it.
    ({ allocateTeam } = await import('../../functions/allocate-review-team/handler.ts'));
    keys = await import('#commons/helpers/table-keys');
    expect((await callApi(env.app, 'PUT', `/networks/${NETWORK}/reviewers`, { reviewers: POOL })).status).toBe(200);
    for (let index = 0; index < CYCLES; index += 1) await seedCycle(index);
  });
  afterAll(async () => {
    await env?.stop();
  });

  it(`allocates ${CYCLES} cycles at the same instant without booking any reviewer twice on a day`, async () => {
    // Act: every allocation starts before any has written.
    const outcomes = await Promise.allSettled(
      Array.from({ length: CYCLES }, (_unused, index) =>
        allocateTeam({ cycleId: cycleIdOf(index), executionArn: executionArnOf(index), occurrenceId: `race/AllocateReviewTeam@2025-05-20T09:00:00.000Z#${index}`, mode: 'automatic' }),
      ),
    );

    // Assess: a step that lost every try fails by name (the workflow retries it); none double-books.
    for (const outcome of outcomes) if (outcome.status === 'rejected') expect((outcome.reason as Error).name).toBe('BookingContended');
    const allocations = await Promise.all(Array.from({ length: CYCLES }, (_unused, index) => allocationOf(cycleIdOf(index))));
    const teams = allocations.flatMap((allocation, index) => (allocation?.status === 'invited' ? [{ cycleId: cycleIdOf(index), date: allocation.date as string, team: allocation.team }] : []));
    const places = teams.flatMap(({ date, team }) => team.map((member) => `${date} ${member.reviewerId}`));
    expect(teams.length).toBeGreaterThanOrEqual(2);
    expect(teams.length).toBeLessThanOrEqual(4);
    expect(new Set(places).size).toBe(places.length);
    // The bookings are exactly the stored teams' places, each held by its own cycle.
    const booked = (await Promise.all(DAYS.map(async (date) => (await bookingsOn(date)).map((booking) => `${date} ${booking.reviewerId} ${booking.cycleId}`)))).flat();
    expect(booked.sort()).toEqual(teams.flatMap(({ cycleId, date, team }) => team.map((member) => `${date} ${member.reviewerId} ${cycleId}`)).sort());
  });
});
