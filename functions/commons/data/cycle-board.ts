// The cohort board's reads (issue 8): a page of a network's cycles, kept fast with 1,000 cycles.
//
// What the keys serve: GSI1 ("by-network") holds a network's cycles under one partition, sorted by
// COHORT#<cohort>#STAGE#<stage>#CYCLE#<cycle>. A listing by network, cohort, and a cohort's stage is
// therefore a Query with Limit, paged by DynamoDB itself (the cursor is the last item's key, i.e.
// the ExclusiveStartKey of the next page).
//
// What they cannot serve: the filters (overdue and stuck depend on "now"; waiting-for-staff and
// mine on several stages or cohorts) and the sorts by deadline, service, stage or last change. No
// index is ordered by those, and one per sort would multiply every cycle write. For those, the
// network's cycles are read as summaries (a projection of the board's columns only: about 400
// bytes each, so 1,000 cycles are one or two 1 MB Query pages), then filtered, sorted and cut here.
// The cursor then records the last row's sort value and id, so the next page starts after it.
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { null as zNull, strictObject, string, union } from '#core/zod-mini';
import { CLOSED_STATUSES } from '#core/cohort-board';
import { CYCLE_STAGE_ORDER } from '#core/vocabulary';
import { documentClient } from '../clients/dynamodb.ts';
import { tableName } from '../env.ts';
import { CYCLE_LISTING_ATTRIBUTES } from '#contracts/index-projections';
import { TableIndex, cyclesOfNetworkPartition } from '../helpers/table-keys.ts';
import { queryAll } from './query.ts';

/** The attributes the board, the CLI table and the export show (and the keys a cursor needs). */
const BOARD_ATTRIBUTES = ['pk', 'sk', 'gsi1pk', 'gsi1sk', ...CYCLE_LISTING_ATTRIBUTES] as const;

type BoardItem = Record<string, unknown> & { cycleId: string; networkId: string; cohortId: string; stage: string; status: string };

/** Which cycles: the key-served part of a board query. */
interface Listing {
  /** In the order their partitions are read. */
  networkIds: readonly string[];
  cohortId?: string;
  stage?: string;
}

const keySchema = strictObject({ pk: string(), sk: string(), gsi1pk: string(), gsi1sk: string() });
const cursorSchema = union([
  strictObject({ key: keySchema }),
  strictObject({ after: union([string(), zNull()]), id: string() }),
]);
type Cursor = ReturnType<typeof cursorSchema.parse>;

class InvalidCursorError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidCursorError';
  }
}

const encodeCursor = (cursor: Cursor): string => Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url');

/** Decodes a cursor this API gave out; anything else (edited, truncated, from another kind of listing) is refused. */
const decodeCursor = (text: string): Cursor => {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError('not a cursor this API gave out (pass nextCursor back as it was)');
  }
  const parsed = cursorSchema.safeParse(value);
  // Base64url decoding skips stray characters: only the exact text we would have written is ours.
  if (!parsed.success || encodeCursor(parsed.data) !== text) {
    throw new InvalidCursorError('not a cursor this API gave out (pass nextCursor back as it was)');
  }
  return parsed.data;
};

const projection = () => ({
  ProjectionExpression: BOARD_ATTRIBUTES.map((_name, index) => `#b${index}`).join(', '),
  ExpressionAttributeNames: Object.fromEntries(BOARD_ATTRIBUTES.map((name, index) => [`#b${index}`, name])),
});

/** The Query of one network's partition, narrowed by the listing sort key where the listing allows. */
const networkQuery = (networkId: string, listing: Listing): QueryCommandInput => {
  const prefix = listing.cohortId ? `COHORT#${listing.cohortId}#${listing.stage ? `STAGE#${listing.stage}#` : ''}` : undefined;
  // A stage without a cohort is not a key prefix: filtered after the read (DynamoDB's Limit counts before the filter).
  const stageFilter = listing.stage && !listing.cohortId;
  const { ExpressionAttributeNames, ProjectionExpression } = projection();
  return {
    TableName: tableName,
    IndexName: TableIndex.byNetwork,
    KeyConditionExpression: prefix ? 'gsi1pk = :partition AND begins_with(gsi1sk, :prefix)' : 'gsi1pk = :partition',
    ...(stageFilter ? { FilterExpression: '#stage = :stage' } : {}),
    ProjectionExpression,
    ExpressionAttributeNames: { ...ExpressionAttributeNames, ...(stageFilter ? { '#stage': 'stage' } : {}) },
    ExpressionAttributeValues: {
      ':partition': cyclesOfNetworkPartition(networkId),
      ...(prefix ? { ':prefix': prefix } : {}),
      ...(stageFilter ? { ':stage': listing.stage } : {}),
    },
  };
};

