// Opens a human step (a `.waitForTaskToken` task): stores the task token for (cycle, stage),
// moves the cycle to that stage, and emails the people who must act. The email carries a link
// with the cycle id and stage, never the token: the API resolves it to the stored token.
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { parser } from '@aws-lambda-powertools/parser/middleware';
import { TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import middy from '@middy/core';
import { documentClient } from '#commons/clients/dynamodb';
import { now } from '#commons/clock';
import { tableName } from '#commons/env';
import { CycleNotFoundError, CycleOwnedByAnotherExecutionError, TaskAlreadyPendingError } from '#commons/errors';
import { AuditEventType, auditEventItem } from '#commons/helpers/audit';
import { isConditionalCheckFailure, transactionConditionFailures } from '#commons/helpers/conditions';
import { EmailTemplate, sendTemplatedEmail, taskLink } from '#commons/helpers/emails';
import { getCycle, getTask } from '#commons/helpers/records';
import type { CycleRecord, TaskRecord } from '#commons/helpers/records';
import { stageLabel } from '#commons/helpers/stage-labels';
import { cycleKey, cycleListingSortKey, openTaskKeys, taskKey } from '#commons/helpers/table-keys';
import { hashToken } from '#commons/helpers/token-hash';
import { logger } from '#commons/powertools/logger';
import { openCallbackTaskEventSchema } from '#commons/schemas/events';
import type { OpenCallbackTaskEvent } from '#commons/schemas/events';
import { CycleStatus, TaskStatus } from '#commons/schemas/workflow';

// Conditions, named so each failure reason can be told apart.
const cycleExists = 'attribute_exists(pk)';
const ownedByExecution = 'executionArn = :executionArn';
/**
 * No open task, or the open one belongs to this execution (a Lambda retry gets a fresh token) or
 * to the execution this one took over from (resumeAt). Safe only together with ownedByExecution.
 */
const noPendingToken = '(attribute_not_exists(#status) OR #status <> :open OR executionArn IN (:executionArn, :supersededArn))';
/** Same token already stored = this very invocation was retried: nothing to write. */
const notTheSameToken = '(attribute_not_exists(tokenHash) OR tokenHash <> :tokenHash)';

const TransactionItem = { cycle: 0, task: 1, audit: 2 } as const;

/**
 * The first reminder of the stage still to come (per-network offsets in UK working days, from the
 * core's timetable), else the due date: the reminder sweep reads the open-tasks index up to today.
 */
const nextReminderOn = (cycle: CycleRecord, stage: string, dueAt: string, today: string): string => {
  const milestone = cycle.timetable.find((candidate) => candidate.stage === stage);
  const upcoming = (milestone?.reminders ?? []).map((reminder) => reminder.on).filter((on) => on >= today).sort();
  return upcoming[0] ?? dueAt.slice(0, 10);
};

const storeToken = async (event: OpenCallbackTaskEvent, cycle: CycleRecord, tokenHash: string, at: Date) => {
  const iso = at.toISOString();
  const nextReminder = nextReminderOn(cycle, event.stage, event.dueAt, iso.slice(0, 10));
  const task: TaskRecord = {
    cycleId: event.cycleId,
    stage: event.stage,
    status: TaskStatus.open,
    token: event.taskToken,
    tokenHash,
    executionArn: event.executionArn,
    dueAt: event.dueAt,
    openedAt: iso,
  };
  await documentClient.send(
    new TransactWriteCommand({
      TransactItems: [
        {
          Update: {
            TableName: tableName,
            Key: cycleKey(event.cycleId),
            UpdateExpression:
              'SET #stage = :stage, #status = :awaiting, currentDeadline = :dueAt, updatedAt = :at, gsi1sk = :listing',
            ConditionExpression: `${cycleExists} AND ${ownedByExecution}`,
            ExpressionAttributeNames: { '#stage': 'stage', '#status': 'status' },
            ExpressionAttributeValues: {
              ':stage': event.stage,
              ':awaiting': CycleStatus.awaitingSubmission,
              ':dueAt': event.dueAt,
              ':at': iso,
              ':listing': cycleListingSortKey(cycle.cohortId, event.stage, event.cycleId),
              ':executionArn': event.executionArn,
            },
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          },
        },
        {
          Put: {
            TableName: tableName,
            Item: {
              ...taskKey(event.cycleId, event.stage),
              itemType: 'task',
              ...task,
              nextReminderOn: nextReminder,
              ...openTaskKeys(nextReminder, event.cycleId, event.stage),
            },
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
              type: AuditEventType.taskOpened,
              at,
              actor: event.executionArn,
              detail: { stage: event.stage, dueAt: event.dueAt, tokenHash },
            }),
          },
        },
      ],
    }),
  );
};

