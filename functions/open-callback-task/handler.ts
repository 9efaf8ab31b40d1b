// Opens a human step (a `.waitForTaskToken` task): stores the task token for (cycle, stage),
// moves the cycle to that stage, and emails the people who must act. The email carries a link
// with the cycle id and stage, never the token: the API resolves it to the stored token.
//
// Phase `overdue` is the same step after its deadline: the token is the one staff's extension
// completes; the cycle stays overdue and the reminder sweep keeps escalating from where it was.
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { writeTransaction } from '#commons/data/transaction';
import { parser } from '@aws-lambda-powertools/parser/middleware';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import middy from '@middy/core';
import { remindersForTask } from '#core/reminders';
import { ukDateOf } from '#core/uk-time';
import { documentClient } from '#commons/clients/dynamodb';
import { now } from '#commons/clock';
import { tableName } from '#commons/env';
import { CycleNotFoundError, CycleOwnedByAnotherExecutionError, CycleWithdrawnError, NetworkNotFoundError, TaskAlreadyPendingError } from '#commons/errors';
import { AuditEventType, auditEventItem } from '#commons/data/audit';
import { isConditionalCheckFailure, transactionConditionFailures } from '#commons/helpers/conditions';
import { sendTemplatedEmail } from '#commons/helpers/emails';
import { getNetwork, getTask, requireCycle } from '#commons/helpers/records';
import type { CycleRecord, TaskRecord } from '#commons/helpers/records';
import { cycleKey, cycleListingSortKey, openTaskKeys, taskKey } from '#commons/helpers/table-keys';
import { hashToken } from '#commons/helpers/token-hash';
import { logger } from '#commons/powertools/logger';
import { publishMetrics, recordStageEntered } from '#commons/powertools/metrics';
import { openCallbackTaskEventSchema } from '#commons/schemas/events';
import type { OpenCallbackTaskEvent } from '#commons/schemas/events';
import { CallbackStage, CycleStatus, TaskPhase, TaskStatus } from '#core/vocabulary';
import { stageEmails } from './stage-emails.ts';

// Conditions, named so each failure reason can be told apart.
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

const TransactionItem = { cycle: 0, task: 1, audit: 2 } as const;

/** Steps nobody is reminded of: the visit day is a date in the diary, not something owed. */
const unremindedStages: readonly string[] = [CallbackStage.visit];

/**
 * Where the reminder sweep finds the task: its first reminder still to come (the network's offsets
 * in UK working days, #core/reminders), else the due day, when the escalations start.
 */
const nextReminderOn = (stage: string, opensOn: string, dueOn: string, config: Parameters<typeof remindersForTask>[0]['config']): string => {
  const reminders = remindersForTask({ stage, opensOn, dueOn, config });
  return reminders.find((reminder) => reminder.on >= opensOn)?.on ?? dueOn;
};

/** The index keys the task carries: kept as they are while overdue (the sweep owns the ladder's progress). */
const reminderFields = async (event: OpenCallbackTaskEvent, cycle: CycleRecord, stored: TaskRecord | undefined, today: string) => {
  if (unremindedStages.includes(event.stage)) return {};
  if (event.phase === TaskPhase.overdue && stored?.nextReminderOn) {
    return { nextReminderOn: stored.nextReminderOn, ...openTaskKeys(stored.nextReminderOn, event.cycleId, event.stage) };
  }
  const network = await getNetwork(cycle.networkId);
  if (!network) throw new NetworkNotFoundError(cycle.networkId);
  const next = nextReminderOn(event.stage, today, ukDateOf(new Date(event.dueAt)), network.config);
  return { nextReminderOn: next, ...openTaskKeys(next, event.cycleId, event.stage) };
};

const storeToken = async (event: OpenCallbackTaskEvent, cycle: CycleRecord, stored: TaskRecord | undefined, tokenHash: string, at: Date) => {
  const iso = at.toISOString();
  const overdue = event.phase === TaskPhase.overdue;
  const task: TaskRecord = {
    cycleId: event.cycleId,
    stage: event.stage,
    status: overdue ? TaskStatus.overdue : TaskStatus.open,
    phase: event.phase,
    token: event.taskToken,
    tokenHash,
    executionArn: event.executionArn,
    dueAt: event.dueAt,
    openedAt: overdue && stored ? stored.openedAt : iso,
    ...(overdue && stored?.notifiedDueAt ? { notifiedDueAt: stored.notifiedDueAt } : {}),
  };
  await writeTransaction({
    TransactItems: [
      {
        Update: {
          TableName: tableName,
          Key: cycleKey(event.cycleId),
          UpdateExpression: 'SET #stage = :stage, #status = :status, currentDeadline = :dueAt, updatedAt = :at, gsi1sk = :listing',
          ConditionExpression: `${cycleExists} AND ${ownedByExecution} AND ${notWithdrawn}`,
          ExpressionAttributeNames: { '#stage': 'stage', '#status': 'status' },
          ExpressionAttributeValues: {
            ':stage': event.stage,
            ':status': overdue ? CycleStatus.overdue : CycleStatus.awaitingSubmission,
            ':dueAt': event.dueAt,
            ':at': iso,
            ':listing': cycleListingSortKey(cycle.cohortId, event.stage, event.cycleId),
            ':executionArn': event.executionArn,
            ':withdrawn': CycleStatus.withdrawn,
          },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        },
      },
      {
        Put: {
          TableName: tableName,
          Item: { ...taskKey(event.cycleId, event.stage), itemType: 'task', ...task, ...(await reminderFields(event, cycle, stored, ukDateOf(at))) },
          ConditionExpression: `${noPendingToken} AND ${notTheSameToken}`,
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':open': TaskStatus.open,
            ':executionArn': event.executionArn,
            ':supersededArn': cycle.previousExecutionArn ?? event.executionArn,
            ':tokenHash': tokenHash,
          },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        },
      },
      {
        Put: {
          TableName: tableName,
          Item: auditEventItem({
            entityPk: cycleKey(event.cycleId).pk,
            type: overdue ? AuditEventType.awaitingExtension : AuditEventType.taskOpened,
            at,
            actor: event.executionArn,
            detail: { stage: event.stage, dueAt: event.dueAt, tokenHash },
          }),
        },
      },
    ],
  });
};