const keyOf = (item: Record<string, unknown>) => keySchema.parse({ pk: item.pk, sk: item.sk, gsi1pk: item.gsi1pk, gsi1sk: item.gsi1sk });

/**
 * A page in key order, paged by DynamoDB: the networks' partitions one after the other, each read
 * from the cursor's key on. Reads at most `limit` items per Query call.
 */
const keyOrderedPage = async (listing: Listing, limit: number, cursorText?: string): Promise<{ items: BoardItem[]; nextCursor?: string }> => {
  const cursor = cursorText === undefined ? undefined : decodeCursor(cursorText);
  if (cursor !== undefined && !('key' in cursor)) throw new InvalidCursorError('this cursor belongs to a sorted or filtered board; ask again with the same sort and filter');
  const partitions = listing.networkIds.map(cyclesOfNetworkPartition);
  const first = cursor ? partitions.indexOf(cursor.key.gsi1pk) : 0;
  if (first < 0) throw new InvalidCursorError('this cursor belongs to another network');
  const items: BoardItem[] = [];
  let startKey: Record<string, unknown> | undefined = cursor?.key;
  let more = false;
  for (let index = first; index < listing.networkIds.length && items.length < limit; index += 1) {
    do {
      const page = await documentClient.send(
        new QueryCommand({ ...networkQuery(listing.networkIds[index], listing), Limit: limit - items.length, ExclusiveStartKey: startKey }),
      );
      items.push(...((page.Items ?? []) as BoardItem[]));
      startKey = page.LastEvaluatedKey;
    } while (startKey && items.length < limit);
    more = startKey !== undefined || index < listing.networkIds.length - 1;
    startKey = undefined;
  }
  const last = items.at(-1);
  return { items, nextCursor: more && last && items.length === limit ? encodeCursor({ key: keyOf(last) }) : undefined };
};

/** Every cycle of the listing as a board summary (the projection above), for what the keys cannot serve. */
const boardSummaries = async (listing: Listing): Promise<BoardItem[]> =>
  (await Promise.all(listing.networkIds.map((networkId) => queryAll(networkQuery(networkId, listing))))).flat() as BoardItem[];

/** A sort value; `null` (no deadline, say) sorts last in either order. */
type SortValue = string | null;

const compareValues = (a: SortValue, b: SortValue, direction: 1 | -1): number => {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return (a < b ? -1 : 1) * direction;
};

/**
 * One page of rows already filtered, sorted by `valueOf` (ties by cycle id), starting after the
 * cursor's row. The total is known here, since every matching row was read.
 */
const sortedPage = <T extends { cycleId: string }>(
  rows: readonly T[],
  valueOf: (row: T) => SortValue,
  order: 'asc' | 'desc',
  limit: number,
  cursorText?: string,
): { items: T[]; nextCursor?: string; total: number } => {
  const direction = order === 'asc' ? 1 : -1;
  const compare = (a: { value: SortValue; id: string }, b: { value: SortValue; id: string }) =>
    compareValues(a.value, b.value, direction) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const sorted = rows.map((row) => ({ row, value: valueOf(row), id: row.cycleId })).sort(compare);
  const cursor = cursorText === undefined ? undefined : decodeCursor(cursorText);
  if (cursor !== undefined && !('id' in cursor)) throw new InvalidCursorError('this cursor belongs to an unsorted, unfiltered board; ask again without sort and filter');
  const start = cursor ? sorted.findIndex((entry) => compare(entry, { value: cursor.after, id: cursor.id }) > 0) : 0;
  const page = start < 0 ? [] : sorted.slice(start, start + limit);
  const last = page.at(-1);
  const more = start >= 0 && start + limit < sorted.length;
  return { items: page.map((entry) => entry.row), nextCursor: more && last ? encodeCursor({ after: last.value, id: last.id }) : undefined, total: sorted.length };
};

/** What each of the board's sorts orders by ('key': the table's own order). */
const boardSortValues: Record<string, (item: BoardItem) => SortValue> = {
  key: (item) => `${String(item.gsi1pk)} ${String(item.gsi1sk)}`,
  deadline: (item) => (typeof item.currentDeadline === 'string' && !CLOSED_STATUSES.has(item.status) ? item.currentDeadline : null),
  service: (item) => String(item.serviceName ?? item.serviceId).toLowerCase(),
  stage: (item) => {
    const index = CYCLE_STAGE_ORDER.indexOf(item.stage);
    return `${String(index < 0 ? CYCLE_STAGE_ORDER.length : index).padStart(3, '0')} ${item.stage}`;
  },
  updated: (item) => String(item.updatedAt ?? item.createdAt ?? '') || null,
};

export {
  boardSortValues, BOARD_ATTRIBUTES, InvalidCursorError, boardSummaries, decodeCursor, encodeCursor, keyOrderedPage, sortedPage };
export type { BoardItem, Listing, SortValue };
