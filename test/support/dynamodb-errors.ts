// DynamoDB condition failures as the SDK raises them, for unit tests of the handlers' idempotency.
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';

/** `failed` maps a transaction item's index to its old item (null: the item did not exist). */
const transactionCancelled = (itemCount: number, failed: Record<number, Record<string, unknown> | null>) =>
  new TransactionCanceledException({
    message: 'Transaction cancelled, please refer cancellation reasons for specific reasons',
    $metadata: {},
    CancellationReasons: Array.from({ length: itemCount }, (_unused, index) => {
      if (!(index in failed)) return { Code: 'None' };
      const old = failed[index];
      return { Code: 'ConditionalCheckFailed', ...(old ? { Item: marshall(old, { removeUndefinedValues: true }) } : {}) };
    }),
  });

const conditionalCheckFailed = () =>
  new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} });

export { conditionalCheckFailed, transactionCancelled };
