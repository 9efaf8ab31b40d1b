// The board's page of cycles, cut in the browser from GET /cycles until the API pages: filters
// (overdue, stuck, waiting for staff, my cohort), sorting both ways and page bounds.
import { describe, expect, it } from 'vitest';
import { BoardFilter, SortKey, loadBoardPage } from '../../../web/src/api/cycles.ts';
import type { BoardQuery, CycleSummary } from '../../../web/src/api/cycles.ts';
import type { Api } from '../../../web/src/api/client.ts';

const NOW = new Date('2025-06-02T10:00:00Z');

const cycle = (overrides: Partial<CycleSummary> & { cycleId: string }): CycleSummary => ({
  serviceId: overrides.cycleId,
  serviceName: overrides.cycleId,
  networkId: 'net',
  cohortId: 'c1',
  stage: 'self-review',
  status: 'awaiting-submission',
  currentDeadline: '2025-06-20T22:59:59Z',
  updatedAt: '2025-05-30T09:00:00Z',
  ...overrides,
});

const cycles: CycleSummary[] = [
  cycle({ cycleId: 'a-late', serviceName: 'Ash Ward', status: 'overdue', currentDeadline: '2025-05-20T22:59:59Z' }),
  cycle({ cycleId: 'b-idle', serviceName: 'Beech Ward', updatedAt: '2025-04-01T09:00:00Z', currentDeadline: '2025-07-01T22:59:59Z' }),
  cycle({ cycleId: 'c-staff', serviceName: 'Cedar Unit', stage: 'manual-allocation', cohortId: 'c2', currentDeadline: '2025-06-05T22:59:59Z' }),
  cycle({ cycleId: 'd-done', serviceName: 'Dove Ward', status: 'accredited', stage: 'closed', currentDeadline: undefined, updatedAt: '2025-01-01T09:00:00Z' }),
];

/** Records the query it was asked and answers every cycle, as GET /cycles does today. */
const fakeApi = (answer: CycleSummary[]): Api & { asked: unknown[] } => {
  const asked: unknown[] = [];
  return {
    asked,
    get: async <T>(path: string, query?: Record<string, string | undefined>) => {
      asked.push({ path, query });
      return { status: 200, body: { cycles: answer } as T };
    },
    post: async () => {
      throw new Error('not used');
    },
    put: async () => {
      throw new Error('not used');
    },
  };
};

const query = (overrides: Partial<BoardQuery> = {}): BoardQuery => ({
  filter: BoardFilter.all,
  sort: SortKey.deadline,
  direction: 'ascending',
  page: 1,
  pageSize: 25,
  stuckAfterWorkingDays: 10,
  ...overrides,
});

describe('Function: loadBoardPage', () => {
  it.each([
    { filter: BoardFilter.all, ids: ['a-late', 'c-staff', 'b-idle', 'd-done'] },
    { filter: BoardFilter.overdue, ids: ['a-late'] },
    { filter: BoardFilter.stuck, ids: ['b-idle'] },
    { filter: BoardFilter.waitingForStaff, ids: ['a-late', 'c-staff'] },
  ])('filter $filter shows $ids (sorted by deadline, none last)', async ({ filter, ids }) => {
    // Act
    const page = await loadBoardPage(fakeApi(cycles), query({ filter }), NOW);

    // Assess
    expect(page.rows.map((row) => row.cycleId)).toEqual(ids);
  });

  it('"my cohort" shows the remembered cohort only, and nothing when none is remembered', async () => {
    // Act
    const mine = await loadBoardPage(fakeApi(cycles), query({ filter: BoardFilter.myCohort, myCohort: 'c2' }), NOW);
    const none = await loadBoardPage(fakeApi(cycles), query({ filter: BoardFilter.myCohort }), NOW);

    // Assess
    expect(mine.rows.map((row) => row.cycleId)).toEqual(['c-staff']);
    expect(none.total).toBe(0);
  });

  it('sorts by service name both ways', async () => {
    // Act
    const up = await loadBoardPage(fakeApi(cycles), query({ sort: SortKey.service }), NOW);
    const down = await loadBoardPage(fakeApi(cycles), query({ sort: SortKey.service, direction: 'descending' }), NOW);

    // Assess
    expect(up.rows.map((row) => row.serviceName)).toEqual(['Ash Ward', 'Beech Ward', 'Cedar Unit', 'Dove Ward']);
    expect(down.rows.map((row) => row.serviceName)).toEqual(['Dove Ward', 'Cedar Unit', 'Beech Ward', 'Ash Ward']);
  });

  it('cuts pages and keeps a page number past the end on the last page', async () => {
    // Prepare
    const many = Array.from({ length: 60 }, (_unused, index) => cycle({ cycleId: `s-${String(index).padStart(2, '0')}` }));

    // Act
    const second = await loadBoardPage(fakeApi(many), query({ sort: SortKey.service, page: 2 }), NOW);
    const beyond = await loadBoardPage(fakeApi(many), query({ sort: SortKey.service, page: 9 }), NOW);

    // Assess
    expect(second).toMatchObject({ total: 60, page: 2, pageCount: 3 });
    expect(second.rows.map((row) => row.cycleId)).toEqual(many.slice(25, 50).map((row) => row.cycleId));
    expect(beyond.page).toBe(3);
    expect(beyond.rows).toHaveLength(10);
  });

  it('asks the API for the network and cohort, and gives closed cycles no deadline sentence', async () => {
    // Prepare
    const api = fakeApi(cycles);

    // Act
    const page = await loadBoardPage(api, query({ networkId: 'net', cohortId: 'c1' }), NOW);

    // Assess
    expect(api.asked).toEqual([{ path: '/cycles', query: { networkId: 'net', cohortId: 'c1' } }]);
    expect(page.rows.find((row) => row.cycleId === 'd-done')?.deadline).toBeUndefined();
    // Due Tuesday 20 May 2025, seen Monday 2 June: 26 May is the spring bank holiday.
    expect(page.rows.find((row) => row.cycleId === 'a-late')?.deadline).toMatchObject({ overdue: true, text: '8 working days overdue' });
  });
});
