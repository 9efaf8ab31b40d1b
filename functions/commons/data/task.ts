// The callback task record (`TASK#<stage>` under the cycle): opening a task stores its token and
// moves the cycle to the stage in one transaction with its audit event. Conditions are named so a
// refusal reads as the domain error that explains it.
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { looseObject, optional, record, string, unknown, enum as zEnum } from '#core/zod-mini';
import { documentClient } from '../clients/dynamodb.ts';
import { CycleNotFoundError, CycleOwnedByAnotherExecutionError, CycleWithdrawnError, TaskAlreadyPendingError } from '../errors.ts';
import { tableName } from '../env.ts';
import { isConditionalCheckFailure, transactionConditionFailures } from '../helpers/conditions.ts';
import type { CycleRecord, TaskRecord } from '../helpers/records.ts';
import { TASK_PREFIX, cycleKey, cycleListingSortKey, openTaskKeys, taskKey } from '../helpers/table-keys.ts';
import { CycleStatus, TaskPhase, TaskStatus } from '#core/vocabulary';
import { AuditEventType, auditPut } from './audit.ts';
import type { AuditEventInput } from './audit.ts';
import type { SentMark } from './email-once.ts';
import { queryAll } from './query.ts';
import { parseOptionalRecord, parseRecords } from './record-schema.ts';
import { writeTransaction } from './transaction.ts';
import type { TransactItem } from './transaction.ts';

const cycleExists = 'attribute_exists(pk)';
const ownedByExecution = 'executionArn = :executionArn';
const notWithdrawn = '#status <> :withdrawn';
/**
 * No open task, or the open one belongs to this execution (a Lambda retry gets a fresh token) or
 * to the execution this one took over from (resumeAt). Safe only together with ownedByExecution.
 */
const noPendingToken = '(attribute_not_exists(#status) OR #status <> :open OR executionArn IN (:executionArn, :supersededArn))';
/** Same token already stored = this very invocation was retried: nothing to write. */
const notTheSameToken = '(attribute_not_exists(tokenHash) OR tokenHash <> :tokenHash)';

const OpenTaskItem = { cycle: 0, task: 1 } as const;

/** What the steps and the API rely on; other attributes are kept as stored. */
const taskRecordSchema = looseObject({
  cycleId: string(),
  stage: string(),
  status: zEnum(Object.values(TaskStatus)),
  phase: optional(zEnum(Object.values(TaskPhase))),
  tokenHash: string(),
  executionArn: string(),
  dueAt: string(),
  nextReminderOn: optional(string()),
  submission: optional(record(string(), unknown())),
});

/** A stored task item (or nothing) as a TaskRecord, checked. */
const readTask = (item: unknown): TaskRecord | undefined => parseOptionalRecord('task', taskRecordSchema, item) as TaskRecord | undefined;

/** The index keys of the reminder sweep's open-tasks index, for a task next reminded on `nextReminderOn`. */
const reminderIndexFields = (task: Pick<TaskRecord, 'cycleId' | 'stage'>, nextReminderOn: string | undefined) =>
  nextReminderOn === undefined ? {} : { nextReminderOn, ...openTaskKeys(nextReminderOn, task.cycleId, task.stage) };

/** Stores the task (its token) and moves the cycle to its stage, open or overdue, with the audit event. */
const storeOpenedTask = async (cycle: CycleRecord, task: TaskRecord, nextReminderOn: string | undefined, at: Date) => {
  const overdue = task.status === TaskStatus.overdue;
  await writeTransaction({
    TransactItems: [
      {
        Update: {
          TableName: tableName,
          Key: cycleKey(task.cycleId),
          UpdateExpression: 'SET #stage = :stage, #status = :status, currentDeadline = :dueAt, updatedAt = :at, gsi1sk = :listing',
          ConditionExpression: `${cycleExists} AND ${ownedByExecution} AND ${notWithdrawn}`,
          ExpressionAttributeNames: { '#stage': 'stage', '#status': 'status' },
          ExpressionAttributeValues: {
            ':stage': task.stage,
            ':status': overdue ? CycleStatus.overdue : CycleStatus.awaitingSubmission,
            ':dueAt': task.dueAt,
            ':at': at.toISOString(),
            ':listing': cycleListingSortKey(cycle.cohortId, task.stage, task.cycleId),
            ':executionArn': task.executionArn,
            ':withdrawn': CycleStatus.withdrawn,
          },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        },
      },
      {
        Put: {
          TableName: tableName,
          Item: { ...taskKey(task.cycleId, task.stage), itemType: 'task', ...task, ...reminderIndexFields(task, nextReminderOn) },
          ConditionExpression: `${noPendingToken} AND ${notTheSameToken}`,
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':open': TaskStatus.open,
            ':executionArn': task.executionArn,
            ':supersededArn': cycle.previousExecutionArn ?? task.executionArn,
            ':tokenHash': task.tokenHash,
          },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        },
      },
      auditPut({
        entityPk: cycleKey(task.cycleId).pk,
        type: overdue ? AuditEventType.awaitingExtension : AuditEventType.taskOpened,
        at,
        actor: task.executionArn,
        detail: { stage: task.stage, dueAt: task.dueAt, tokenHash: task.tokenHash },
      }),
    ],
  });
};

