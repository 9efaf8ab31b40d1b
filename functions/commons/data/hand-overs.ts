// Hand-overs to the workflow: the transactional outbox of DESIGN §2. "Record a person's answer,
// then tell Step Functions" spans two systems, so the answer and a pending hand-over are written
// in one DynamoDB transaction, and the Step Functions call is made from the hand-over: at once by
// the API, and again by the relay (a DynamoDB Streams trigger on AWS, the local stream reader on
// one machine) if the API died before it got there.
//
// A hand-over is claimed before its call with a short lease, so the API and the relay never call
// Step Functions for it at the same time, and counted, so the first call can be told from a retry.
import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { discriminatedUnion, enum as enumOf, gte, int, literal, minLength, number, object, optional, string } from '#core/zod-mini';
import type { infer as Infer } from '#core/zod-mini';
import { documentClient } from '../clients/dynamodb.ts';
import { tableName } from '../env.ts';
import { isConditionalCheckFailure } from '../helpers/conditions.ts';
import { TableIndex } from '../helpers/table-keys.ts';

const HandOverStatus = {
  pending: 'pending',
  delivered: 'delivered',
  /** Step Functions said the task had already ended before the first call: the answer came too late. */
  refused: 'refused',
} as const;
type HandOverStatus = (typeof HandOverStatus)[keyof typeof HandOverStatus];

const HAND_OVER_PREFIX = 'HANDOVER#';
/** Sparse: only pending hand-overs carry it, so start-up and a reconciler find the unfinished ones with a Query. */
const PENDING_HAND_OVERS_PARTITION = 'HANDOVERS#PENDING';
/** How long a claim keeps the other deliverer away; longer than one Step Functions call with its SDK retries. */
const LEASE_MS = 30_000;

/** The Step Functions call a hand-over makes, in the API's member names. */
const HandOverCommand = discriminatedUnion('kind', [
  object({ kind: literal('send-task-success'), taskToken: string().check(minLength(1)), output: string() }),
  object({ kind: literal('stop-execution'), executionArn: string().check(minLength(1)), error: string(), cause: string() }),
  object({ kind: literal('start-execution'), stateMachineArn: string().check(minLength(1)), name: string().check(minLength(1)), input: string() }),
]);
type HandOverCommand = Infer<typeof HandOverCommand>;

/** What to record if Step Functions says the task ended before the first call (a late submission). */
const LateRefusal = object({ stage: string(), tokenHash: string(), actor: string() });
type LateRefusal = Infer<typeof LateRefusal>;

const HandOverRecord = object({
  cycleId: string(),
  handOverId: string(),
  command: HandOverCommand,
  status: enumOf(HandOverStatus),
  attempts: number().check(int(), gte(0)),
  leaseUntil: optional(number()),
  createdAt: string(),
  settledAt: optional(string()),
  lateRefusal: optional(LateRefusal),
  after: optional(string()),
});
type HandOverRecord = Infer<typeof HandOverRecord>;

const handOverKey = (cycleId: string, handOverId: string) => ({ pk: `CYCLE#${cycleId}`, sk: `${HAND_OVER_PREFIX}${handOverId}` });

interface NewHandOver {
  cycleId: string;
  /** Names what is handed over (e.g. `submission#self-review#<tokenHash>`): the same answer never makes two. */
  handOverId: string;
  command: HandOverCommand;
  at: Date;
  lateRefusal?: LateRefusal;
  /**
   * Another hand-over of the same cycle that must be delivered first: a resume stops the old
   * execution only once the new one has started, whichever deliverer gets to each.
   */
  after?: string;
}

/** The Put that joins the transaction recording the answer. */
const handOverPut = ({ cycleId, handOverId, command, at, lateRefusal, after }: NewHandOver) => ({
  Put: {
    TableName: tableName,
    Item: {
      ...handOverKey(cycleId, handOverId),
      itemType: 'hand-over',
      gsi2pk: PENDING_HAND_OVERS_PARTITION,
      gsi2sk: `${at.toISOString()}#${cycleId}#${handOverId}`,
      cycleId,
      handOverId,
      command,
      status: HandOverStatus.pending,
      attempts: 0,
      createdAt: at.toISOString(),
      ...(lateRefusal ? { lateRefusal } : {}),
      ...(after ? { after } : {}),
    },
    ConditionExpression: 'attribute_not_exists(pk)',
  },
});