/** Turns a refused transaction into the reason, or returns quietly for an idempotent retry. */
const explainRefusal = (error: unknown, event: OpenCallbackTaskEvent, tokenHash: string): void => {
  const failures = transactionConditionFailures(error);
  if (!failures) throw error;
  for (const { index, oldItem } of failures) {
    if (index === TransactionItem.cycle) {
      if (!oldItem) throw new CycleNotFoundError(event.cycleId, { cause: error });
      throw new CycleOwnedByAnotherExecutionError(event.cycleId, oldItem.executionArn as string, { cause: error });
    }
    if (index === TransactionItem.task && oldItem?.tokenHash !== tokenHash) {
      throw new TaskAlreadyPendingError(event.cycleId, event.stage, { cause: error });
    }
  }
};

const notifyOnce = async (event: OpenCallbackTaskEvent, cycle: CycleRecord, tokenHash: string): Promise<void> => {
  const recipients = event.recipientRole === 'committee' ? cycle.contacts.committee : cycle.contacts.serviceLead;
  await sendTemplatedEmail({
    to: recipients,
    template: EmailTemplate.taskOpened,
    data: {
      serviceName: cycle.serviceName,
      networkName: cycle.networkName,
      cycleId: cycle.cycleId,
      stage: event.stage,
      stageLabel: stageLabel(event.stage),
      dueOn: event.dueAt.slice(0, 10),
      link: taskLink(cycle.cycleId, event.stage),
    },
  });
  try {
    await documentClient.send(
      new UpdateCommand({
        TableName: tableName,
        Key: taskKey(event.cycleId, event.stage),
        UpdateExpression: 'SET notifiedTokenHash = :tokenHash',
        ConditionExpression: 'tokenHash = :tokenHash',
        ExpressionAttributeValues: { ':tokenHash': tokenHash },
      }),
    );
  } catch (error) {
    // A newer attempt replaced the token meanwhile; it sends its own notice.
    if (!isConditionalCheckFailure(error)) throw error;
  }
};

const openCallbackTask = async (event: OpenCallbackTaskEvent): Promise<{ tokenHash: string }> => {
  const tokenHash = hashToken(event.taskToken);
  const cycle = await getCycle(event.cycleId);
  if (!cycle) throw new CycleNotFoundError(event.cycleId);
  try {
    await storeToken(event, cycle, tokenHash, now());
  } catch (error) {
    explainRefusal(error, event, tokenHash);
    logger.info('Task token already stored; retry of the same invocation', { cycleId: event.cycleId, tokenHash });
  }
  const stored = await getTask(event.cycleId, event.stage);
  if (stored?.notifiedTokenHash !== tokenHash) await notifyOnce(event, cycle, tokenHash);
  logger.info('Callback task opened', { cycleId: event.cycleId, stage: event.stage, tokenHash });
  return { tokenHash };
};

const handler = middy(openCallbackTask)
  // Never log this event, whatever POWERTOOLS_LOGGER_LOG_EVENT says: it carries the task token.
  .use(injectLambdaContext(logger, { logEvent: false }))
  .use(parser({ schema: openCallbackTaskEventSchema }));

export { handler, openCallbackTask };
