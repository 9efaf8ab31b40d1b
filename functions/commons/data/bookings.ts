// A reviewer's place on a visit day: one item per (cohort, date, reviewer) (issue 14). Allocation
// reads by key only what its hard rules and its load balance need, so one allocation's reads do not
// grow with the cohort:
// - the bookings of each day it considers: one Query of the day's partition;
// - the visits the host's own staff make this cohort (reciprocal review): one Query of by-network;
// - each reviewer's visits this cohort: a counter on their pool item, read with the pool.
// An allocation writes its team's bookings in its own transaction, each Put conditional on the
// reviewer's day being free (or already this cycle's), so two allocations at the same instant cannot
// book one reviewer twice: the loser's transaction is cancelled, and it reads the day again and
// decides again. Bookings are scoped to the cohort, as the already-booked rule always was.
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { emptyIndex } from '#core/allocation-rules';
import type { AllocationIndex, TeamMember } from '#core/allocation-rules';
import { documentClient } from '../clients/dynamodb.ts';
import { tableName } from '../env.ts';
import { transactionConditionFailures } from '../helpers/conditions.ts';
import {
  allocationKey,
  BOOKING_PREFIX,
  bookingKey,
  bookingsOfDayPartition,
  cohortVisitsAttribute,
  reviewerKey,
  TableIndex,
  VISITED_HOST_PREFIX,
  visitsByServiceStaffKeys,
  visitsByServiceStaffPartition,
} from '../helpers/table-keys.ts';
import { releaseReviewerLoad } from '../helpers/reviewer-load.ts';
import { queryAll } from './query.ts';
import type { TransactItem } from './transaction.ts';

/** The cycle whose visit a booking is for. */
interface Visit {
  networkId: string;
  cohortId: string;
  cycleId: string;
  hostServiceId: string;
  hostOrganisationId: string;
}

/** A team on a day, as an allocation record holds it. */
interface DayTeam {
  date: string;
  team: readonly TeamMember[];
}

const BOOKING_ITEM = 'booking';
/** The allocation statuses whose team holds its bookings: a decline keeps them until the replacement is stored. */
const HOLDING_STATUSES: readonly string[] = ['invited', 'confirmed', 'declined'];

/** The team whose bookings an allocation record holds, if any. */
const heldBy = (record: { status: string; date?: string; team: readonly TeamMember[] } | undefined): DayTeam | undefined =>
  record?.date !== undefined && HOLDING_STATUSES.includes(record.status) ? { date: record.date, team: record.team } : undefined;

/**
 * Reviewers booked on the day by the cohort's other cycles. Eventually consistent is safe for a
 * first decision (half the read units): a booking written a moment ago and missed here refuses the
 * write, and the decision made again reads consistently.
 */
const bookedOn = async (visit: Visit, date: string, consistent: boolean): Promise<string[]> => {
  const items = await queryAll({
    TableName: tableName,
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': bookingsOfDayPartition(visit.networkId, visit.cohortId, date), ':prefix': BOOKING_PREFIX },
    ProjectionExpression: 'reviewerId, cycleId',
    ConsistentRead: consistent,
  });
  return items.filter((item) => item.cycleId !== visit.cycleId).map((item) => String(item.reviewerId));
};

/** The services the host's own staff visit this cohort: their reviewers would be returning the visit. */
const servicesVisitedByHostStaff = async (visit: Visit): Promise<string[]> => {
  const items = await queryAll({
    TableName: tableName,
    IndexName: TableIndex.byNetwork,
    KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :prefix)',
    ExpressionAttributeValues: { ':pk': visitsByServiceStaffPartition(visit.networkId, visit.cohortId, visit.hostServiceId), ':prefix': VISITED_HOST_PREFIX },
    ProjectionExpression: 'hostServiceId',
  });
  return [...new Set(items.map((item) => String(item.hostServiceId)))];
};

/**
 * The facts the hard rules and the load balance read, for this host on these days: who is booked
 * each day, whose services the host's staff visit, each reviewer's and each organisation's visits
 * this cohort (from the counters read with the pool).
 */
