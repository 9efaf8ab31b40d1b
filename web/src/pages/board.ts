// The cohort board, staff's home: every cycle with its service, cohort, stage, status and deadline,
// sortable, filtered, a page at a time. The filters live in the address, so a filtered board can
// be bookmarked and the back button undoes a filter.
import { useState } from 'preact/hooks';
import { loadBoardPage, BoardFilter, SortKey } from '../api/cycles.ts';
import type { BoardQuery, BoardRow } from '../api/cycles.ts';
import { useApp } from '../app-context.ts';
import { Role } from '../auth/session.ts';
import { workflowNow } from '../clock.ts';
import { LoadFailed } from '../components/load-failed.ts';
import { Page } from '../components/page.ts';
import { Pagination } from '../components/pagination.ts';
import { ScrollTable } from '../components/scroll-table.ts';
import { StatusTag } from '../components/tag.ts';
import { useLoad } from '../components/use-load.ts';
import { formatUkDate, formatUkDateTime, plural } from '../format.ts';
import { html } from '../html.ts';
import { stageLabel } from '../labels.ts';
import { navigate, useLocation } from '../router.ts';

const PAGE_SIZE = 25;
const STUCK_AFTER_WORKING_DAYS = 10;
const MY_COHORT_KEY = 'accredit.my-cohort';

const filterLabels: Record<BoardFilter, string> = {
  all: 'All cycles',
  overdue: 'Overdue',
  stuck: `Stuck (no change for ${STUCK_AFTER_WORKING_DAYS} working days)`,
  'waiting-for-staff': 'Waiting for staff',
  'my-cohort': 'My cohort',
};

const columns: { key: SortKey; text: string }[] = [
  { key: SortKey.service, text: 'Service' },
  { key: SortKey.cohort, text: 'Cohort' },
  { key: SortKey.stage, text: 'Stage' },
  { key: SortKey.status, text: 'Status' },
  { key: SortKey.deadline, text: 'Deadline' },
];

const oneOf = <T extends string>(values: Record<string, T>, value: string | null, fallback: T): T =>
  (Object.values(values) as string[]).includes(value ?? '') ? (value as T) : fallback;

const queryOf = (search: URLSearchParams, myCohort: string | undefined): BoardQuery => ({
  networkId: search.get('network') || undefined,
  cohortId: search.get('cohort') || undefined,
  filter: oneOf(BoardFilter, search.get('filter'), BoardFilter.all),
  sort: oneOf(SortKey, search.get('sort'), SortKey.deadline),
  direction: search.get('direction') === 'descending' ? 'descending' : 'ascending',
  page: Math.max(1, Number.parseInt(search.get('page') ?? '1', 10) || 1),
  pageSize: PAGE_SIZE,
  myCohort,
  stuckAfterWorkingDays: STUCK_AFTER_WORKING_DAYS,
});

const hrefWith = (search: URLSearchParams, changes: Record<string, string | undefined>): string => {
  const next = new URLSearchParams(search);
  for (const [name, value] of Object.entries(changes)) {
    if (value === undefined || value === '') next.delete(name);
    else next.set(name, value);
  }
  const text = next.toString();
  return text ? `/?${text}` : '/';
};

const DeadlineCell = ({ row }: { row: BoardRow }) => {
  if (!row.currentDeadline || !row.deadline) return html`<span class="nhsuk-u-secondary-text-colour">None</span>`;
  return html`${formatUkDate(row.currentDeadline)}
    <br /><span class=${row.deadline.overdue ? 'app-overdue' : 'nhsuk-u-secondary-text-colour'}>${row.deadline.text}</span>`;
};

const SortHeader = ({ column, query, search }: { column: (typeof columns)[number]; query: BoardQuery; search: URLSearchParams }) => {
  const active = query.sort === column.key;
  const nextDirection = active && query.direction === 'ascending' ? 'descending' : 'ascending';
  return html`<th class="nhsuk-table__header" scope="col" aria-sort=${active ? query.direction : 'none'}>
    <a class="nhsuk-link" href=${hrefWith(search, { sort: column.key, direction: nextDirection, page: undefined })}>${column.text}<span class="nhsuk-u-visually-hidden">, sort ${nextDirection}</span></a>
  </th>`;
};

