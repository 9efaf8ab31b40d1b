// The one way handlers write: a DynamoDB transaction. When it carries a cycle's audit events, they
// are numbered here (data/audit.ts): the cycle's counter is read, each event gets the next number as
// its sort key, and the counter moves in the same transaction, on the cycle item the transaction
// already changes or on its own. Two writers that read the same counter cannot both commit; the
// loser reads the counter again and retries, so numbers are never skipped nor shared.
//
// The counter is read once per invocation, not once per transaction (issue 14): a step that has
// just read the cycle (helpers/records.ts) leaves its counter here, and a committed transaction
// leaves the counter it wrote, so the next transaction starts from it. A guess that is out of date
// costs one refused transaction and the usual re-read; guesses older than a few seconds (a warm
// container's last invocation) are not used.
import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../clients/dynamodb.ts';
import { tableName } from '../env.ts';
import { transactionConditionFailures } from '../helpers/conditions.ts';
import { cycleKey } from '../helpers/table-keys.ts';
import { isCycleAuditEvent, sequencedAuditSk } from './audit.ts';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** Lost races in a row before giving up: each retry means another writer committed meanwhile. */
const MAX_ATTEMPTS = 8;
const COUNTER = 'auditSeq';

/** Counters seen in this invocation, by cycle partition, with when they were seen (wall clock). */
const knownSequences = new Map<string, { value: number; seenAt: number }>();
const FRESH_FOR_MS = 5_000;

/** The counter as a step has just read it with the cycle item. */
const noteAuditSequence = (cyclePk: string, value: unknown): void => {
  knownSequences.set(cyclePk, { value: Number(value ?? 0), seenAt: Date.now() });
};

const recentSequence = (cyclePk: string): number | undefined => {
  const known = knownSequences.get(cyclePk);
  knownSequences.delete(cyclePk);
  return known && Date.now() - known.seenAt <= FRESH_FOR_MS ? known.value : undefined;
};

const currentSequence = async (cyclePk: string): Promise<number> => {
  const { Item } = await documentClient.send(
    new GetCommand({ TableName: tableName, Key: { pk: cyclePk, sk: cycleKey('').sk }, ProjectionExpression: COUNTER, ConsistentRead: true }),
  );
  return Number(Item?.[COUNTER] ?? 0);
};

const isCycleItem = (key: Record<string, unknown> | undefined, cyclePk: string) => key?.pk === cyclePk && key?.sk === cycleKey('').sk;

/** The counter still reads `previous` (no other event was numbered meanwhile). */
const counterCondition = (previous: number) => (previous === 0 ? `attribute_not_exists(#auditSeq)` : `#auditSeq = :auditSeqPrevious`);

const withCounterOnUpdate = (update: NonNullable<TransactItem['Update']>, previous: number, next: number): TransactItem => ({
  Update: {
    ...update,
    UpdateExpression: /\bSET\b/.test(update.UpdateExpression ?? '')
      ? (update.UpdateExpression ?? '').replace(/\bSET\b/, 'SET #auditSeq = :auditSeqNext,')
      : `SET #auditSeq = :auditSeqNext ${update.UpdateExpression ?? ''}`,
    ConditionExpression: update.ConditionExpression ? `(${update.ConditionExpression}) AND ${counterCondition(previous)}` : counterCondition(previous),
    ExpressionAttributeNames: { ...update.ExpressionAttributeNames, '#auditSeq': COUNTER },
    ExpressionAttributeValues: { ...update.ExpressionAttributeValues, ':auditSeqNext': next, ...(previous === 0 ? {} : { ':auditSeqPrevious': previous }) },
    ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
  },
});

const counterUpdate = (cyclePk: string, previous: number, next: number): TransactItem =>
  withCounterOnUpdate({ TableName: tableName, Key: { pk: cyclePk, sk: cycleKey('').sk }, UpdateExpression: '', ConditionExpression: 'attribute_exists(pk)' }, previous, next);

/** The items with the cycle's events numbered from `previous + 1` and the counter moved to the last number. */
const numbered = (items: readonly TransactItem[], cyclePk: string, previous: number): TransactItem[] => {
  let next = previous;
  const renumbered = items.map((item): TransactItem => {
    if (!isCycleAuditEvent(item.Put?.Item) || item.Put?.Item?.pk !== cyclePk) return item;
    next += 1;
    return { Put: { ...item.Put, Item: { ...item.Put.Item, sk: sequencedAuditSk(next), seq: next } } };
  });
  const cycleIndex = renumbered.findIndex((item) => isCycleItem(item.Update?.Key ?? item.Put?.Item, cyclePk));
  if (cycleIndex < 0) return [...renumbered, counterUpdate(cyclePk, previous, next)];
  const cycleItem = renumbered[cycleIndex];
  renumbered[cycleIndex] = cycleItem.Update
    ? withCounterOnUpdate(cycleItem.Update, previous, next)
    : { Put: { ...cycleItem.Put!, Item: { ...cycleItem.Put!.Item, [COUNTER]: next }, ReturnValuesOnConditionCheckFailure: 'ALL_OLD' } };
  return renumbered;
};

/** The transaction was refused because another writer moved the cycle's counter first. */
const lostTheRace = (error: unknown, items: readonly TransactItem[], cyclePk: string, previous: number): boolean => {
  const failures = transactionConditionFailures(error) ?? [];
  return failures.some(({ index, oldItem }) => isCycleItem(items[index]?.Update?.Key ?? items[index]?.Put?.Item, cyclePk) && oldItem !== undefined && Number(oldItem[COUNTER] ?? 0) !== previous);
};

/**
 * Sends one transaction. Refusals reach the caller as the SDK raised them (the caller's data module
 * turns them into domain errors); item positions are kept, and a separate counter update goes last.
 */
const writeTransaction = async (input: TransactWriteCommandInput): Promise<void> => {
  const items = input.TransactItems ?? [];
  const cyclePk = items.map((item) => item.Put?.Item).find(isCycleAuditEvent)?.pk as string | undefined;
  if (cyclePk === undefined) {
    await documentClient.send(new TransactWriteCommand(input));
    return;
  }
  const recent = recentSequence(cyclePk);
  for (let attempt = 1; ; attempt += 1) {
    const previous = attempt === 1 && recent !== undefined ? recent : await currentSequence(cyclePk);
    const transaction = numbered(items, cyclePk, previous);
    try {
      await documentClient.send(new TransactWriteCommand({ ...input, TransactItems: transaction }));
      noteAuditSequence(cyclePk, previous + items.filter((item) => isCycleAuditEvent(item.Put?.Item) && item.Put?.Item?.pk === cyclePk).length);
      return;
    } catch (error) {
      if (attempt >= MAX_ATTEMPTS || !lostTheRace(error, transaction, cyclePk, previous)) throw error;
    }
  }
};

export { noteAuditSequence, writeTransaction };
export type { TransactItem };
