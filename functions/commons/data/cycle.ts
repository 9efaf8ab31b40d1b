// The one way a step changes a cycle: a conditional Update of the cycle item, written in the same
// transaction as its audit event. The conditions say which execution may change the cycle, that a
// withdrawn cycle is never changed, and that a retried state entry (same occurrence) writes once.
import { array, looseObject, nullish, optional, pick, record, string, enum as zEnum } from '#core/zod-mini';
import { CycleNotFoundError, CycleOwnedByAnotherExecutionError, CycleWithdrawnError } from '../errors.ts';
import { tableName } from '../env.ts';
import { CycleStatus, MembershipType, Outcome, TaskStatus } from '#core/vocabulary';
import { transactionConditionFailures } from '../helpers/conditions.ts';
import type { CycleRecord, Milestone, TaskRecord } from '../helpers/records.ts';
import { CYCLE_LISTING_ATTRIBUTES } from '#contracts/index-projections';
import { TASK_PREFIX, TableIndex, taskKey, timetableKey, cycleKey, cycleListingSortKey, cyclesOfNetworkPartition } from '../helpers/table-keys.ts';
import { parseOptionalRecord, parseRecord, parseRecords } from './record-schema.ts';
import { taskRecordSchema } from './task.ts';
import { queryAll } from './query.ts';
import { AuditEventType, auditPut } from './audit.ts';
import { noteAuditSequence, writeTransaction } from './transaction.ts';
import type { TransactItem } from './transaction.ts';
import type { SentMark } from './email-once.ts';

/** What the steps, the API and the workflow view rely on; other attributes are kept as stored. */
const cycleRecordSchema = looseObject({
  cycleId: string(),
  serviceId: string(),
  networkId: string(),
  cohortId: string(),
  membershipType: zEnum(Object.values(MembershipType)),
  stage: string(),
  status: zEnum(Object.values(CycleStatus)),
  executionArn: string(),
  timetable: array(looseObject({ stage: string(), dueOn: string() })),
  contacts: looseObject({ serviceLead: array(string()), committee: array(string()) }),
  deadlines: optional(record(string(), string())),
  visitDate: nullish(string()),
  decision: optional(zEnum(Object.values(Outcome))),
  notifiedOccurrences: optional(array(string())),
});

/** A stored cycle item (or nothing) as a CycleRecord, checked. */
const readCycle = (item: unknown): CycleRecord | undefined => parseOptionalRecord('cycle', cycleRecordSchema, item) as CycleRecord | undefined;

const cycleExists = 'attribute_exists(pk)';
const ownedByExecution = 'executionArn = :executionArn';
const notWithdrawn = '#status <> :withdrawn';
const notYetRecorded = '(attribute_not_exists(lastOccurrenceId) OR lastOccurrenceId <> :occurrenceId)';

interface CycleChange {
  cycleId: string;
  cohortId: string;
  executionArn: string;
  /** State name + entry time: a retried Lambda records once, a later loop through the state again. */
  occurrenceId: string;
  stage: string;
  status: CycleStatus;
  /** Further attributes to set (top-level names; values as stored). */
  set?: Record<string, unknown>;
  /** Counters to add to (deferrals, appeals). */
  add?: Record<string, number>;
  /** Attributes to remove (a finished cycle's current deadline). */
  remove?: readonly string[];
  at: string;
}