interface Network {
  networkId: string;
  name: string;
}

interface FilterFormProps {
  query: BoardQuery;
  search: URLSearchParams;
  cohorts: string[];
  networks: Network[];
  myCohort?: string;
  onMyCohort: (cohort: string) => void;
}

const FilterForm = ({ query, search, cohorts, networks, myCohort, onMyCohort }: FilterFormProps) => {
  const apply = (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const field = (name: string) => (form.has(name) ? String(form.get(name)) : undefined);
    navigate(hrefWith(search, { filter: field('filter'), cohort: field('cohort'), network: field('network'), page: undefined }));
  };
  return html`<form class="app-board-filters" method="get" action="/" onSubmit=${apply} novalidate>
    ${networks.length > 1 &&
    html`<div class="nhsuk-form-group app-inline-group">
      <label class="nhsuk-label" for="board-network">Network</label>
      <select class="nhsuk-select" id="board-network" name="network">
        <option value="">All networks</option>
        ${networks.map((network) => html`<option value=${network.networkId} selected=${network.networkId === query.networkId}>${network.name}</option>`)}
      </select>
    </div>`}
    <div class="nhsuk-form-group app-inline-group">
      <label class="nhsuk-label" for="board-filter">Show</label>
      <select class="nhsuk-select" id="board-filter" name="filter" value=${query.filter}>
        ${Object.values(BoardFilter).map((filter) => html`<option value=${filter} selected=${filter === query.filter}>${filterLabels[filter]}</option>`)}
      </select>
    </div>
    <div class="nhsuk-form-group app-inline-group">
      <label class="nhsuk-label" for="board-cohort">Cohort</label>
      <select class="nhsuk-select" id="board-cohort" name="cohort">
        <option value="">All cohorts</option>
        ${cohorts.map((cohort) => html`<option value=${cohort} selected=${cohort === query.cohortId}>${cohort}${cohort === myCohort ? ' (my cohort)' : ''}</option>`)}
      </select>
    </div>
    <div class="app-inline-group">
      <button class="nhsuk-button nhsuk-button--secondary nhsuk-button--small" type="submit">Apply filters</button>
    </div>
    ${query.cohortId &&
    query.cohortId !== myCohort &&
    html`<div class="app-inline-group">
      <button class="nhsuk-button nhsuk-button--secondary nhsuk-button--small" type="button" onClick=${() => onMyCohort(query.cohortId!)}>Make ${query.cohortId} my cohort</button>
    </div>`}
  </form>`;
};

const BoardTable = ({ rows, query, search }: { rows: BoardRow[]; query: BoardQuery; search: URLSearchParams }) => html`<${ScrollTable} labelledBy="board-caption">
  <table class="nhsuk-table nhsuk-table--sortable app-board">
    <caption class="nhsuk-table__caption nhsuk-u-visually-hidden" id="board-caption">Cycles (column headers sort the table)</caption>
    <thead class="nhsuk-table__head">
      <tr class="nhsuk-table__row">
        ${columns.map((column) => html`<${SortHeader} column=${column} query=${query} search=${search} />`)}
        <th class="nhsuk-table__header" scope="col">Last email</th>
      </tr>
    </thead>
    <tbody class="nhsuk-table__body">
      ${rows.map(
        (row) => html`<tr class="nhsuk-table__row">
          <th class="nhsuk-table__header" scope="row">
            <a class="nhsuk-link" href=${`/cycles/${encodeURIComponent(row.cycleId)}`}>${row.serviceName ?? row.serviceId}</a>
          </th>
          <td class="nhsuk-table__cell">${row.cohortId}</td>
          <td class="nhsuk-table__cell">${stageLabel(row.stage)}</td>
          <td class="nhsuk-table__cell"><${StatusTag} status=${row.status} /></td>
          <td class="nhsuk-table__cell"><${DeadlineCell} row=${row} /></td>
          <td class="nhsuk-table__cell">${row.lastEmailAt ? formatUkDateTime(row.lastEmailAt) : 'None'}</td>
        </tr>`,
      )}
    </tbody>
  </table>
<//>`;