const getHandOver = async (cycleId: string, handOverId: string): Promise<HandOverRecord | undefined> => {
  const { Item } = await documentClient.send(new GetCommand({ TableName: tableName, Key: handOverKey(cycleId, handOverId), ConsistentRead: true }));
  return Item ? HandOverRecord.parse(Item) : undefined;
};

type Claim = { claimed: HandOverRecord } | { settled: HandOverRecord } | { leasedUntil: number } | { missing: true };

/**
 * Takes the hand-over for one Step Functions call: pending, and nobody else's lease running.
 * Leases are in wall-clock time on purpose: they measure whether a process is still alive, not
 * the review's business time (which a manual clock may hold still).
 */
const claimHandOver = async (cycleId: string, handOverId: string, wallClockNow = Date.now()): Promise<Claim> => {
  try {
    const { Attributes } = await documentClient.send(
      new UpdateCommand({
        TableName: tableName,
        Key: handOverKey(cycleId, handOverId),
        UpdateExpression: 'SET attempts = attempts + :one, leaseUntil = :leaseUntil',
        ConditionExpression: '#status = :pending AND (attribute_not_exists(leaseUntil) OR leaseUntil < :now)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':one': 1, ':leaseUntil': wallClockNow + LEASE_MS, ':pending': HandOverStatus.pending, ':now': wallClockNow },
        ReturnValues: 'ALL_NEW',
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
    return { claimed: HandOverRecord.parse(Attributes) };
  } catch (error) {
    if (!isConditionalCheckFailure(error)) throw error;
    if (!error.Item) return { missing: true };
    const current = await getHandOver(cycleId, handOverId);
    if (!current) return { missing: true };
    if (current.status !== HandOverStatus.pending) return { settled: current };
    return { leasedUntil: current.leaseUntil ?? wallClockNow };
  }
};

/** The Update that settles a claimed hand-over (alone, or inside the transaction that records a refusal). */
const settleHandOverUpdate = (record: HandOverRecord, status: Exclude<HandOverStatus, 'pending'>, at: Date) => ({
  TableName: tableName,
  Key: handOverKey(record.cycleId, record.handOverId),
  UpdateExpression: 'SET #status = :status, settledAt = :at REMOVE gsi2pk, gsi2sk, leaseUntil',
  ConditionExpression: '#status = :pending AND attempts = :attempts',
  ExpressionAttributeNames: { '#status': 'status' },
  ExpressionAttributeValues: { ':status': status, ':at': at.toISOString(), ':pending': HandOverStatus.pending, ':attempts': record.attempts },
});

const settleHandOver = async (record: HandOverRecord, status: Exclude<HandOverStatus, 'pending'>, at: Date): Promise<void> => {
  await documentClient.send(new UpdateCommand(settleHandOverUpdate(record, status, at)));
};

/** Gives a claim back without a call (the hand-over it waits for is not delivered yet): the next deliverer may take it at once. */
const releaseHandOver = async (record: HandOverRecord): Promise<void> => {
  try {
    await documentClient.send(
      new UpdateCommand({
        TableName: tableName,
        Key: handOverKey(record.cycleId, record.handOverId),
        // The attempt made no call, so it does not count: the first real call is still told from a retry.
        UpdateExpression: 'SET attempts = attempts - :one REMOVE leaseUntil',
        ConditionExpression: '#status = :pending AND attempts = :attempts',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':one': 1, ':pending': HandOverStatus.pending, ':attempts': record.attempts },
      }),
    );
  } catch (error) {
    // Another deliverer took it after the lease ran out: theirs now.
    if (!isConditionalCheckFailure(error)) throw error;
  }
};

/** Pending hand-overs, oldest first: what a relay that was down must still deliver. */
const pendingHandOvers = async (limit = 100): Promise<Array<{ cycleId: string; handOverId: string }>> => {
  const { Items = [] } = await documentClient.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: TableIndex.openTasks,
      KeyConditionExpression: 'gsi2pk = :pending',
      ExpressionAttributeValues: { ':pending': PENDING_HAND_OVERS_PARTITION },
      Limit: limit,
    }),
  );
  return Items.map((item) => ({ cycleId: String(item.cycleId), handOverId: String(item.handOverId) }));
};

export {
  claimHandOver,
  getHandOver,
  HAND_OVER_PREFIX,
  HandOverCommand,
  HandOverRecord,
  HandOverStatus,
  handOverKey,
  handOverPut,
  LEASE_MS,
  pendingHandOvers,
  releaseHandOver,
  settleHandOver,
  settleHandOverUpdate,
};
export type { Claim, LateRefusal, NewHandOver };