/** Turns a refused storeOpenedTask into the reason; returns quietly when the same invocation was retried. */
const explainOpenRefusal = (error: unknown, task: Pick<TaskRecord, 'cycleId' | 'stage' | 'tokenHash'>): void => {
  const failures = transactionConditionFailures(error);
  if (!failures) throw error;
  for (const { index, oldItem } of failures) {
    if (index === OpenTaskItem.cycle) {
      if (!oldItem) throw new CycleNotFoundError(task.cycleId, { cause: error });
      if (oldItem.status === CycleStatus.withdrawn) throw new CycleWithdrawnError(task.cycleId, { cause: error });
      throw new CycleOwnedByAnotherExecutionError(task.cycleId, oldItem.executionArn as string, { cause: error });
    }
    if (index === OpenTaskItem.task && oldItem?.tokenHash !== task.tokenHash) {
      throw new TaskAlreadyPendingError(task.cycleId, task.stage, { cause: error });
    }
  }
};

/** The mark that the opening emails of this token and deadline went out (a newer token sends its own). */
const taskNotifiedMark = (task: Pick<TaskRecord, 'cycleId' | 'stage' | 'tokenHash' | 'dueAt'>): SentMark => ({
  Key: taskKey(task.cycleId, task.stage),
  UpdateExpression: 'SET notifiedTokenHash = :tokenHash, notifiedDueAt = :dueAt',
  ConditionExpression: 'tokenHash = :tokenHash',
  ExpressionAttributeValues: { ':tokenHash': task.tokenHash, ':dueAt': task.dueAt },
});

const pendingStatuses: readonly string[] = [TaskStatus.open, TaskStatus.overdue];
/** Open, or overdue and waiting for staff: someone still owes it. */
const isPending = (task: Pick<TaskRecord, 'status'>): boolean => pendingStatuses.includes(task.status);

/**
 * The transaction item that closes a pending task when no answer came: timed out and out of the
 * reminder index, or (`keepsReminders`) overdue and still escalated by the sweep.
 */
const closeTask = (task: Pick<TaskRecord, 'cycleId' | 'stage'>, keepsReminders: boolean) => ({
  Update: {
    TableName: tableName,
    Key: taskKey(task.cycleId, task.stage),
    UpdateExpression: keepsReminders ? 'SET #status = :closed' : 'SET #status = :closed REMOVE gsi2pk, gsi2sk',
    ConditionExpression: 'attribute_exists(pk)',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: { ':closed': keepsReminders ? TaskStatus.overdue : TaskStatus.timedOut },
  },
});

interface TaskChange {
  UpdateExpression: string;
  ConditionExpression: string;
  ExpressionAttributeValues: Record<string, unknown>;
}

/** One change of a task (its status is `#status`) with its audit event, in one transaction. */
/** A task change with its audit event (and, for an answer, the hand-over to the workflow) in one transaction. */
const writeTaskChange = (task: Pick<TaskRecord, 'cycleId' | 'stage'>, change: TaskChange, audit: Omit<AuditEventInput, 'entityPk'>, handOver?: TransactItem) =>
  writeTransaction({
    TransactItems: [
      { Update: { TableName: tableName, Key: taskKey(task.cycleId, task.stage), ExpressionAttributeNames: { '#status': 'status' }, ...change } },
      auditPut({ entityPk: cycleKey(task.cycleId).pk, ...audit }),
      ...(handOver ? [handOver] : []),
    ],
  });

/** A person's answer to an open task; it leaves the open-tasks index, so no reminder follows it. */
const recordSubmission = (task: TaskRecord, submission: Record<string, unknown>, submittedBy: string, at: Date, handOver: TransactItem) =>
  writeTaskChange(
    task,
    {
      UpdateExpression: 'SET #status = :submitted, submission = :submission, submittedAt = :at, submittedBy = :by REMOVE gsi2pk, gsi2sk',
      ConditionExpression: '#status = :open AND tokenHash = :tokenHash',
      ExpressionAttributeValues: { ':submitted': TaskStatus.submitted, ':open': TaskStatus.open, ':submission': submission, ':at': at.toISOString(), ':by': submittedBy, ':tokenHash': task.tokenHash },
    },
    { type: AuditEventType.submissionReceived, at, actor: submittedBy, detail: { stage: task.stage, tokenHash: task.tokenHash, submission } },
    handOver,
  );

