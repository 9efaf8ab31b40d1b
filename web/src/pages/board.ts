// The cohort board, staff's home: every cycle with its service, cohort, stage, status and deadline,
// sortable, filtered, a page at a time. The API filters, sorts and pages (GET /cycles with a cursor);
// the filters, sort and cursor live in the address, so a board can be bookmarked and the back and
// forward buttons move between filters and pages.
import { useState } from 'preact/hooks';
import { loadAllMatching, loadBoardPage, BoardFilter, SortKey } from '../api/cycles.ts';
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
const MY_COHORT_KEY = 'accredit.my-cohort';
/** The cursor of the page before each page seen in this tab, so "Previous" can link back. */
const PREVIOUS_CURSORS_KEY = 'accredit.board.previous-cursors';

const filterLabels: Record<BoardFilter, string> = {
  all: 'All cycles',
  overdue: 'Overdue',
  stuck: 'Stuck (no change for the network’s set number of working days)',
  'waiting-for-staff': 'Waiting for staff',
  'my-cohort': 'My cohort',
};

/** The API sorts by service, stage, deadline and last change; cohort and status are not sort keys. */
const columns: { key?: SortKey; text: string }[] = [
  { key: SortKey.service, text: 'Service' },
  { text: 'Cohort' },
  { key: SortKey.stage, text: 'Stage' },
  { text: 'Status' },
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
  cursor: search.get('cursor') || undefined,
  pageSize: PAGE_SIZE,
  myCohort,
});

/** The page number shown with a cursor (the cursor itself says where, not which page). */
const pageOf = (search: URLSearchParams) => (search.get('cursor') ? Math.max(2, Number.parseInt(search.get('page') ?? '2', 10) || 2) : 1);

const previousCursors = (): Record<string, string> => {
  try {
    return JSON.parse(sessionStorage.getItem(PREVIOUS_CURSORS_KEY) ?? '{}') as Record<string, string>;
  } catch {
    return {};
  }
};

const rememberPrevious = (next: string, current: string | undefined) =>
  sessionStorage.setItem(PREVIOUS_CURSORS_KEY, JSON.stringify({ ...previousCursors(), [next]: current ?? '' }));

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
  if (column.key === undefined) return html`<th class="nhsuk-table__header" scope="col">${column.text}</th>`;
  const active = query.sort === column.key;
  const nextDirection = active && query.direction === 'ascending' ? 'descending' : 'ascending';
  return html`<th class="nhsuk-table__header" scope="col" aria-sort=${active ? query.direction : 'none'}>
    <a class="nhsuk-link" href=${hrefWith(search, { sort: column.key, direction: nextDirection, page: undefined, cursor: undefined })}>${column.text}<span class="nhsuk-u-visually-hidden">, sort ${nextDirection}</span></a>
  </th>`;
};

interface Network {
  networkId: string;
  name: string;
}

interface FilterFormProps {
  query: BoardQuery;
  search: URLSearchParams;
  networks: Network[];
  myCohort?: string;
  onMyCohort: (cohort: string) => void;
}

/** A network named in the address but not (or not yet) listed stays chosen when the filters are applied. */
const withCurrent = (networks: Network[], networkId: string | undefined): Network[] =>
  networkId === undefined || networks.some((network) => network.networkId === networkId) ? networks : [...networks, { networkId, name: networkId }];

