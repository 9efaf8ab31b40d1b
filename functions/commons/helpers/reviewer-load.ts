// Each reviewer's `reviewsThisYear` (the load the allocation balances) counts the teams they are
// confirmed on, automatic or hand-picked alike (issue 10): a place counts once every member has
// accepted, so a declined or lapsed invitation never counts. The updates travel in the
// confirmation's own transaction, so a repeated confirmation never counts twice.
import { tableName } from '../env.ts';
import { reviewerKey } from './table-keys.ts';

/** TransactWriteItems Update items, one per reviewer; a reviewer removed from the pool meanwhile cancels the transaction rather than being re-created. */
const reviewerLoadUpdates = (networkId: string, reviewerIds: readonly string[]) =>
  reviewerIds.map((reviewerId) => ({
    Update: {
      TableName: tableName,
      Key: reviewerKey(networkId, reviewerId),
      UpdateExpression: 'SET reviewsThisYear = if_not_exists(reviewsThisYear, :zero) + :one',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':zero': 0, ':one': 1 },
    },
  }));

export { reviewerLoadUpdates };
