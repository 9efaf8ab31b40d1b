// Reading DynamoDB conditional-write failures. TransactWriteItems reports one reason per item
// (in request order); with ReturnValuesOnConditionCheckFailure=ALL_OLD a failed condition
// carries the item as it was, which tells an idempotent retry from a real conflict.
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';

interface ConditionFailure {
  /** Position of the item in the transaction. */
  index: number;
  /** The item before the write, or undefined when it did not exist. */
  oldItem: Record<string, unknown> | undefined;
}

const toItem = (item: Record<string, AttributeValue> | undefined) =>
  item && Object.keys(item).length > 0 ? unmarshall(item) : undefined;

/** The items whose condition failed, or undefined when the error is not a condition failure. */
const transactionConditionFailures = (error: unknown): ConditionFailure[] | undefined => {
  if (!(error instanceof TransactionCanceledException)) return undefined;
  const reasons = error.CancellationReasons ?? [];
  const failures = reasons
    .map((reason, index) => ({ reason, index }))
    .filter(({ reason }) => reason.Code === 'ConditionalCheckFailed')
    .map(({ reason, index }) => ({ index, oldItem: toItem(reason.Item) }));
  return failures.length > 0 ? failures : undefined;
};

const isConditionalCheckFailure = (error: unknown): error is ConditionalCheckFailedException =>
  error instanceof ConditionalCheckFailedException;

export { isConditionalCheckFailure, transactionConditionFailures };
export type { ConditionFailure };
