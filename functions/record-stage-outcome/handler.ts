// Records what came of a stage (a submission, a missed deadline, the committee's decision, a
// cancelled visit, an unanswered factual-accuracy check, a lapsed deferral or appeal window) on
// the cycle, with its audit event, in one transaction; and tells the people concerned. Each
// state entry records once however often Lambda retries. Returns the cycle's workflow view.
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { writeTransaction } from '#commons/data/transaction';
import { parser } from '@aws-lambda-powertools/parser/middleware';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import middy from '@middy/core';
import { buildVisitInvitation } from '#core/visit-invitation';
import { documentClient } from '#commons/clients/dynamodb';
import { now } from '#commons/clock';
import { tableName } from '#commons/env';
import { CycleWithdrawnError, NetworkNotFoundError } from '#commons/errors';
import { AuditEventType, auditEventItem } from '#commons/data/audit';
import { isConditionalCheckFailure } from '#commons/helpers/conditions';
import { cycleUpdate, explainCycleRefusal } from '#commons/data/cycle';
import { EmailTemplate, cycleLink, sendTemplatedEmail } from '#commons/helpers/emails';
import type { TemplatedEmail } from '#commons/helpers/emails';
import { AllocationStatus, getAllocation, getCycle, getNetwork, getTask, requireCycle } from '#commons/helpers/records';
import type { CycleRecord } from '#commons/helpers/records';
import { reviewerRoleLabel } from '#commons/helpers/review-team';
import { stageLabel } from '#commons/helpers/stage-labels';
import { allocationKey, cycleKey, taskKey } from '#commons/helpers/table-keys';
import { workflowView } from '#commons/helpers/workflow-view';
import type { WorkflowView } from '#commons/helpers/workflow-view';
import { logger } from '#commons/powertools/logger';
import { publishMetrics, recordStageEntered } from '#commons/powertools/metrics';
import { StageOutcome, recordStageOutcomeEventSchema } from '#commons/schemas/events';
import type { RecordStageOutcomeEvent } from '#commons/schemas/events';
import { CycleStatus, TaskStatus } from '#core/vocabulary';
import { Announcement, planOutcome } from './outcomes.ts';
import type { OutcomePlan } from './outcomes.ts';

const closableStatuses: readonly string[] = [TaskStatus.open, TaskStatus.overdue];

/** Closes the stage's task when no answer came: timed out, and (unless overdue) out of the reminder index. */
const closeTask = (event: RecordStageOutcomeEvent, plan: OutcomePlan) => ({
  Update: {
    TableName: tableName,
    Key: taskKey(event.cycleId, event.stage),
    UpdateExpression: plan.keepsReminders ? 'SET #status = :closed' : 'SET #status = :closed REMOVE gsi2pk, gsi2sk',
    ConditionExpression: 'attribute_exists(pk)',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: { ':closed': plan.keepsReminders ? TaskStatus.overdue : TaskStatus.timedOut },
  },
});

/** A cancelled visit's team no longer counts as booked, nor as having reviewed the host. */
const cancelAllocation = (event: RecordStageOutcomeEvent) => ({
  Update: {
    TableName: tableName,
    Key: allocationKey(event.cycleId),
    UpdateExpression: 'SET #status = :cancelled REMOVE gsi1pk, gsi1sk',
    ConditionExpression: 'attribute_exists(pk)',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: { ':cancelled': AllocationStatus.cancelled },
  },
});

const recordOutcome = async (event: RecordStageOutcomeEvent, cycle: CycleRecord, plan: OutcomePlan, at: Date) => {
  const task = plan.closesTask ? await getTask(event.cycleId, event.stage) : undefined;
  const closes = task !== undefined && closableStatuses.includes(task.status);
  await writeTransaction({
    TransactItems: [
      cycleUpdate({
        cycleId: event.cycleId,
        cohortId: cycle.cohortId,
        executionArn: event.executionArn,
        occurrenceId: event.occurrenceId,
        stage: plan.stage,
        status: plan.status,
        set: plan.set,
        ...(plan.add ? { add: plan.add } : {}),
        at: at.toISOString(),
      }),
      {
        Put: {
          TableName: tableName,
          Item: auditEventItem({
            entityPk: cycleKey(event.cycleId).pk,
            type: AuditEventType.stageRecorded,
            at,
            actor: event.executionArn,
            detail: { stage: event.stage, outcome: event.outcome, status: plan.status, decision: plan.decision, reason: plan.reason },
          }),
        },
      },
      ...(closes ? [closeTask(event, plan)] : []),
      ...(event.outcome === StageOutcome.visitCancelled ? [cancelAllocation(event)] : []),
    ],
  });
};