const bookingIndex = async (
  visit: Visit,
  dates: readonly string[],
  reviewers: readonly { id: string; organisationId?: string }[],
  visits: ReadonlyMap<string, number>,
  { consistent = false }: { consistent?: boolean } = {},
): Promise<AllocationIndex> => {
  const index = emptyIndex();
  const days = [...new Set(dates)];
  const [booked, visited] = await Promise.all([Promise.all(days.map((date) => bookedOn(visit, date, consistent))), servicesVisitedByHostStaff(visit)]);
  days.forEach((date, position) => index.bookedOn.set(date, new Set(booked[position])));
  for (const serviceId of visited) index.reviewersServicesByHost.set(serviceId, new Set([visit.hostServiceId]));
  for (const reviewer of reviewers) {
    const count = Math.max(0, visits.get(reviewer.id) ?? 0);
    if (count === 0) continue;
    index.visitsByReviewer.set(reviewer.id, count);
    if (reviewer.organisationId !== undefined) index.placesByOrganisation.set(reviewer.organisationId, (index.placesByOrganisation.get(reviewer.organisationId) ?? 0) + count);
  }
  return index;
};

const placeOf = (date: string, reviewerId: string) => `${date}#${reviewerId}`;

const bookingPut = (visit: Visit, date: string, member: TeamMember): TransactItem => ({
  Put: {
    TableName: tableName,
    Item: {
      ...bookingKey(visit.networkId, visit.cohortId, date, member.reviewerId),
      itemType: BOOKING_ITEM,
      ...visit,
      date,
      reviewerId: member.reviewerId,
      role: member.role,
      ...(member.organisationId === undefined ? {} : { organisationId: member.organisationId }),
      ...(member.serviceId === undefined
        ? {}
        : { serviceId: member.serviceId, ...visitsByServiceStaffKeys(visit.networkId, visit.cohortId, member.serviceId, visit.hostServiceId, date, member.reviewerId) }),
    },
    // The reviewer's day is free, or already this cycle's (a retried or re-made allocation).
    ConditionExpression: 'attribute_not_exists(pk) OR cycleId = :cycleId',
    ExpressionAttributeValues: { ':cycleId': visit.cycleId },
    ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
  },
});

const bookingDelete = (visit: Visit, date: string, reviewerId: string): TransactItem => ({
  Delete: {
    TableName: tableName,
    Key: bookingKey(visit.networkId, visit.cohortId, date, reviewerId),
    // Never another cycle's place; one already gone is fine.
    ConditionExpression: 'attribute_not_exists(pk) OR cycleId = :cycleId',
    ExpressionAttributeValues: { ':cycleId': visit.cycleId },
  },
});

/** A reviewer removed from the pool meanwhile cancels the transaction rather than being re-created as an empty item. */
const visitsUpdate = (visit: Visit, reviewerId: string, delta: number): TransactItem => ({
  Update: {
    TableName: tableName,
    Key: reviewerKey(visit.networkId, reviewerId),
    UpdateExpression: 'ADD #visits :delta',
    ConditionExpression: 'attribute_exists(pk)',
    ExpressionAttributeNames: { '#visits': cohortVisitsAttribute(visit.cohortId) },
    ExpressionAttributeValues: { ':delta': delta },
  },
});

/**
 * TransactWriteItems items that move a cycle's bookings from the team it held (`before`) to the one
 * it now holds (`after`): a Put for each new place, a Delete for each place given up, and each
 * reviewer's visit count moved by the difference (only for reviewers `inPool`: one who left the
 * pool has no item to count on).
 */
const bookingChanges = (visit: Visit, before: DayTeam | undefined, after: DayTeam | undefined, inPool: (reviewerId: string) => boolean): TransactItem[] => {
  const places = (held: DayTeam | undefined) => new Map((held?.team ?? []).map((member) => [placeOf(held!.date, member.reviewerId), member]));
  const was = places(before);
  const now = places(after);
  const added = [...now].filter(([place]) => !was.has(place)).map(([, member]) => member);
  const given = [...was].filter(([place]) => !now.has(place)).map(([, member]) => member);
  const delta = new Map<string, number>();
  for (const member of added) delta.set(member.reviewerId, (delta.get(member.reviewerId) ?? 0) + 1);
  for (const member of given) delta.set(member.reviewerId, (delta.get(member.reviewerId) ?? 0) - 1);
  return [
    ...added.map((member) => bookingPut(visit, after!.date, member)),
    ...given.map((member) => bookingDelete(visit, before!.date, member.reviewerId)),
    ...[...delta].filter(([reviewerId, change]) => change !== 0 && inPool(reviewerId)).map(([reviewerId, change]) => visitsUpdate(visit, reviewerId, change)),
  ];
};

const isBooking = (item: TransactItem | undefined): boolean => item?.Put?.Item?.itemType === BOOKING_ITEM;

/**
 * The reviewers whose day another allocation took first, when that is why the transaction was
 * cancelled (its condition failed, or DynamoDB cancelled it as conflicting with the other one);
 * undefined for any other refusal.
 */