/** Turns a refused transaction into the reason, or returns quietly for an idempotent retry. */
const explainRefusal = (error: unknown, event: OpenCallbackTaskEvent, tokenHash: string): void => {
  const failures = transactionConditionFailures(error);
  if (!failures) throw error;
  for (const { index, oldItem } of failures) {
    if (index === TransactionItem.cycle) {
      if (!oldItem) throw new CycleNotFoundError(event.cycleId, { cause: error });
      if (oldItem.status === CycleStatus.withdrawn) throw new CycleWithdrawnError(event.cycleId, { cause: error });
      throw new CycleOwnedByAnotherExecutionError(event.cycleId, oldItem.executionArn as string, { cause: error });
    }
    if (index === TransactionItem.task && oldItem?.tokenHash !== tokenHash) {
      throw new TaskAlreadyPendingError(event.cycleId, event.stage, { cause: error });
    }
  }
};

const pendingStatuses: readonly string[] = [TaskStatus.open, TaskStatus.overdue];

/**
 * Whether the people concerned were already told of this very step: a Lambda retry, or a resumed
 * execution reopening a step still pending with the same deadline. A new round of the step (after
 * it was answered: a rebooking, a second decision) or a new deadline (an extension) is news.
 */
const alreadyNotified = (before: TaskRecord | undefined, event: OpenCallbackTaskEvent): boolean =>
  before !== undefined && pendingStatuses.includes(before.status) && before.notifiedDueAt === event.dueAt;

/** Marked after sending: a crash in between repeats the email rather than losing it. */
const notifyOnce = async (event: OpenCallbackTaskEvent, cycle: CycleRecord, tokenHash: string, send: boolean): Promise<void> => {
  if (send) {
    for (const email of await stageEmails(cycle, event.stage, event.dueAt)) {
      if (email.to.length > 0) await sendTemplatedEmail(email);
    }
    recordStageEntered(event.stage);
  }
  try {
    await documentClient.send(
      new UpdateCommand({
        TableName: tableName,
        Key: taskKey(event.cycleId, event.stage),
        UpdateExpression: 'SET notifiedTokenHash = :tokenHash, notifiedDueAt = :dueAt',
        ConditionExpression: 'tokenHash = :tokenHash',
        ExpressionAttributeValues: { ':tokenHash': tokenHash, ':dueAt': event.dueAt },
      }),
    );
  } catch (error) {
    // A newer attempt replaced the token meanwhile; it sends its own notice.
    if (!isConditionalCheckFailure(error)) throw error;
  }
};

const openCallbackTask = async (event: OpenCallbackTaskEvent): Promise<{ tokenHash: string }> => {
  const tokenHash = hashToken(event.taskToken);
  const cycle = await requireCycle(event.cycleId);
  if (cycle.status === CycleStatus.withdrawn) throw new CycleWithdrawnError(event.cycleId);
  const before = await getTask(event.cycleId, event.stage);
  try {
    await storeToken(event, cycle, before, tokenHash, now());
  } catch (error) {
    explainRefusal(error, event, tokenHash);
    logger.info('Task token already stored; retry of the same invocation', { cycleId: event.cycleId, tokenHash });
  }
  const stored = await getTask(event.cycleId, event.stage);
  if (event.phase === TaskPhase.open && stored?.notifiedTokenHash !== tokenHash) {
    await notifyOnce(event, cycle, tokenHash, !alreadyNotified(before, event));
  }
  logger.info('Callback task opened', { cycleId: event.cycleId, stage: event.stage, phase: event.phase, tokenHash });
  return { tokenHash };
};

const handler = middy(openCallbackTask)
  // Never log this event, whatever POWERTOOLS_LOGGER_LOG_EVENT says: it carries the task token.
  .use(injectLambdaContext(logger, { logEvent: false }))
  .use(publishMetrics())
  .use(parser({ schema: openCallbackTaskEventSchema }));

export { handler, nextReminderOn, openCallbackTask };