const outcomeEmail = (cycle: CycleRecord, event: RecordStageOutcomeEvent, plan: OutcomePlan): TemplatedEmail => ({
  to: [...cycle.contacts.serviceLead, ...cycle.contacts.committee],
  template: EmailTemplate.outcome,
  data: {
    serviceName: cycle.serviceName,
    networkName: cycle.networkName,
    cycleId: cycle.cycleId,
    stageLabel: stageLabel(event.stage),
    status: plan.status,
    decision: plan.decision ?? null,
    reason: plan.reason ?? '',
    link: cycleLink(cycle.cycleId),
  },
});

/** To the service and the team; reviewers also get the calendar cancellation of their invite. */
const visitCancelledEmails = async (cycle: CycleRecord, plan: OutcomePlan): Promise<TemplatedEmail[]> => {
  const allocation = await getAllocation(cycle.cycleId);
  const visitDate = cycle.visitDate ?? allocation?.date ?? '';
  const data = { serviceName: cycle.serviceName, networkName: cycle.networkName, cycleId: cycle.cycleId, visitDate, reason: plan.reason ?? '', link: cycleLink(cycle.cycleId) };
  const team = allocation?.team ?? [];
  const staff = (cycle.contacts.networkStaff ?? cycle.contacts.committee)[0];
  const cancellation =
    team.length > 0 && visitDate
      ? buildVisitInvitation({
          cycleId: cycle.cycleId,
          serviceName: cycle.serviceName,
          visitDate,
          reviewers: team.map((member) => ({ name: member.name, email: member.email, role: reviewerRoleLabel(member.role) })),
          organiser: { name: cycle.networkName, email: staff },
          sequence: cycle.visitBookings ?? 1,
          cancelled: true,
        })
      : undefined;
  return [
    { to: cycle.contacts.serviceLead, template: EmailTemplate.visitCancelled, data },
    ...(team.length > 0
      ? [{ to: team.map((member) => member.email), template: EmailTemplate.visitCancelled, data, ...(cancellation ? { attachments: [cancellation] } : {}) }]
      : []),
  ];
};

/** Marked after sending, per occurrence: a crash in between repeats the email rather than losing it. */
const announceOnce = async (event: RecordStageOutcomeEvent, cycle: CycleRecord, plan: OutcomePlan) => {
  if (plan.announce === Announcement.none) return;
  const fresh = await getCycle(event.cycleId);
  if (fresh?.notifiedOccurrences?.includes(event.occurrenceId)) return;
  const emails = plan.announce === Announcement.outcome ? [outcomeEmail(cycle, event, plan)] : await visitCancelledEmails(cycle, plan);
  for (const email of emails) await sendTemplatedEmail(email);
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

const recordStageOutcome = async (event: RecordStageOutcomeEvent): Promise<WorkflowView> => {
  const cycle = await requireCycle(event.cycleId);
  if (cycle.status === CycleStatus.withdrawn) throw new CycleWithdrawnError(event.cycleId);
  const network = await getNetwork(cycle.networkId);
  if (!network) throw new NetworkNotFoundError(cycle.networkId);
  const at = now();
  const plan = planOutcome({ event, cycle, config: network.config, at });
  try {
    await recordOutcome(event, cycle, plan, at);
    recordStageEntered(plan.stage);
  } catch (error) {
    explainCycleRefusal(error, event);
  }
  await announceOnce(event, cycle, plan);
  logger.info('Stage outcome recorded', { cycleId: event.cycleId, stage: event.stage, outcome: event.outcome, status: plan.status });
  const updated = await requireCycle(event.cycleId);
  return workflowView(updated);
};

const handler = middy(recordStageOutcome)
  .use(injectLambdaContext(logger))
  .use(publishMetrics())
  .use(parser({ schema: recordStageOutcomeEventSchema }));

export { handler, recordStageOutcome };
