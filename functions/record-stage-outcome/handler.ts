// Records what came of a stage (a submission, a missed deadline, the committee's decision, the
// report of a developmental member) on the cycle, with its audit event, in one transaction; and
// tells the service the outcome. Each state entry records once however often Lambda retries.
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { parser } from '@aws-lambda-powertools/parser/middleware';
import { TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import middy from '@middy/core';
import { documentClient } from '#commons/clients/dynamodb';
import { now } from '#commons/clock';
import { tableName } from '#commons/env';
import { CycleNotFoundError, CycleOwnedByAnotherExecutionError } from '#commons/errors';
import { AuditEventType, auditEventItem } from '#commons/helpers/audit';
import { isConditionalCheckFailure, transactionConditionFailures } from '#commons/helpers/conditions';
import { EmailTemplate, cycleLink, sendTemplatedEmail } from '#commons/helpers/emails';
import { getCycle } from '#commons/helpers/records';
import type { CycleRecord } from '#commons/helpers/records';
import { stageLabel } from '#commons/helpers/stage-labels';
import { cycleKey, cycleListingSortKey, taskKey } from '#commons/helpers/table-keys';
import { logger } from '#commons/powertools/logger';
import { StageOutcome, recordStageOutcomeEventSchema } from '#commons/schemas/events';
import type { RecordStageOutcomeEvent } from '#commons/schemas/events';
import { CycleStatus, Decision, TaskStatus } from '#commons/schemas/workflow';
import type { CycleStatus as CycleStatusValue } from '#commons/schemas/workflow';

const cycleExists = 'attribute_exists(pk)';
const ownedByExecution = 'executionArn = :executionArn';
const notYetRecorded = '(attribute_not_exists(lastOccurrenceId) OR lastOccurrenceId <> :occurrenceId)';

const statusByDecision = {
  [Decision.accredited]: CycleStatus.accredited,
  [Decision.deferred]: CycleStatus.deferred,
  [Decision.notAccredited]: CycleStatus.notAccredited,
} as const;

const statusAfter = (event: RecordStageOutcomeEvent): CycleStatusValue => {
  switch (event.outcome) {
    case StageOutcome.submitted:
      return CycleStatus.active;
    case StageOutcome.overdue:
      return CycleStatus.overdue;
    case StageOutcome.reportIssued:
      return CycleStatus.reportIssued;
    case StageOutcome.decided:
      if (!event.decision) throw new Error('A decided outcome needs its decision');
      return statusByDecision[event.decision];
  }
};

/** Outcomes the service is told about by email; submissions and overdue notices are not (yet). */
const isAnnounced = (event: RecordStageOutcomeEvent): boolean =>
  event.outcome === StageOutcome.decided || event.outcome === StageOutcome.reportIssued;

const closeTimedOutTask = (event: RecordStageOutcomeEvent) => ({
  Update: {
    TableName: tableName,
    Key: taskKey(event.cycleId, event.stage),
    // Leaves the open-tasks index: nothing more to remind about once the deadline has passed.
    UpdateExpression: 'SET #status = :timedOut REMOVE gsi2pk, gsi2sk',
    ConditionExpression: 'attribute_exists(pk)',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: { ':timedOut': TaskStatus.timedOut },
  },
});

const recordOutcome = async (event: RecordStageOutcomeEvent, cycle: CycleRecord, status: CycleStatusValue, at: Date) => {
  const iso = at.toISOString();
  const key = cycleKey(event.cycleId);
  const decisionFields = event.decision ? ', decision = :decision, decisionReason = :reason' : '';
  await documentClient.send(
    new TransactWriteCommand({
      TransactItems: [
        {
          Update: {
            TableName: tableName,
            Key: key,
            UpdateExpression: `SET #stage = :stage, #status = :status, lastOccurrenceId = :occurrenceId, updatedAt = :at, gsi1sk = :listing${decisionFields}`,
            ConditionExpression: `${cycleExists} AND ${ownedByExecution} AND ${notYetRecorded}`,
            ExpressionAttributeNames: { '#stage': 'stage', '#status': 'status' },
            ExpressionAttributeValues: {
              ':stage': event.stage,
              ':status': status,
              ':occurrenceId': event.occurrenceId,
              ':at': iso,
              ':listing': cycleListingSortKey(cycle.cohortId, event.stage, event.cycleId),
              ':executionArn': event.executionArn,
              ...(event.decision ? { ':decision': event.decision, ':reason': event.reason ?? '' } : {}),
            },
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          },
        },
        {
          Put: {
            TableName: tableName,
            Item: auditEventItem({
              entityPk: key.pk,
              type: AuditEventType.stageRecorded,
              at,
              actor: event.executionArn,
              detail: { stage: event.stage, outcome: event.outcome, status, decision: event.decision, reason: event.reason },
            }),
          },
        },
        ...(event.outcome === StageOutcome.overdue ? [closeTimedOutTask(event)] : []),
      ],
    }),
  );
};

const explainRefusal = (error: unknown, event: RecordStageOutcomeEvent): void => {
  const failures = transactionConditionFailures(error);
  const cycleFailure = failures?.find((failure) => failure.index === 0);
  if (!cycleFailure) throw error;
  const old = cycleFailure.oldItem;
  if (!old) throw new CycleNotFoundError(event.cycleId, { cause: error });
  if (old.executionArn !== event.executionArn) {
    throw new CycleOwnedByAnotherExecutionError(event.cycleId, old.executionArn as string, { cause: error });
  }
  // Same execution, same occurrence: a retry of a write that already succeeded.
};

const announceOnce = async (event: RecordStageOutcomeEvent, cycle: CycleRecord, status: CycleStatusValue) => {
  const fresh = await getCycle(event.cycleId);
  if (fresh?.notifiedOccurrences?.includes(event.occurrenceId)) return;
  await sendTemplatedEmail({
    to: [...cycle.contacts.serviceLead, ...cycle.contacts.committee],
    template: EmailTemplate.outcome,
    data: {
      serviceName: cycle.serviceName,
      networkName: cycle.networkName,
      cycleId: cycle.cycleId,
      stageLabel: stageLabel(event.stage),
      status,
      decision: event.decision ?? null,
      reason: event.reason ?? '',
      link: cycleLink(cycle.cycleId),
    },
  });
  try {
    await documentClient.send(
      new UpdateCommand({
        TableName: tableName,
        Key: cycleKey(event.cycleId),
        UpdateExpression: 'SET notifiedOccurrences = list_append(if_not_exists(notifiedOccurrences, :none), :occurrence)',
        ConditionExpression: 'attribute_not_exists(notifiedOccurrences) OR NOT contains(notifiedOccurrences, :occurrenceId)',
        ExpressionAttributeValues: { ':none': [], ':occurrence': [event.occurrenceId], ':occurrenceId': event.occurrenceId },
      }),
    );
  } catch (error) {
    if (!isConditionalCheckFailure(error)) throw error;
  }
};

const recordStageOutcome = async (event: RecordStageOutcomeEvent): Promise<{ cycleId: string; status: string }> => {
  const cycle = await getCycle(event.cycleId);
  if (!cycle) throw new CycleNotFoundError(event.cycleId);
  const status = statusAfter(event);
  try {
    await recordOutcome(event, cycle, status, now());
  } catch (error) {
    explainRefusal(error, event);
  }
  if (isAnnounced(event)) await announceOnce(event, cycle, status);
  logger.info('Stage outcome recorded', { cycleId: event.cycleId, stage: event.stage, outcome: event.outcome, status });
  return { cycleId: event.cycleId, status };
};

const handler = middy(recordStageOutcome)
  .use(injectLambdaContext(logger))
  .use(parser({ schema: recordStageOutcomeEventSchema }));

export { handler, recordStageOutcome };
