// GET /cycles: the cohort board's page (issue 8) with failed cycles shown as failed (issue 10,
// defect 4). Key-ordered pages come straight from DynamoDB; a filter, a sort, or a failed cycle
// that has no record (its execution failed before enrolment wrote one) is served from the
// network's summaries (functions/commons/data/cycle-board.ts says why).
import { FAILED_STATUS, boardFilters } from '#core/cohort-board';
import type { BoardContext } from '#core/cohort-board';
import { Group } from '#core/vocabulary';
import { now } from '#commons/clock';
import { InvalidCursorError, boardSortValues, boardSummaries, decodeCursor, encodeCursor, keyOrderedPage, sortedPage } from '#commons/data/cycle-board';
import type { BoardItem, Listing } from '#commons/data/cycle-board';
import { getNetwork } from '#commons/helpers/records';
import type { ListCyclesQuery } from '#commons/schemas/requests';
import type { Caller } from '../caller.ts';
import { httpError } from '../http.ts';
import { boardView, failuresInView } from './cycle-list-failures.ts';
import { listNetworks } from './networks.ts';

// Configs saved before the board's threshold existed have none: the schema's default then.
const DEFAULT_STUCK_AFTER_WORKING_DAYS = 10;


const stuckThresholds = async (networkIds: readonly string[]) =>
  new Map(
    await Promise.all(
      networkIds.map(async (networkId) => {
        const network = await getNetwork(networkId);
        return [networkId, network?.config.stuckAfterWorkingDays ?? DEFAULT_STUCK_AFTER_WORKING_DAYS] as const;
      }),
    ),
  );

/** A cursor of a page DynamoDB cut, continued here in the same (key) order: after that item's keys. */
const asKeyOrderCursor = (text: string | undefined) => {
  const cursor = text === undefined ? undefined : decodeCursor(text);
  if (cursor === undefined || !('key' in cursor)) return text;
  return encodeCursor({ after: `${cursor.key.gsi1pk} ${cursor.key.gsi1sk}`, id: cursor.key.pk.replace(/^CYCLE#/, '') });
};

const cursorRefused = (error: unknown): never => {
  if (!(error instanceof InvalidCursorError)) throw error;
  throw httpError(400, 'ValidationError', `Invalid query string: cursor: ${error.message}`, { issues: [{ field: 'cursor', message: error.message }] });
};

/**
 * A service user's rows are narrowed to its organisation before paging, so its pages are full;
 * withAuthorisation still checks every row after (and alone decides for reviewers, whose cycles
 * are those they are allocated to). Staff and the committee see every cycle.
 */
const visibleTo = (caller: Caller): ((item: BoardItem) => boolean) | undefined => {
  const { groups } = caller;
  if (groups.has(Group.staff) || groups.has(Group.committee) || groups.has(Group.reviewer) || !groups.has(Group.service)) return undefined;
  // A record from before cycles carried organisationId stays in: the authorisation filter decides.
  return (item) => item.organisationId === undefined || item.organisationId === caller.organisationId;
};

const cycleBoardPage = async (query: ListCyclesQuery, caller: Caller) => {
  const visible = visibleTo(caller);
  const networkIds = query.networkId ? [query.networkId] : (await listNetworks()).map((network) => network.networkId).sort();
  const listing: Listing = { networkIds, cohortId: query.cohortId, stage: query.stage };
  const keyServed = !query.filter && !query.sort && !visible;
  // Step Functions and the table are read at once: the failures only decide whether a key-ordered page stands.
  const [{ byExecution, unrecorded }, keyPage, summaries, thresholds] = await Promise.all([
    failuresInView(listing),
    keyServed ? keyOrderedPage(listing, query.limit, query.cursor).catch(cursorRefused) : undefined,
    keyServed ? undefined : boardSummaries(listing),
    query.filter === 'stuck' ? stuckThresholds(networkIds) : new Map<string, number>(),
  ]);
  if (keyPage && unrecorded.length === 0) {
    return { cycles: keyPage.items.map((item) => boardView(item, byExecution)), nextCursor: keyPage.nextCursor ?? null };
  }
  // A failed cycle with no record has no key: the key-ordered board is then cut here, like a sorted one.
  // Failed first, so the filters see the status the board shows.
  const rows = [...(summaries ?? (await boardSummaries(listing))), ...unrecorded]
    .filter((item) => !visible || visible(item))
    .map((item) => (byExecution.has(String(item.executionArn)) ? { ...item, status: FAILED_STATUS } : item));
  const filter = query.filter ? boardFilters[query.filter] : undefined;
  const at = now();
  const matching = filter
    ? rows.filter((row) => {
        const context: BoardContext = { now: at, stuckAfterWorkingDays: thresholds.get(row.networkId) ?? DEFAULT_STUCK_AFTER_WORKING_DAYS, myCohorts: query.myCohorts ?? [] };
        return filter(row, context);
      })
    : rows;
  const page = (() => {
    try {
      return sortedPage(matching, boardSortValues[query.sort ?? 'key'], query.order, query.limit, query.sort ? query.cursor : asKeyOrderCursor(query.cursor));
    } catch (error) {
      return cursorRefused(error);
    }
  })();
  return { cycles: page.items.map((item) => boardView(item, byExecution)), nextCursor: page.nextCursor ?? null, total: page.total };
};

export { cycleBoardPage };
