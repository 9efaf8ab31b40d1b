// The board's page of cycles: what it asks GET /cycles (the API filters, sorts and pages with a
// cursor, issue 8), and how it turns each deadline into words.
import { describe, expect, it } from 'vitest';
import { BoardFilter, SortKey, loadAllMatching, loadBoardPage } from '../../../web/src/api/cycles.ts';
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
  cycle({ cycleId: 'd-done', serviceName: 'Dove Ward', status: 'accredited', stage: 'closed', currentDeadline: '2025-01-01T22:59:59Z' }),
];

/** Records each query it was asked and answers the pages given, in turn. */
const fakeApi = (pages: { cycles: CycleSummary[]; nextCursor?: string | null; total?: number }[]): Api & { asked: unknown[] } => {
  const asked: unknown[] = [];
  return {
    asked,
    get: async <T>(path: string, query?: Record<string, string | undefined>) => {
      asked.push({ path, query });
      return { status: 200, body: pages[asked.length - 1] as T };
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
  pageSize: 25,
  ...overrides,
});

describe('Function: loadBoardPage', () => {
  it.each([
    { board: query(), expected: { filter: undefined, myCohorts: undefined, sort: 'deadline', order: 'asc', cursor: undefined } },
    { board: query({ filter: BoardFilter.overdue, sort: SortKey.service, direction: 'descending' }), expected: { filter: 'overdue', sort: 'service', order: 'desc' } },
    { board: query({ filter: BoardFilter.myCohort, myCohort: 'c2', cursor: 'abc' }), expected: { filter: 'mine', myCohorts: 'c2', cursor: 'abc' } },
    { board: query({ filter: BoardFilter.waitingForStaff, networkId: 'net', cohortId: 'c1' }), expected: { filter: 'waiting-for-staff', networkId: 'net', cohortId: 'c1' } },
  ])('asks GET /cycles for $expected', async ({ board, expected }) => {
    // Prepare
    const api = fakeApi([{ cycles, nextCursor: 'next', total: 2 }]);

    // Act
    const page = await loadBoardPage(api, board, NOW);

    // Assess
    expect(api.asked).toEqual([{ path: '/cycles', query: expect.objectContaining({ ...expected, limit: '25' }) }]);
    expect(page).toMatchObject({ total: 2, nextCursor: 'next' });
  });

  it('asks nothing for "my cohort" when none is remembered', async () => {
    // Prepare
    const api = fakeApi([]);
    // Act
    const page = await loadBoardPage(api, query({ filter: BoardFilter.myCohort }), NOW);
    // Assess
    expect(api.asked).toEqual([]);
    expect(page).toEqual({ rows: [], total: 0 });
  });

  it('gives closed cycles no deadline sentence, and open ones working days (bank holidays skipped)', async () => {
    // Act
    const page = await loadBoardPage(fakeApi([{ cycles, nextCursor: null }]), query(), NOW);

    // Assess
    expect(page.nextCursor).toBeUndefined();
    expect(page.rows.find((row) => row.cycleId === 'd-done')?.deadline).toBeUndefined();
    // Due Tuesday 20 May 2025, seen Monday 2 June: 26 May is the spring bank holiday.
    expect(page.rows.find((row) => row.cycleId === 'a-late')?.deadline).toMatchObject({ overdue: true, text: '8 working days overdue' });
  });
});

describe('Function: loadAllMatching', () => {
  it('follows nextCursor to the last page, 100 at a time, for an export', async () => {
    // Prepare
    const api = fakeApi([{ cycles: [cycles[0]], nextCursor: 'p2' }, { cycles: [cycles[1]], nextCursor: null }]);

    // Act
    const rows = await loadAllMatching(api, query({ cursor: 'ignored-by-callers' }), NOW);

    // Assess
    expect(rows.map((row) => row.cycleId)).toEqual(['a-late', 'd-done']);
    expect(api.asked).toEqual([
      { path: '/cycles', query: expect.objectContaining({ limit: '100', cursor: undefined }) },
      { path: '/cycles', query: expect.objectContaining({ limit: '100', cursor: 'p2' }) },
    ]);
  });
});