/** The Update item of a TransactWriteItems for one cycle change. */
const cycleUpdate = (change: CycleChange) => {
  const values: Record<string, unknown> = {
    ':stage': change.stage,
    ':status': change.status,
    ':occurrenceId': change.occurrenceId,
    ':at': change.at,
    ':listing': cycleListingSortKey(change.cohortId, change.stage, change.cycleId),
    ':executionArn': change.executionArn,
    ':withdrawn': CycleStatus.withdrawn,
  };
  const names: Record<string, string> = { '#stage': 'stage', '#status': 'status' };
  const sets = ['#stage = :stage', '#status = :status', 'lastOccurrenceId = :occurrenceId', 'updatedAt = :at', 'gsi1sk = :listing'];
  Object.entries(change.set ?? {}).forEach(([name, value], index) => {
    names[`#s${index}`] = name;
    values[`:s${index}`] = value;
    sets.push(`#s${index} = :s${index}`);
  });
  const adds = Object.entries(change.add ?? {}).map(([name, value], index) => {
    names[`#a${index}`] = name;
    values[`:a${index}`] = value;
    return `#a${index} :a${index}`;
  });
  const removes = (change.remove ?? []).map((name, index) => {
    names[`#r${index}`] = name;
    return `#r${index}`;
  });
  return {
    Update: {
      TableName: tableName,
      Key: cycleKey(change.cycleId),
      UpdateExpression: `SET ${sets.join(', ')}${removes.length > 0 ? ` REMOVE ${removes.join(', ')}` : ''}${adds.length > 0 ? ` ADD ${adds.join(', ')}` : ''}`,
      ConditionExpression: `${cycleExists} AND ${ownedByExecution} AND ${notWithdrawn} AND ${notYetRecorded}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
    },
  };
};

/**
 * Reads a refused transaction whose item `cycleIndex` is a cycleUpdate: throws the domain error
 * that explains it, or returns quietly when it was a retry of a write that already succeeded.
 * Failures of other items are returned for the caller to judge.
 */
const explainCycleRefusal = (error: unknown, change: Pick<CycleChange, 'cycleId' | 'executionArn'>, cycleIndex = 0) => {
  const failures = transactionConditionFailures(error);
  if (!failures) throw error;
  const cycleFailure = failures.find((failure) => failure.index === cycleIndex);
  if (cycleFailure) {
    const old = cycleFailure.oldItem;
    if (!old) throw new CycleNotFoundError(change.cycleId, { cause: error });
    if (old.status === CycleStatus.withdrawn) throw new CycleWithdrawnError(change.cycleId, { cause: error });
    if (old.executionArn !== change.executionArn) {
      throw new CycleOwnedByAnotherExecutionError(change.cycleId, old.executionArn as string, { cause: error });
    }
  }
  return failures.filter((failure) => failure.index !== cycleIndex);
};

/** Records a new cycle with its first audit event; a concurrent attempt that recorded it first wins. */
/**
 * Records a new cycle with its timetable. The whole timetable (reminders, opening days: two-thirds
 * of the cycle's bytes) is its own item, written once here; the cycle item, rewritten at every step,
 * keeps only each milestone's planned deadline (issue 14).
 */
const createCycle = async (cycle: CycleRecord, timetable: readonly Milestone[], at: Date): Promise<CycleRecord> => {
  const key = cycleKey(cycle.cycleId);
  try {
    await writeTransaction({
      TransactItems: [
        {
          Put: {
            TableName: tableName,
            Item: {
              ...key,
              itemType: 'cycle',
              ...cycle,
              timetable: timetable.map(({ stage, dueOn }) => ({ stage, dueOn })),
              gsi1pk: cyclesOfNetworkPartition(cycle.networkId),
              gsi1sk: cycleListingSortKey(cycle.cohortId, cycle.stage, cycle.cycleId),
            },
            ConditionExpression: 'attribute_not_exists(pk)',
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          },
        },
        // Never changed after: the same attempt again finds the cycle item first and writes nothing.
        { Put: { TableName: tableName, Item: { ...timetableKey(cycle.cycleId), itemType: 'timetable', cycleId: cycle.cycleId, timetable } } },
        auditPut({
          entityPk: key.pk,
          type: AuditEventType.cycleEnrolled,
          at,
          actor: cycle.executionArn,
          detail: { serviceId: cycle.serviceId, cohortId: cycle.cohortId, startDate: cycle.startDate },
        }),
      ],
    });
    return cycle;
  } catch (error) {
    const [failure] = transactionConditionFailures(error) ?? [];
    // A concurrent attempt of the same task recorded it first: use what it recorded.
    if (failure?.oldItem) return readCycle(failure.oldItem) as CycleRecord;
    throw error;
  }
};

/** A resumed execution takes the cycle over from the one it was attached to (resumeAt). */
const attachToExecution = async (cycle: CycleRecord, executionArn: string, resumeAt: string | undefined, at: Date): Promise<CycleRecord> => {
  const key = cycleKey(cycle.cycleId);
  const iso = at.toISOString();
  await writeTransaction({
    TransactItems: [
      {
        Update: {
          TableName: tableName,
          Key: key,
          UpdateExpression: 'SET executionArn = :next, previousExecutionArn = :previous, updatedAt = :at',
          ConditionExpression: 'executionArn = :previous',
          ExpressionAttributeValues: { ':next': executionArn, ':previous': cycle.executionArn, ':at': iso },
        },
      },
      auditPut({
        entityPk: key.pk,
        type: AuditEventType.cycleResumed,
        at,
        actor: executionArn,
        detail: { resumeAt, previousExecutionArn: cycle.executionArn },
      }),
    ],
  });
  return { ...cycle, executionArn: executionArn, previousExecutionArn: cycle.executionArn, updatedAt: iso };
};

interface FollowUpStart {
  kind: string;
  startDate: string;
  cycleId: string;
  scheduleName: string;
}

/** Marks the follow-up cycles' notice sent, with its audit event; false when an earlier attempt already had. */
/** `emailed`: the follow-ups notice went out, so the cycle's `lastEmailSentAt` moves in the same write. */
const recordFollowUpsScheduled = async (cycleId: string, starts: readonly FollowUpStart[], group: string, at: Date, emailed = false): Promise<boolean> => {
  try {
    await writeTransaction({
      TransactItems: [
        {
          Update: {
            TableName: tableName,
            Key: cycleKey(cycleId),
            UpdateExpression: `SET followUpsNotifiedAt = :at, followUpCycles = :cycles${emailed ? ', lastEmailSentAt = :at' : ''}`,
            ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(followUpsNotifiedAt)',
            ExpressionAttributeValues: {
              ':at': at.toISOString(),
              ':cycles': starts,
            },
          },
        },
        auditPut({
          entityPk: cycleKey(cycleId).pk,
          type: AuditEventType.cycleStartsScheduled,
          at,
          actor: 'schedule-cycle-starts',
          detail: { group, starts },
        }),
      ],
    });
    return true;
  } catch (error) {
    if (!transactionConditionFailures(error)) throw error;
    return false;
  }
};

/** The cycle withdrawn, its audit event, its open task closed and the hand-over that stops its execution, in one transaction. */
const recordWithdrawal = async (
  cycle: CycleRecord,
  openTask: Pick<TaskRecord, 'cycleId' | 'stage'> | undefined,
  request: { withdrawnBy: string; reason: string },
  at: Date,
  handOver: TransactItem,
) => {
  const iso = at.toISOString();
  await writeTransaction({
    TransactItems: [
      {
        Update: {
          TableName: tableName,
          Key: cycleKey(cycle.cycleId),
          // A withdrawn service owes nothing more: no current deadline (issue 10, defect 7).
          UpdateExpression: 'SET #status = :withdrawn, withdrawnAt = :at, withdrawnBy = :by, withdrawalReason = :reason, updatedAt = :at REMOVE currentDeadline',
          ConditionExpression: 'attribute_exists(pk) AND #status <> :withdrawn',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':withdrawn': CycleStatus.withdrawn, ':at': iso, ':by': request.withdrawnBy, ':reason': request.reason },
        },
      },
      auditPut({
        entityPk: cycleKey(cycle.cycleId).pk,
        type: AuditEventType.cycleWithdrawn,
        at,
        actor: request.withdrawnBy,
        detail: { stage: cycle.stage, reason: request.reason, executionArn: cycle.executionArn },
      }),
      handOver,
      ...(openTask
        ? [
            {
              Update: {
                TableName: tableName,
                Key: taskKey(cycle.cycleId, cycle.stage),
                // Out of the open-tasks index: no reminder or escalation for a withdrawn service.
                UpdateExpression: 'SET #status = :withdrawn REMOVE gsi2pk, gsi2sk',
                ConditionExpression: 'attribute_exists(pk)',
                ExpressionAttributeNames: { '#status': 'status' },
                ExpressionAttributeValues: { ':withdrawn': TaskStatus.withdrawn },
              },
            },
          ]
        : []),
    ],
  });
};

/**
 * The record type of an item of a cycle's partition that the cycle's page reads as a record (its
 * state and its tasks); the rest (allocation, report, reminders, audit) is shown as stored, and
 * checked where it is read as a record (getAllocation, settledReminderIds).
 */
const recordTypeOf = (sk: string) => {
  if (sk === cycleKey('').sk) return { name: 'cycle', schema: cycleRecordSchema };
  if (sk.startsWith(TASK_PREFIX)) return { name: 'task', schema: taskRecordSchema };
  return undefined;
};

/** Every item of a cycle's partition: its state, tasks, allocation, report and audit trail (in number order); state and tasks checked. */
const cycleItems = async (cycleId: string): Promise<Record<string, unknown>[]> => {
  const items = await queryAll({ TableName: tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': cycleKey(cycleId).pk } });
  return items.map((item) => {
    const type = recordTypeOf(String(item.sk));
    return type ? (parseRecord(type.name, type.schema, item) as Record<string, unknown>) : item;
  });
};

/**
 * The cycle item and all its tasks in one consistent Query (issue 14): `STATE` sorts just before
 * `TASK#`, and nothing of a cycle's partition sorts between them. What a step opening needs (the
 * cycle, the step's task as it was, the steps it moves past) for one read instead of three.
 */
const cycleWithTasks = async (cycleId: string): Promise<{ cycle: CycleRecord | undefined; tasks: TaskRecord[] }> => {
  const { pk, sk } = cycleKey(cycleId);
  const items = await queryAll({
    TableName: tableName,
    KeyConditionExpression: 'pk = :pk AND sk BETWEEN :state AND :lastTask',
    ExpressionAttributeValues: { ':pk': pk, ':state': sk, ':lastTask': `${TASK_PREFIX}\uffff` },
    ConsistentRead: true,
  });
  const cycleItem = items.find((item) => item.sk === sk);
  // The audit counter comes with the item: the step's next transaction need not read it again.
  noteAuditSequence(pk, cycleItem?.auditSeq);
  const tasks = parseRecords('task', taskRecordSchema, items.filter((item) => String(item.sk).startsWith(TASK_PREFIX))) as unknown as TaskRecord[];
  return { cycle: readCycle(cycleItem), tasks };
};

/** A cycle as the index lists it (contracts/index-projections.ts): the listing fields, not the whole record. */
const cycleListingSchema = pick(cycleRecordSchema, { cycleId: true, serviceId: true, networkId: true, cohortId: true, stage: true, status: true });

/** A network's cycles, optionally one cohort's, optionally at one stage (the listing sort key), with their listing fields. */
const cyclesOfNetwork = async (networkId: string, cohortId?: string, stage?: string) => {
  const prefix = cohortId ? `COHORT#${cohortId}#${stage ? `STAGE#${stage}#` : ''}` : undefined;
  const items = await queryAll({
    TableName: tableName,
    IndexName: TableIndex.byNetwork,
    KeyConditionExpression: prefix ? 'gsi1pk = :partition AND begins_with(gsi1sk, :prefix)' : 'gsi1pk = :partition',
    ExpressionAttributeValues: { ':partition': cyclesOfNetworkPartition(networkId), ...(prefix ? { ':prefix': prefix } : {}) },
    ProjectionExpression: CYCLE_LISTING_ATTRIBUTES.map((_name, index) => `#l${index}`).join(', '),
    ExpressionAttributeNames: Object.fromEntries(CYCLE_LISTING_ATTRIBUTES.map((name, index) => [`#l${index}`, name])),
  });
  return parseRecords('cycle', cycleListingSchema, items);
};

/** The mark that an occurrence of a workflow state announced its outcome (data/email-once.ts). */
const occurrenceNotifiedMark = (cycleId: string, occurrenceId: string): SentMark => ({
  Key: cycleKey(cycleId),
  UpdateExpression: 'SET notifiedOccurrences = list_append(if_not_exists(notifiedOccurrences, :none), :occurrence)',
  ConditionExpression: 'attribute_not_exists(notifiedOccurrences) OR NOT contains(notifiedOccurrences, :occurrenceId)',
  ExpressionAttributeValues: { ':none': [], ':occurrence': [occurrenceId], ':occurrenceId': occurrenceId },
});

/** The mark that the welcome email of a cycle went out. */
const welcomeSentMark = (cycleId: string, at: Date): SentMark => ({
  Key: cycleKey(cycleId),
  UpdateExpression: 'SET welcomeEmailSentAt = :at',
  ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(welcomeEmailSentAt)',
  ExpressionAttributeValues: { ':at': at.toISOString() },
});

export { readCycle, cycleRecordSchema, cycleWithTasks, recordWithdrawal, attachToExecution, createCycle, cycleItems, cyclesOfNetwork, recordFollowUpsScheduled, cycleUpdate, explainCycleRefusal, occurrenceNotifiedMark, welcomeSentMark };
export type { CycleChange };