const FilterForm = ({ query, search, networks, myCohort, onMyCohort }: FilterFormProps) => {
  const apply = (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const field = (name: string) => (form.has(name) ? String(form.get(name)) : undefined);
    navigate(hrefWith(search, { filter: field('filter'), cohort: field('cohort')?.trim(), network: field('network'), page: undefined, cursor: undefined }));
  };
  return html`<form class="app-board-filters" method="get" action="/" onSubmit=${apply} novalidate>
    ${networks.length > 1 &&
    html`<div class="nhsuk-form-group app-inline-group">
      <label class="nhsuk-label" for="board-network">Network</label>
      <select class="nhsuk-select" id="board-network" name="network">
        <option value="">All networks</option>
        ${withCurrent(networks, query.networkId).map((network) => html`<option value=${network.networkId} selected=${network.networkId === query.networkId}>${network.name}</option>`)}
      </select>
    </div>`}
    <div class="nhsuk-form-group app-inline-group">
      <label class="nhsuk-label" for="board-filter">Show</label>
      <select class="nhsuk-select" id="board-filter" name="filter" value=${query.filter}>
        ${Object.values(BoardFilter).map((filter) => html`<option value=${filter} selected=${filter === query.filter}>${filterLabels[filter]}</option>`)}
      </select>
    </div>
    <div class="nhsuk-form-group app-inline-group">
      <label class="nhsuk-label" for="board-cohort">Cohort${myCohort ? html` <span class="nhsuk-u-secondary-text-colour">(my cohort: ${myCohort})</span>` : ''}</label>
      <div class="nhsuk-hint" id="board-cohort-hint">Leave empty for every cohort</div>
      <input class="nhsuk-input nhsuk-input--width-10" id="board-cohort" name="cohort" type="text" spellcheck="false" aria-describedby="board-cohort-hint" value=${query.cohortId ?? ''} />
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
const exportLater = async (rows: Promise<BoardRow[]>, format: 'csv' | 'json', now: Date) => (await import('../export.ts')).exportCycles(await rows, format, now);

/** "Showing 26 to 50 of 120 cycles", or "No cycles match." (what the status line says). */
const showingText = (query: BoardQuery, myCohort: string | undefined, page: number, rows: number, total: number | undefined) => {
  if (rows === 0 && page === 1) {
    return query.filter === 'my-cohort' && !myCohort ? 'You have no cohort yet: enter a cohort above and make it your cohort.' : 'No cycles match.';
  }
  const first = (page - 1) * query.pageSize + 1;
  return `Showing ${first} to ${first + rows - 1}${total === undefined ? '' : ` of ${plural(total, 'cycle')}`}`;
};

const Board = () => {
  const { api, config, session } = useApp();
  const { query: search } = useLocation();
  const [myCohort, setMyCohort] = useState(() => localStorage.getItem(MY_COHORT_KEY) ?? undefined);
  const query = queryOf(search, myCohort);
  const page = pageOf(search);
  const loaded = useLoad(async () => {
    const now = await workflowNow(config);
    const result = await loadBoardPage(api, query, now);
    if (result.nextCursor) rememberPrevious(result.nextCursor, query.cursor);
    return { ...result, now };
  }, [search.toString(), myCohort]);
  const networks = useLoad(async () => (await api.get<{ networks: Network[] }>('/networks')).body.networks, []);
  const rememberCohort = (cohort: string) => {
    localStorage.setItem(MY_COHORT_KEY, cohort);
    setMyCohort(cohort);
  };
  const isStaff = session.user.roles.includes(Role.staff);
  // Services and reviewers see only their own cycles (the API narrows the list): say so.
  const seesAll = isStaff || session.user.roles.includes(Role.committee);
  const pageLinks = (nextCursor: string | undefined) => {
    const before = query.cursor === undefined ? undefined : previousCursors()[query.cursor];
    // A bookmarked page has no known page before it in this tab: "Previous" goes back to the first.
    const previous = query.cursor === undefined ? undefined : before ? { href: hrefWith(search, { cursor: before, page: String(page - 1) }), page: page - 1 } : { href: hrefWith(search, { cursor: undefined, page: undefined }), page: 1 };
    const next = nextCursor ? { href: hrefWith(search, { cursor: nextCursor, page: String(page + 1) }), page: page + 1 } : undefined;
    return { previous, next };
  };
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
        networks=${networks.state === 'ready' && seesAll ? networks.data : []}
        myCohort=${myCohort}
        onMyCohort=${rememberCohort}
      />
      <p class="nhsuk-body" role="status">${showingText(query, myCohort, page, loaded.data.rows.length, loaded.data.total)}</p>
      ${loaded.data.rows.length > 0 && html`<${BoardTable} rows=${loaded.data.rows} query=${query} search=${search} />`}
      <${Pagination}
        pageCount=${loaded.data.total === undefined ? undefined : Math.max(1, Math.ceil(loaded.data.total / query.pageSize))}
        ...${pageLinks(loaded.data.nextCursor)}
      />
      ${loaded.data.rows.length > 0 &&
      html`<h2 class="nhsuk-heading-s">Download ${loaded.data.total === undefined ? 'every cycle that matches' : `the ${plural(loaded.data.total, 'cycle')} that match`}</h2>
        <div class="app-button-row">
          <button class="nhsuk-button nhsuk-button--secondary nhsuk-button--small" type="button" onClick=${() => exportLater(loadAllMatching(api, { ...query, cursor: undefined }, loaded.data.now), 'csv', loaded.data.now)}>Download as CSV<span class="nhsuk-u-visually-hidden"> (spreadsheet)</span></button>
          <button class="nhsuk-button nhsuk-button--secondary nhsuk-button--small" type="button" onClick=${() => exportLater(loadAllMatching(api, { ...query, cursor: undefined }, loaded.data.now), 'json', loaded.data.now)}>Download as JSON</button>
        </div>`}
    `}
  <//>`;
};

export { Board };
