// The board's data: one page of cycles, filtered and sorted by the API (GET /cycles pages on the
// server with an opaque cursor; issue 8). The browser only turns each row's deadline into words.
import { CLOSED_STATUSES } from '#core/cohort-board';
import { describeDeadline } from '../format.ts';
import type { DeadlineView } from '../format.ts';
import type { Api } from './client.ts';

interface CycleSummary {
  cycleId: string;
  serviceId: string;
  serviceName?: string;
  networkId: string;
  networkName?: string;
  cohortId: string;
  organisationId?: string;
  stage: string;
  status: string;
  currentDeadline?: string;
  updatedAt?: string;
  createdAt?: string;
  welcomeEmailSentAt?: string;
  lastEmailSentAt?: string;
  /** A failed execution's error (status `failed`). */
  executionError?: { error?: string; cause?: string };
}

interface BoardRow extends CycleSummary {
  deadline?: DeadlineView;
  lastEmailAt?: string;
}

const BoardFilter = {
  all: 'all',
  overdue: 'overdue',
  stuck: 'stuck',
  waitingForStaff: 'waiting-for-staff',
  myCohort: 'my-cohort',
} as const;
type BoardFilter = (typeof BoardFilter)[keyof typeof BoardFilter];

/** The sorts the API serves (GET /cycles `sort`). */
const SortKey = { service: 'service', stage: 'stage', deadline: 'deadline', updated: 'updated' } as const;
type SortKey = (typeof SortKey)[keyof typeof SortKey];

interface BoardQuery {
  networkId?: string;
  cohortId?: string;
  filter: BoardFilter;
  sort: SortKey;
  direction: 'ascending' | 'descending';
  /** The API's nextCursor of the page before; none for the first page. */
  cursor?: string;
  pageSize: number;
  myCohort?: string;
}

interface BoardPage {
  rows: BoardRow[];
  /** How many cycles match in all (the API counts when it filters or sorts). */
  total?: number;
  nextCursor?: string;
}

interface CyclesAnswer {
  cycles: CycleSummary[];
  nextCursor?: string | null;
  total?: number;
}

const apiFilters: Record<BoardFilter, string | undefined> = {
  all: undefined,
  overdue: 'overdue',
  stuck: 'stuck',
  'waiting-for-staff': 'waiting-for-staff',
  'my-cohort': 'mine',
};

const toRow = (cycle: CycleSummary, now: Date): BoardRow => ({
  ...cycle,
  deadline: cycle.currentDeadline && !CLOSED_STATUSES.has(cycle.status) ? describeDeadline(cycle.currentDeadline, now) : undefined,
  lastEmailAt: cycle.lastEmailSentAt ?? cycle.welcomeEmailSentAt,
});

/** The query string of GET /cycles for a board query (`limit` and `cursor` apart). */
const apiQuery = (query: BoardQuery) => ({
  networkId: query.networkId,
  cohortId: query.cohortId,
  filter: apiFilters[query.filter],
  myCohorts: query.filter === BoardFilter.myCohort ? query.myCohort : undefined,
  sort: query.sort,
  order: query.direction === 'descending' ? 'desc' : 'asc',
});

const loadBoardPage = async (api: Api, query: BoardQuery, now: Date): Promise<BoardPage> => {
  // "My cohort" with none chosen yet matches nothing: no need to ask.
  if (query.filter === BoardFilter.myCohort && !query.myCohort) return { rows: [], total: 0 };
  const { body } = await api.get<CyclesAnswer>('/cycles', { ...apiQuery(query), limit: String(query.pageSize), cursor: query.cursor });
  return { rows: body.cycles.map((cycle) => toRow(cycle, now)), total: body.total, nextCursor: body.nextCursor ?? undefined };
};

/** Every cycle that matches, page after page of the API's largest page (for an export). */
const loadAllMatching = async (api: Api, query: BoardQuery, now: Date): Promise<BoardRow[]> => {
  if (query.filter === BoardFilter.myCohort && !query.myCohort) return [];
  const rows: BoardRow[] = [];
  for (let cursor: string | undefined; ; ) {
    const { body } = await api.get<CyclesAnswer>('/cycles', { ...apiQuery(query), limit: '100', cursor });
    rows.push(...body.cycles.map((cycle) => toRow(cycle, now)));
    cursor = body.nextCursor ?? undefined;
    if (!cursor) return rows;
  }
};

export { BoardFilter, SortKey, loadAllMatching, loadBoardPage };
export type { BoardPage, BoardQuery, BoardRow, CycleSummary };
