// The cohort board's API (issue 8) against the local stack: server-side paging with an opaque
// cursor, filters and sorts over a seeded network, a tampered cursor refused with a 400 naming
// `cursor`; and a cycle whose execution failed listed as failed with its error, in the API and the
// CLI table (issue 10, defect 4).
import { StartExecutionCommand } from '@aws-sdk/client-sfn';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildProgram } from '../../cli/program.ts';
import { networkCatalogueKeys, networkKey } from '../../functions/commons/helpers/table-keys.ts';
import { seedCycles } from '../support/board-seed.ts';
import { loadNetwork } from '../support/cycle-walk.ts';
import { callApi, startTestApp, waitForExecutionEnd } from '../support/local-app.ts';
import type { TestApp } from '../support/local-app.ts';
import { callApiAs } from '../support/operations.ts';

const NETWORK = 'ccqi-accreditation-example';
const SEEDED = 'board-net';

interface BoardRow {
  cycleId: string;
  status: string;
  stage: string;
  cohortId: string;
  serviceName: string;
  currentDeadline?: string;
  updatedAt?: string;
  executionError?: { error?: string; cause?: string };
}
interface BoardPage {
  cycles: BoardRow[];
  nextCursor: string | null;
  total?: number;
}

let env: TestApp;

const board = (query: string) => callApi<BoardPage>(env.app, 'GET', `/cycles?${query}`);

/** Every page of a board query, following nextCursor. */
const allPages = async (query: string) => {
  const pages: BoardPage[] = [];
  for (let cursor: string | null = null; ; ) {
    const response = await board(`${query}${cursor ? `&cursor=${cursor}` : ''}`);
    expect(response.status).toBe(200);
    pages.push(response.body);
    cursor = response.body.nextCursor;
    if (!cursor) return pages;
  }
};