const bookingsTakenMeanwhile = (error: unknown, items: readonly TransactItem[]): string[] | undefined => {
  const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
  const conflicts = reasons.flatMap((reason, index) => (reason.Code === 'TransactionConflict' && isBooking(items[index]) ? [index] : []));
  const failed = (transactionConditionFailures(error) ?? []).map((failure) => failure.index);
  const refused = [...failed, ...conflicts];
  if (refused.length === 0 || !refused.every((index) => isBooking(items[index]))) return undefined;
  return refused.map((index) => String(items[index].Put?.Item?.reviewerId));
};

const keyOf = (item: TransactItem): string | undefined => (item.Update ? JSON.stringify([item.Update.Key?.pk, item.Update.Key?.sk]) : undefined);
const clauseWords = (expression: string): string[] => [...(expression.match(/\b(SET|ADD|REMOVE|DELETE)\b/g) ?? [])];

/**
 * One transaction may not hold two operations on one item: a reviewer's load count
 * (helpers/reviewer-load.ts, SET) and their visit count (ADD) on the same pool item become one
 * Update with both clauses and both conditions.
 */
const mergeUpdates = (items: readonly TransactItem[]): TransactItem[] => {
  const merged: TransactItem[] = [];
  const byKey = new Map<string, number>();
  for (const item of items) {
    const key = keyOf(item);
    const at = key === undefined ? undefined : byKey.get(key);
    if (key === undefined || at === undefined) {
      if (key !== undefined) byKey.set(key, merged.length);
      merged.push(item);
      continue;
    }
    const first = merged[at].Update!;
    const second = item.Update!;
    const words = clauseWords(first.UpdateExpression ?? '');
    if (clauseWords(second.UpdateExpression ?? '').some((word) => words.includes(word))) throw new Error(`Two updates of ${key} with the same clause cannot be merged`);
    const conditions = [...new Set([first.ConditionExpression, second.ConditionExpression].filter((condition): condition is string => condition !== undefined))];
    merged[at] = {
      Update: {
        ...first,
        UpdateExpression: `${first.UpdateExpression} ${second.UpdateExpression}`,
        ...(conditions.length > 0 ? { ConditionExpression: conditions.length === 1 ? conditions[0] : conditions.map((condition) => `(${condition})`).join(' AND ') } : {}),
        ExpressionAttributeNames: { ...first.ExpressionAttributeNames, ...second.ExpressionAttributeNames },
        ExpressionAttributeValues: { ...first.ExpressionAttributeValues, ...second.ExpressionAttributeValues },
      },
    };
  }
  return merged;
};

const isInPool = async (networkId: string, reviewerId: string): Promise<boolean> => {
  const { Item } = await documentClient.send(new GetCommand({ TableName: tableName, Key: reviewerKey(networkId, reviewerId), ProjectionExpression: 'pk', ConsistentRead: true }));
  return Item !== undefined;
};

/**
 * TransactWriteItems items that give up a cancelled visit's places: its team no longer counts as
 * booked that day, nor in each reviewer's visits. A retry finds them gone and changes nothing.
 */
const releaseBookings = async (cycleId: string): Promise<TransactItem[]> => {
  const { Item } = await documentClient.send(new GetCommand({ TableName: tableName, Key: allocationKey(cycleId), ConsistentRead: true }));
  const record = Item as (Visit & { status: string; date?: string; team: TeamMember[] }) | undefined;
  const held = heldBy(record);
  if (!record || !held) return [];
  const members = await Promise.all(held.team.map(async (member) => [member.reviewerId, await isInPool(record.networkId, member.reviewerId)] as const));
  const inPool = new Map(members);
  const visit: Visit = { networkId: record.networkId, cohortId: record.cohortId, cycleId, hostServiceId: record.hostServiceId, hostOrganisationId: record.hostOrganisationId };
  return bookingChanges(visit, held, undefined, (reviewerId) => inPool.get(reviewerId) === true);
};

/** A cancelled visit's places, as the visit's cancellation releases them: the load counted on confirmation and the bookings. */
const releaseVisit = async (cycleId: string): Promise<TransactItem[]> => {
  const [load, bookings] = await Promise.all([releaseReviewerLoad(cycleId), releaseBookings(cycleId)]);
  return mergeUpdates([...(load as TransactItem[]), ...bookings]);
};

export { bookedOn, bookingChanges, bookingIndex, bookingsTakenMeanwhile, heldBy, mergeUpdates, releaseBookings, releaseVisit, servicesVisitedByHostStaff };
export type { DayTeam, Visit };