/** The CSV writer is loaded on the first download, not with the board. */
const exportLater = async (rows: BoardRow[], format: 'csv' | 'json', now: Date) => (await import('../export.ts')).exportCycles(rows, format, now);

const Board = () => {
  const { api, config, session } = useApp();
  const { query: search } = useLocation();
  const [myCohort, setMyCohort] = useState(() => localStorage.getItem(MY_COHORT_KEY) ?? undefined);
  const query = queryOf(search, myCohort);
  const loaded = useLoad(async () => {
    const now = await workflowNow(config);
    return { ...(await loadBoardPage(api, query, now)), now };
  }, [search.toString(), myCohort]);
  const networks = useLoad(async () => (await api.get<{ networks: Network[] }>('/networks')).body.networks, []);
  const rememberCohort = (cohort: string) => {
    localStorage.setItem(MY_COHORT_KEY, cohort);
    setMyCohort(cohort);
  };
  const isStaff = session.user.roles.includes(Role.staff);
  // Services and reviewers see only their own cycles (the API narrows the list): say so.
  const seesAll = isStaff || session.user.roles.includes(Role.committee);
  return html`<${Page} title=${seesAll ? 'Cohort board' : 'Your review cycles'}>
    <p class="nhsuk-body">
      ${seesAll ? 'Every review cycle' : 'The review cycles you take part in'}, with the stage, status and next deadline. Deadlines count UK working days.
    </p>
    ${isStaff && html`<a class="nhsuk-button" href="/cohorts/launch" role="button" draggable="false">Launch a cohort</a>`}
    ${loaded.state === 'failed' && html`<${LoadFailed} error=${loaded.error} />`}
    ${loaded.state === 'loading' && html`<p class="nhsuk-body" role="status">Loading cycles…</p>`}
    ${loaded.state === 'ready' &&
    html`
      <${FilterForm}
        query=${query}
        search=${search}
        cohorts=${loaded.data.cohorts}
        networks=${networks.state === 'ready' && seesAll ? networks.data : []}
        myCohort=${myCohort}
        onMyCohort=${rememberCohort}
      />
      <p class="nhsuk-body" role="status">
        ${loaded.data.total === 0
          ? query.filter === 'my-cohort' && !myCohort
            ? 'You have no cohort yet: choose a cohort above and make it your cohort.'
            : 'No cycles match.'
          : `Showing ${(loaded.data.page - 1) * query.pageSize + 1} to ${(loaded.data.page - 1) * query.pageSize + loaded.data.rows.length} of ${plural(loaded.data.total, 'cycle')}`}
      </p>
      ${loaded.data.rows.length > 0 && html`<${BoardTable} rows=${loaded.data.rows} query=${query} search=${search} />`}
      <${Pagination} page=${loaded.data.page} pageCount=${loaded.data.pageCount} hrefFor=${(page: number) => hrefWith(search, { page: String(page) })} />
      ${loaded.data.total > 0 &&
      html`<h2 class="nhsuk-heading-s">Download the ${plural(loaded.data.total, 'cycle')} shown</h2>
        <div class="app-button-row">
          <button class="nhsuk-button nhsuk-button--secondary nhsuk-button--small" type="button" onClick=${() => exportLater(loaded.data.matching, 'csv', loaded.data.now)}>Download as CSV<span class="nhsuk-u-visually-hidden"> (spreadsheet)</span></button>
          <button class="nhsuk-button nhsuk-button--secondary nhsuk-button--small" type="button" onClick=${() => exportLater(loaded.data.matching, 'json', loaded.data.now)}>Download as JSON</button>
        </div>`}
    `}
  <//>`;
};

export { Board };
