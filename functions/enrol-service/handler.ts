// Enrolment step of the accreditation cycle: records the cycle with its whole timetable (the
// domain core's dry run), the deadlines of its callback stages and the standards version it
// starts with (ratings and the report use exactly those), and sends the welcome email. Also the first step of a resumed
// execution (input `resumeAt`): it then attaches the existing cycle to the new execution.
// Idempotent: Step Functions retries a Lambda task, and a retry must not record or email twice.
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { writeTransaction } from '#commons/data/transaction';
import { parser } from '@aws-lambda-powertools/parser/middleware';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import middy from '@middy/core';
import { buildTimetable } from '#core/timetable';
import { documentClient } from '#commons/clients/dynamodb';
import { now } from '#commons/clock';
import { tableName } from '#commons/env';
import {
  CycleWithdrawnError,
  CycleNotFoundError,
  CycleOwnedByAnotherExecutionError,
  NetworkNotFoundError,
  ServiceNotFoundError,
} from '#commons/errors';
import { AuditEventType, auditEventItem } from '#commons/data/audit';
import { isConditionalCheckFailure, transactionConditionFailures } from '#commons/helpers/conditions';
import { EmailTemplate, cycleLink, sendTemplatedEmail } from '#commons/helpers/emails';
import { getCycle, getNetwork, getService } from '#commons/helpers/records';
import type { CycleRecord } from '#commons/helpers/records';
import { initialDeadlines } from '#core/step-deadlines';
import { stageLabel } from '#commons/helpers/stage-labels';
import { workflowView } from '#commons/helpers/workflow-view';
import type { WorkflowView } from '#commons/helpers/workflow-view';
import { publishMetrics, recordStageEntered } from '#commons/powertools/metrics';
import { cycleKey, cycleListingSortKey, cyclesOfNetworkPartition } from '#commons/helpers/table-keys';
import { logger } from '#commons/powertools/logger';
import { enrolServiceEventSchema } from '#commons/schemas/events';
import type { EnrolServiceEvent } from '#commons/schemas/events';
import { CycleStatus, ResumeStage } from '#core/vocabulary';

const newCycleRecord = async (event: EnrolServiceEvent, at: Date): Promise<CycleRecord> => {
  const service = await getService(event.serviceId);
  if (!service) throw new ServiceNotFoundError(event.serviceId);
  const network = await getNetwork(service.networkId);
  if (!network) throw new NetworkNotFoundError(service.networkId);
  const timetable = buildTimetable({
    startDate: event.startDate,
    membershipType: service.membershipType,
    config: network.config,
  });
  const iso = at.toISOString();
  return {
    cycleId: event.cycleId,
    serviceId: service.serviceId,
    serviceName: service.name,
    organisationId: service.organisationId,
    networkId: network.networkId,
    networkName: network.name,
    cohortId: event.cohortId,
    membershipType: service.membershipType,
    startDate: event.startDate,
    ...(network.standardsVersionId ? { standardsVersionId: network.standardsVersionId } : {}),
    timetable,
    deadlines: initialDeadlines(timetable),
    stage: ResumeStage.enrolment,
    status: CycleStatus.active,
    executionArn: event.executionArn,
    contacts: {
      serviceLead: [service.leadEmail],
      committee: [network.committeeEmail],
      networkStaff: [network.staffEmail ?? network.committeeEmail],
      ...(service.qiLeadEmail && { organisationQiLead: [service.qiLeadEmail] }),
    },
    createdAt: iso,
    updatedAt: iso,
  };
};

const recordCycle = async (cycle: CycleRecord, at: Date): Promise<CycleRecord> => {
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
              gsi1pk: cyclesOfNetworkPartition(cycle.networkId),
              gsi1sk: cycleListingSortKey(cycle.cohortId, cycle.stage, cycle.cycleId),
            },
            ConditionExpression: 'attribute_not_exists(pk)',
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          },
        },
        {
          Put: {
            TableName: tableName,
            Item: auditEventItem({
              entityPk: key.pk,
              type: AuditEventType.cycleEnrolled,
              at,
              actor: cycle.executionArn,
              detail: { serviceId: cycle.serviceId, cohortId: cycle.cohortId, startDate: cycle.startDate },
            }),
          },
        },
      ],
    });
    return cycle;
  } catch (error) {
    const [failure] = transactionConditionFailures(error) ?? [];
    // A concurrent attempt of the same task recorded it first: use what it recorded.
    if (failure?.oldItem) return failure.oldItem as unknown as CycleRecord;
    throw error;
  }
};

const attachToExecution = async (cycle: CycleRecord, event: EnrolServiceEvent, at: Date): Promise<CycleRecord> => {
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
          ExpressionAttributeValues: { ':next': event.executionArn, ':previous': cycle.executionArn, ':at': iso },
        },
      },
      {
        Put: {
          TableName: tableName,
          Item: auditEventItem({
            entityPk: key.pk,
            type: AuditEventType.cycleResumed,
            at,
            actor: event.executionArn,
            detail: { resumeAt: event.resumeAt, previousExecutionArn: cycle.executionArn },
          }),
        },
      },
    ],
  });
  return { ...cycle, executionArn: event.executionArn, previousExecutionArn: cycle.executionArn, updatedAt: iso };
};

const sendWelcomeOnce = async (cycle: CycleRecord, at: Date): Promise<void> => {
  if (cycle.welcomeEmailSentAt) return;
  await sendTemplatedEmail({
    to: cycle.contacts.serviceLead,
    template: EmailTemplate.welcome,
    data: {
      serviceName: cycle.serviceName,
      networkName: cycle.networkName,
      cycleId: cycle.cycleId,
      membershipType: cycle.membershipType,
      startDate: cycle.startDate,
      milestones: cycle.timetable.map(({ stage, opensOn, dueOn }) => ({ stage, opensOn, dueOn, label: stageLabel(stage) })),
      link: cycleLink(cycle.cycleId),
    },
  });
  // Marked after sending: a crash in between repeats the email rather than losing it.
  try {
    await documentClient.send(
      new UpdateCommand({
        TableName: tableName,
        Key: cycleKey(cycle.cycleId),
        UpdateExpression: 'SET welcomeEmailSentAt = :at',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(welcomeEmailSentAt)',
        ExpressionAttributeValues: { ':at': at.toISOString() },
      }),
    );
  } catch (error) {
    if (!isConditionalCheckFailure(error)) throw error;
  }
};

const enrolService = async (event: EnrolServiceEvent): Promise<WorkflowView> => {
  const at = now();
  const existing = await getCycle(event.cycleId);
  const resuming = event.resumeAt !== undefined && event.resumeAt !== ResumeStage.enrolment;
  if (!existing && resuming) throw new CycleNotFoundError(event.cycleId);
  let cycle = existing ?? (await recordCycle(await newCycleRecord(event, at), at));
  if (cycle.status === CycleStatus.withdrawn) throw new CycleWithdrawnError(cycle.cycleId);
  if (cycle.executionArn !== event.executionArn) {
    if (!resuming) throw new CycleOwnedByAnotherExecutionError(cycle.cycleId, cycle.executionArn);
    cycle = await attachToExecution(cycle, event, at);
  }
  await sendWelcomeOnce(cycle, at);
  if (!resuming) recordStageEntered(ResumeStage.enrolment);
  logger.info('Cycle enrolled', { cycleId: cycle.cycleId, resumeAt: event.resumeAt });
  return workflowView(cycle);
};

const handler = middy(enrolService)
  .use(injectLambdaContext(logger))
  .use(publishMetrics())
  .use(parser({ schema: enrolServiceEventSchema }));

export { enrolService, handler };