/** The new deadline and its reason, with the audit event and the hand-over that reopens the step, in one transaction. */
const recordExtension = async (task: TaskRecord, dueAt: string, request: { extendedBy: string; reason: string }, at: Date, handOver: TransactItem) => {
  await writeTransaction({
    TransactItems: [
      {
        Update: {
          TableName: tableName,
          Key: cycleKey(task.cycleId),
          UpdateExpression: 'SET deadlines.#stage = :dueAt, updatedAt = :at',
          ConditionExpression: 'attribute_exists(pk) AND #status <> :withdrawn',
          ExpressionAttributeNames: { '#stage': task.stage, '#status': 'status' },
          ExpressionAttributeValues: { ':dueAt': dueAt, ':at': at.toISOString(), ':withdrawn': CycleStatus.withdrawn },
        },
      },
      {
        Update: {
          TableName: tableName,
          Key: taskKey(task.cycleId, task.stage),
          UpdateExpression: 'SET extendedTo = :dueAt',
          ConditionExpression: 'tokenHash = :tokenHash AND #status IN (:open, :overdue)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':dueAt': dueAt, ':tokenHash': task.tokenHash, ':open': TaskStatus.open, ':overdue': TaskStatus.overdue },
        },
      },
      auditPut({
        entityPk: cycleKey(task.cycleId).pk,
        type: AuditEventType.deadlineExtended,
        at,
        actor: request.extendedBy,
        detail: { stage: task.stage, from: task.dueAt, to: dueAt, reason: request.reason, tokenHash: task.tokenHash },
      }),
      handOver,
    ],
  });
};

/** Moves the task's place in the index to its next reminder date, unless it closed or moved meanwhile. */
const moveToNextReminder = async (task: TaskRecord, next: string): Promise<void> => {
  try {
    await documentClient.send(
      new UpdateCommand({
        TableName: tableName,
        Key: taskKey(task.cycleId, task.stage),
        UpdateExpression: 'SET nextReminderOn = :next, gsi2sk = :sortKey',
        ConditionExpression: 'attribute_exists(gsi2pk) AND dueAt = :dueAt AND tokenHash = :tokenHash',
        ExpressionAttributeValues: {
          ':next': next,
          ':sortKey': openTaskKeys(next, task.cycleId, task.stage).gsi2sk,
          ':dueAt': task.dueAt,
          ':tokenHash': task.tokenHash,
        },
      }),
    );
  } catch (error) {
    // The task was submitted, extended or reopened since we read it: its writer set the index.
    if (!isConditionalCheckFailure(error)) throw error;
  }
};

/**
 * Closes the cycle's tasks still pending for steps the workflow has moved past when it opens
 * `openedStage` (issue 10, defect 7): the visit, held until its day and then simply passed, and any
 * step a resumed execution went beyond. One execution waits on one step at a time, so every other
 * pending task is done with. Each closes with its audit event; one answered meanwhile is left as
 * its answer recorded it. `tasks`: the cycle's tasks as the step read them (data/cycle.ts
 * cycleWithTasks), read before the step's own write; the conditions catch any change since.
 */
const closePassedTasks = async (tasks: readonly TaskRecord[], openedStage: string, at: Date, actor: string): Promise<void> => {
  const passed = tasks.filter((task) => task.stage !== openedStage && isPending(task));
  for (const task of passed) {
    try {
      await writeTaskChange(
        task,
        {
          UpdateExpression: 'SET #status = :timedOut, closedAt = :at REMOVE gsi2pk, gsi2sk',
          ConditionExpression: '#status = :before AND tokenHash = :tokenHash',
          ExpressionAttributeValues: { ':timedOut': TaskStatus.timedOut, ':at': at.toISOString(), ':before': task.status, ':tokenHash': task.tokenHash },
        },
        { type: AuditEventType.stageRecorded, at, actor, detail: { stage: task.stage, outcome: 'passed', status: TaskStatus.timedOut, next: openedStage } },
      );
    } catch (error) {
      if (!transactionConditionFailures(error)) throw error;
    }
  }
};

export { readTask, taskRecordSchema, closePassedTasks, moveToNextReminder, closeTask, explainOpenRefusal, recordExtension, recordSubmission, writeTaskChange, isPending, reminderIndexFields, storeOpenedTask, taskNotifiedMark };
