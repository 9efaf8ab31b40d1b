// Each reviewer's `reviewsThisYear` (the load the allocation balances) counts the visits they are
// confirmed on, automatic or hand-picked alike (issue 10): a place counts once every member has
// accepted, so a declined or lapsed invitation never counts. Each counted place is recorded under
// the cycle (`LOAD#<reviewerId>`) in the same transaction as the count, so a place counts once per
// (reviewer, cycle) however often the team is confirmed again or the same reviewer is re-allocated
// after a rebooking; a cancelled visit releases its places (the count goes back down), and a
// rebooked visit counts its team afresh. A reviewer thus carries one place per visit they will do.
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { int, number, object, optional, string, enum as zEnum } from '#core/zod-mini';
import { documentClient } from '../clients/dynamodb.ts';
import { tableName } from '../env.ts';
import { queryAll } from '../data/query.ts';
import { parseRecords } from '../data/record-schema.ts';
import { cycleKey, reviewerKey } from './table-keys.ts';

const PLACE_PREFIX = 'LOAD#';
const PlaceStatus = { counted: 'counted', released: 'released' } as const;

const placeSchema = object({ cycleId: string(), networkId: string(), reviewerId: string(), status: zEnum(Object.values(PlaceStatus)) });
const placeKey = (cycleId: string, reviewerId: string) => ({ pk: cycleKey(cycleId).pk, sk: `${PLACE_PREFIX}${reviewerId}` });

/** The places counted for this cycle (strongly consistent: the confirmation just before may have written them). */
const countedPlaces = async (cycleId: string) => {
  const items = await queryAll({
    TableName: tableName,
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': cycleKey(cycleId).pk, ':prefix': PLACE_PREFIX },
    ConsistentRead: true,
  });
  return parseRecords('reviewer place', placeSchema, items).filter((place) => place.status === PlaceStatus.counted);
};

/**
 * TransactWriteItems items that count each reviewer's place on this cycle's visit, for reviewers
 * not counted for it already. A reviewer removed from the pool meanwhile cancels the transaction
 * rather than being re-created; so does a concurrent count of the same place.
 */
const reviewerLoadUpdates = async (networkId: string, cycleId: string, reviewerIds: readonly string[]) => {
  const counted = new Set((await countedPlaces(cycleId)).map((place) => place.reviewerId));
  return reviewerIds
    .filter((reviewerId) => !counted.has(reviewerId))
    .flatMap((reviewerId) => [
      {
        Put: {
          TableName: tableName,
          Item: { ...placeKey(cycleId, reviewerId), itemType: 'reviewer-place', cycleId, networkId, reviewerId, status: PlaceStatus.counted },
          ConditionExpression: 'attribute_not_exists(pk) OR #status = :released',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':released': PlaceStatus.released },
        },
      },
      {
        Update: {
          TableName: tableName,
          Key: reviewerKey(networkId, reviewerId),
          UpdateExpression: 'SET reviewsThisYear = if_not_exists(reviewsThisYear, :zero) + :one',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':zero': 0, ':one': 1 },
        },
      },
    ]);
};

const loadSchema = object({ reviewsThisYear: optional(number().check(int())) });

/** The reviewer's current count, or undefined when they left the pool. */
const currentLoad = async (networkId: string, reviewerId: string): Promise<number | undefined> => {
  const { Item } = await documentClient.send(new GetCommand({ TableName: tableName, Key: reviewerKey(networkId, reviewerId), ConsistentRead: true }));
  return Item ? (parseRecords('reviewer', loadSchema, [Item])[0].reviewsThisYear ?? 0) : undefined;
};

/**
 * TransactWriteItems items that release the places of a cancelled visit: each counted place is
 * marked released and its reviewer's count goes down by one (never below zero, and not for a
 * reviewer who left the pool). A retry finds them released and adds nothing.
 */
const releaseReviewerLoad = async (cycleId: string) => {
  const places = await countedPlaces(cycleId);
  const loads = await Promise.all(places.map((place) => currentLoad(place.networkId, place.reviewerId)));
  return places.flatMap((place, index) => [
    {
      Update: {
        TableName: tableName,
        Key: placeKey(cycleId, place.reviewerId),
        UpdateExpression: 'SET #status = :released',
        ConditionExpression: '#status = :counted',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':released': PlaceStatus.released, ':counted': PlaceStatus.counted },
      },
    },
    ...((loads[index] ?? 0) > 0
      ? [
          {
            Update: {
              TableName: tableName,
              Key: reviewerKey(place.networkId, place.reviewerId),
              UpdateExpression: 'SET reviewsThisYear = reviewsThisYear - :one',
              ConditionExpression: 'attribute_exists(pk)',
              ExpressionAttributeValues: { ':one': 1 },
            },
          },
        ]
      : []),
  ]);
};

export { releaseReviewerLoad, reviewerLoadUpdates };