describe('Integration: the cohort board API', () => {
  let now: Date;
  let seeded: Awaited<ReturnType<typeof seedCycles>>;

  beforeAll(async () => {
    env = await startTestApp();
    await loadNetwork(env);
    now = new Date(env.app.stepFunctions.clock.now());
    seeded = await seedCycles(env.table, env.app.tableName, { networkId: SEEDED, count: 47, now });
  });
  afterAll(async () => {
    await env?.stop();
  });

  it('pages a network in key order with an opaque cursor: every cycle once, at most `limit` a page', async () => {
    // Act
    const pages = await allPages(`networkId=${SEEDED}&limit=10`);

    // Assess
    const ids = pages.flatMap((page) => page.cycles.map((cycle) => cycle.cycleId));
    expect(pages.map((page) => page.cycles.length)).toEqual([10, 10, 10, 10, 7]);
    expect(new Set(ids).size).toBe(47);
    expect(ids.sort()).toEqual(seeded.map((cycle) => cycle.cycleId).sort());
    expect(pages[0].cycles[0]).not.toHaveProperty('pk');
    expect(pages[0].cycles[0]).not.toHaveProperty('timetable');
  });

  it('pages a cohort across every network, one partition after the other, when no network is named', async () => {
    // Prepare: a second network, both in the catalogue GET /networks reads
    const other = await seedCycles(env.table, env.app.tableName, { networkId: `${SEEDED}-2`, count: 9, now, prefix: 'two' });
    for (const networkId of [SEEDED, `${SEEDED}-2`]) {
      await env.table.send(new PutCommand({ TableName: env.app.tableName, Item: { ...networkKey(networkId), ...networkCatalogueKeys(networkId), networkId, name: networkId } }));
    }

    // Act
    const pages = await allPages('cohortId=c1&limit=4');

    // Assess
    const expected = [...seeded, ...other].filter((cycle) => cycle.cohortId === 'c1').map((cycle) => cycle.cycleId);
    const ids = pages.flatMap((page) => page.cycles.map((cycle) => cycle.cycleId));
    expect(ids).toHaveLength(expected.length);
    expect(ids.sort()).toEqual(expected.sort());
    expect(pages.every((page) => page.cycles.length <= 4)).toBe(true);
  });

  it.each([
    { sort: 'deadline', order: 'asc', valueOf: (row: BoardRow) => row.currentDeadline ?? '' },
    { sort: 'service', order: 'desc', valueOf: (row: BoardRow) => row.serviceName.toLowerCase() },
    { sort: 'updated', order: 'asc', valueOf: (row: BoardRow) => row.updatedAt ?? '' },
  ])('sorts by $sort ($order) across pages, with the total', async ({ sort, order, valueOf }) => {
    // Act
    const pages = await allPages(`networkId=${SEEDED}&sort=${sort}&order=${order}&limit=20`);

    // Assess
    const values = pages.flatMap((page) => page.cycles.map(valueOf));
    const expected = [...values].sort();
    expect(values).toEqual(order === 'asc' ? expected : expected.reverse());
    expect(values).toHaveLength(47);
    expect(pages[0].total).toBe(47);
  });

  it('filters to overdue (by the workflow clock) and to my cohorts, and moving the clock makes more cycles overdue', async () => {
    // Act
    const overdue = await board(`networkId=${SEEDED}&filter=overdue&limit=100`);
    const mine = await board(`networkId=${SEEDED}&filter=mine&myCohorts=c2,c4&limit=100`);
    await env.app.stepFunctions.clock.advanceTo(new Date(now.getTime() + 10 * 86_400_000));
    const later = await board(`networkId=${SEEDED}&filter=overdue&limit=100`);

    // Assess
    const seededOverdue = seeded.filter((cycle) => cycle.status === 'overdue' || Date.parse(cycle.currentDeadline) < now.getTime());
    expect(overdue.body.cycles.map((cycle) => cycle.cycleId).sort()).toEqual(seededOverdue.map((cycle) => cycle.cycleId).sort());
    expect(overdue.body.total).toBe(seededOverdue.length);
    expect(new Set(mine.body.cycles.map((cycle) => cycle.cohortId))).toEqual(new Set(['c2', 'c4']));
    expect(mine.body.total).toBe(seeded.filter((cycle) => ['c2', 'c4'].includes(cycle.cohortId)).length);
    expect(later.body.total).toBeGreaterThan(seededOverdue.length);
  });

  it.each([
    { what: 'a tampered cursor', query: `networkId=${SEEDED}&cursor=bm90LWEtY3Vyc29y`, field: 'cursor' },
    { what: 'a cursor of a sorted board on an unsorted one', query: `networkId=${SEEDED}&cursor=SORTED`, field: 'cursor' },
    { what: 'a limit over 100', query: `networkId=${SEEDED}&limit=500`, field: 'limit' },
    { what: 'an unknown filter', query: `networkId=${SEEDED}&filter=late`, field: 'filter' },
    { what: 'mine without cohorts', query: `networkId=${SEEDED}&filter=mine`, field: 'myCohorts' },
  ])('answers $what with a 400 naming $field', async ({ query, field }) => {
    // Prepare
    const sorted = await board(`networkId=${SEEDED}&sort=service&limit=5`);
    // Act
    const response = await callApi<{ issues: { field: string }[] }>(env.app, 'GET', `/cycles?${query.replace('SORTED', sorted.body.nextCursor ?? '')}`);
    // Assess
    expect(response.status).toBe(400);
    expect(response.body.issues.map((issue) => issue.field)).toEqual([field]);
  });

  it('narrows the board of a service user to its organisation before paging, and tells a reviewer no count of cycles it may not see', async () => {
    // Act
    const service = await callApiAs<BoardPage>(env.app, 'service:org-1', 'GET', `/cycles?networkId=${SEEDED}&limit=1`);
    const reviewer = await callApiAs<BoardPage>(env.app, 'reviewer:org-x:rev-x', 'GET', `/cycles?networkId=${SEEDED}&sort=service&limit=5`);

    // Assess: seeded cycles 1 of 47 belongs to org-1 (the organisations go round 50)
    expect(service.status).toBe(200);
    expect(service.body.cycles.map((cycle) => cycle.cycleId)).toEqual(['c2--seed-0001']);
    expect(service.body).toMatchObject({ total: 1, nextCursor: null });
    expect(reviewer.body.cycles).toEqual([]);
    expect(reviewer.body).not.toHaveProperty('total');
  });

  it('lists a cycle whose execution failed as failed with its error, in the API and the CLI table', async () => {
    // Prepare: a start the API would refuse, sent straight to Step Functions, fails in enrolment
    // (the bank-holiday data ends in 2030) before any cycle record is written.
    const enrolled = await callApi(env.app, 'POST', '/services', {
      serviceId: 'svc-failing',
      name: 'Failing Ward',
      organisationId: 'org-failing',
      networkId: NETWORK,
      membershipType: 'accreditation',
      leadEmail: 'lead@failing.example.org',
    });
    expect(enrolled.status).toBe(201);
    // Three recorded cycles of the same cohort, and a page of them cut by DynamoDB before the failure.
    const recorded = await seedCycles(env.table, env.app.tableName, { networkId: NETWORK, count: 3, now, cohorts: ['c9'], prefix: 'nine' });
    const before = await board(`networkId=${NETWORK}&cohortId=c9&limit=2`);
    const input = { cycleId: 'c9--svc-failing', serviceId: 'svc-failing', cohortId: 'c9', startDate: '2031-01-06' };
    const { executionArn } = await env.sfn.send(new StartExecutionCommand({ stateMachineArn: env.app.stateMachineArn, name: input.cycleId, input: JSON.stringify(input) }));
    await waitForExecutionEnd(env.sfn, executionArn!);

    // Act
    const listed = await board(`networkId=${NETWORK}&cohortId=c9`);
    const continued = await board(`networkId=${NETWORK}&cohortId=c9&limit=2&cursor=${before.body.nextCursor}`);
    const waiting = await board(`networkId=${NETWORK}&filter=waiting-for-staff`);
    const out: string[] = [];
    await buildProgram({ out: (text) => out.push(text), err: (text) => out.push(text) }).parseAsync([
      'node', 'accredit', '--api', env.app.urls.api, 'status', '--network', NETWORK, '--cohort', 'c9',
    ]);

    // Assess
    expect(listed.status).toBe(200);
    expect(listed.body.cycles).toHaveLength(recorded.length + 1);
    expect(listed.body.cycles.find((cycle) => cycle.cycleId === 'c9--svc-failing')).toMatchObject({ status: 'failed', executionError: { error: expect.any(String) } });
    // The page after DynamoDB's first page goes on in the same key order, now cut here: stage
    // manual-allocation and peer-review-scheduling came first, self-review follows (the failed cycle,
    // at enrolment, sorts before the cursor, as a new item there would).
    expect(before.body.cycles.map((cycle) => cycle.cycleId)).toEqual(['c9--nine-0002', 'c9--nine-0001']);
    expect(continued.status).toBe(200);
    expect(continued.body.cycles.map((cycle) => cycle.cycleId)).toEqual(['c9--nine-0000']);
    expect(waiting.body.cycles.map((cycle) => cycle.cycleId)).toContain('c9--svc-failing');
    expect(out.join('\n')).toMatch(/c9--svc-failing\s+ccqi-accreditation-example\s+enrolment\s+failed\s+-\s+\S+/);
  });
});
