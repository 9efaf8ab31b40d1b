// The board's data: one page of cycles, filtered and sorted. GET /cycles returns every cycle at
// once today (no paging, sorting or filters beyond network, cohort and stage), so the page is cut
// here; when the API pages on the server, only this file changes (see web/README.md).
import { describeDeadline, workingDaysSince } from '../format.ts';
import type { DeadlineView } from '../format.ts';
import { waitingForStaffStages } from '../labels.ts';
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
}

interface BoardRow extends CycleSummary {
  deadline?: DeadlineView;
  idleWorkingDays: number;
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

const SortKey = { service: 'service', cohort: 'cohort', stage: 'stage', status: 'status', deadline: 'deadline' } as const;
type SortKey = (typeof SortKey)[keyof typeof SortKey];

interface BoardQuery {
  networkId?: string;
  cohortId?: string;
  filter: BoardFilter;
  sort: SortKey;
  direction: 'ascending' | 'descending';
  page: number;
  pageSize: number;
  myCohort?: string;
  /**
   * "Stuck": no change for this many working days. The network configuration should say (issue 8);
   * the API does not expose it yet, so the board uses this default.
   */
  stuckAfterWorkingDays: number;
}

interface BoardPage {
  rows: BoardRow[];
  /** Every cycle that matches, in order (for an export). */
  matching: BoardRow[];
  total: number;
  page: number;
  pageCount: number;
  cohorts: string[];
}

const CLOSED_STATUSES: ReadonlySet<string> = new Set(['accredited', 'not-accredited', 'report-issued', 'withdrawn']);

const filters: Record<BoardFilter, (row: BoardRow, query: BoardQuery) => boolean> = {
  all: () => true,
  overdue: (row) => row.status === 'overdue' || row.deadline?.overdue === true,
  stuck: (row, query) => !CLOSED_STATUSES.has(row.status) && row.idleWorkingDays >= query.stuckAfterWorkingDays,
  'waiting-for-staff': (row) => waitingForStaffStages.has(row.stage) || row.status === 'overdue',
  'my-cohort': (row, query) => query.myCohort !== undefined && row.cohortId === query.myCohort,
};

const text = (value: string | undefined) => value ?? '';
const sortValues: Record<SortKey, (row: BoardRow) => string | number> = {
  service: (row) => text(row.serviceName ?? row.serviceId).toLowerCase(),
  cohort: (row) => row.cohortId,
  stage: (row) => row.stage,
  status: (row) => row.status,
  // No deadline (a closed cycle) sorts last.
  deadline: (row) => (row.currentDeadline ? Date.parse(row.currentDeadline) : Number.MAX_SAFE_INTEGER),
};

const compareRows = (key: SortKey, direction: BoardQuery['direction']) => (a: BoardRow, b: BoardRow) => {
  const [x, y] = [sortValues[key](a), sortValues[key](b)];
  const order = x < y ? -1 : x > y ? 1 : a.cycleId.localeCompare(b.cycleId);
  return direction === 'ascending' ? order : -order;
};

const toRow = (cycle: CycleSummary, now: Date): BoardRow => ({
  ...cycle,
  deadline: cycle.currentDeadline && !CLOSED_STATUSES.has(cycle.status) ? describeDeadline(cycle.currentDeadline, now) : undefined,
  idleWorkingDays: workingDaysSince(cycle.updatedAt ?? cycle.createdAt ?? now.toISOString(), now),
  lastEmailAt: cycle.lastEmailSentAt ?? cycle.welcomeEmailSentAt,
});

const loadBoardPage = async (api: Api, query: BoardQuery, now: Date): Promise<BoardPage> => {
  const { body } = await api.get<{ cycles: CycleSummary[] }>('/cycles', { networkId: query.networkId, cohortId: query.cohortId });
  const rows = body.cycles.map((cycle) => toRow(cycle, now));
  const matching = rows.filter((row) => filters[query.filter](row, query)).sort(compareRows(query.sort, query.direction));
  const pageCount = Math.max(1, Math.ceil(matching.length / query.pageSize));
  const page = Math.min(Math.max(1, query.page), pageCount);
  return {
    rows: matching.slice((page - 1) * query.pageSize, page * query.pageSize),
    matching,
    total: matching.length,
    page,
    pageCount,
    cohorts: [...new Set(rows.map((row) => row.cohortId))].sort(),
  };
};

export { BoardFilter, SortKey, loadBoardPage };
export type { BoardPage, BoardQuery, BoardRow, CycleSummary };
