// After an Accredited decision the workflow calls this to book the service's next cycles: the
// interim review at 18 months and the renewal at 36 (src/renewal.ts). Each is a one-off
// EventBridge Scheduler schedule in the cycle-starts group whose universal target starts an
// execution of the same state machine on that morning, named by the new cycle id; the service
// is told both dates (InterimReviewDue).
//
// Idempotent end to end: schedule names derive from the new cycle ids, so a retry finds its own
// schedules (ConflictException) and creates nothing; the execution name is the cycle id, so even
// a schedule fired twice starts one execution; the notice is marked sent on the cycle.
import { createHash } from 'node:crypto';
import { writeTransaction } from '#commons/data/transaction';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { parser } from '@aws-lambda-powertools/parser/middleware';
import { ConflictException, CreateScheduleCommand, GetScheduleCommand } from '@aws-sdk/client-scheduler';
import middy from '@middy/core';
import { object, string } from 'zod';
import type { z } from 'zod';
import { documentClient } from '#commons/clients/dynamodb';
import { now } from '#commons/clock';
import { requireEnv, tableName } from '#commons/env';
import { CycleNotFoundError } from '#commons/errors';
import { AuditEventType, auditEventItem } from '#commons/data/audit';
import { transactionConditionFailures } from '#commons/helpers/conditions';
import { EmailTemplate, cycleLink, sendTemplatedEmail } from '#commons/helpers/emails';
import { requireCycle } from '#commons/helpers/records';
import type { CycleRecord } from '#commons/helpers/records';
import { cycleKey } from '#commons/helpers/table-keys';
import { logger } from '#commons/powertools/logger';
import { idSchema, isoDateSchema } from '#commons/schemas/workflow';
import { followUpCycles, followUpLabel } from '#core/renewal';
import type { FollowUpCycle } from '#core/renewal';
import { schedulerClient } from './scheduler-client.ts';

const scheduleGroupName = requireEnv('SCHEDULE_GROUP_NAME');
/** The role the schedules run as: it may start executions of the cycle state machine only. */
const scheduleRoleArn = requireEnv('SCHEDULE_ROLE_ARN');

const START_EXECUTION_TARGET = 'arn:aws:scheduler:::aws-sdk:sfn:startExecution';
/** New cycles start at the time the reminder sweep runs, UK time. */
const START_TIME = 'T07:00:00';
const START_TIME_ZONE = 'Europe/London';
/** EventBridge Scheduler: names up to 64 characters of [0-9a-zA-Z-_.]. */
const MAX_SCHEDULE_NAME = 64;

const scheduleCycleStartsEventSchema = object({
  cycleId: idSchema,
  accreditedOn: isoDateSchema,
  /** `$states.context.StateMachine.Id`: the follow-up cycles run on the machine that accredited. */
  stateMachineArn: string().startsWith('arn:aws:states:'),
});
type ScheduleCycleStartsEvent = z.infer<typeof scheduleCycleStartsEventSchema>;

interface ScheduledStart extends FollowUpCycle {
  scheduleName: string;
  /** False when a previous attempt had already created it. */
  created: boolean;
}

const scheduleNameFor = (followUp: FollowUpCycle): string => {
  const readable = followUp.cycleId.replace(/[^0-9a-zA-Z-_.]/g, '_');
  if (readable.length <= MAX_SCHEDULE_NAME) return readable;
  return `${followUp.kind}-${createHash('sha256').update(followUp.cycleId).digest('hex').slice(0, 32)}`;
};

const scheduleStart = async (followUp: FollowUpCycle, cycle: CycleRecord, stateMachineArn: string): Promise<ScheduledStart> => {
  const scheduleName = scheduleNameFor(followUp);
  const executionInput = { cycleId: followUp.cycleId, serviceId: cycle.serviceId, cohortId: followUp.cohortId, startDate: followUp.startDate, previousCycleId: cycle.cycleId, kind: followUp.kind };
  try {
    await schedulerClient.send(
      new CreateScheduleCommand({
        Name: scheduleName,
        GroupName: scheduleGroupName,
        Description: `${followUpLabel[followUp.kind]} of ${cycle.serviceId}, after cycle ${cycle.cycleId}`.slice(0, 512),
        ScheduleExpression: `at(${followUp.startDate}${START_TIME})`,
        ScheduleExpressionTimezone: START_TIME_ZONE,
        FlexibleTimeWindow: { Mode: 'OFF' },
        // A fired one-off schedule has no further use; deleting it keeps the group small.
        ActionAfterCompletion: 'DELETE',
        Target: {
          Arn: START_EXECUTION_TARGET,
          RoleArn: scheduleRoleArn,
          // The StartExecution request, in the Step Functions API's member names.
          Input: JSON.stringify({ stateMachineArn, name: followUp.cycleId, input: JSON.stringify(executionInput) }),
          RetryPolicy: { MaximumRetryAttempts: 10, MaximumEventAgeInSeconds: 86_400 },
        },
      }),
    );
    return { ...followUp, scheduleName, created: true };
  } catch (error) {
    if (!(error instanceof ConflictException)) throw error;
    // Created by an earlier attempt; confirm it is ours rather than a stranger's of the same name.
    const existing = await schedulerClient.send(new GetScheduleCommand({ Name: scheduleName, GroupName: scheduleGroupName }));
    if (existing.ScheduleExpression !== `at(${followUp.startDate}${START_TIME})`) throw error;
    return { ...followUp, scheduleName, created: false };
  }
};

/** Marks the notice sent, with its audit event; false when an earlier attempt already had. */
const markNoticeSent = async (cycle: CycleRecord, starts: readonly ScheduledStart[], at: Date): Promise<boolean> => {
  try {
    await writeTransaction({
      TransactItems: [
        {
          Update: {
            TableName: tableName,
            Key: cycleKey(cycle.cycleId),
            UpdateExpression: 'SET followUpsNotifiedAt = :at, followUpCycles = :cycles',
            ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(followUpsNotifiedAt)',
            ExpressionAttributeValues: {
              ':at': at.toISOString(),
              ':cycles': starts.map(({ kind, startDate, cycleId, scheduleName }) => ({ kind, startDate, cycleId, scheduleName })),
            },
          },
        },
        {
          Put: {
            TableName: tableName,
            Item: auditEventItem({
              entityPk: cycleKey(cycle.cycleId).pk,
              type: AuditEventType.cycleStartsScheduled,
              at,
              actor: 'schedule-cycle-starts',
              detail: { group: scheduleGroupName, starts: starts.map(({ kind, startDate, cycleId, scheduleName }) => ({ kind, startDate, cycleId, scheduleName })) },
            }),
          },
        },
      ],
    });
    return true;
  } catch (error) {
    if (!transactionConditionFailures(error)) throw error;
    return false;
  }
};

const scheduleCycleStarts = async (event: ScheduleCycleStartsEvent): Promise<{ starts: ScheduledStart[]; notified: boolean }> => {
  const cycle = await requireCycle(event.cycleId);
  const starts: ScheduledStart[] = [];
  for (const followUp of followUpCycles({ serviceId: cycle.serviceId, accreditedOn: event.accreditedOn })) {
    starts.push(await scheduleStart(followUp, cycle, event.stateMachineArn));
  }
  const alreadyNotified = Boolean((cycle as CycleRecord & { followUpsNotifiedAt?: string }).followUpsNotifiedAt);
  if (!alreadyNotified) {
    // Send, then mark: a crash between the two repeats the notice rather than losing it.
    await sendTemplatedEmail({
      to: cycle.contacts.serviceLead,
      template: EmailTemplate.interimReviewDue,
      data: {
        serviceName: cycle.serviceName,
        networkName: cycle.networkName,
        cycleId: cycle.cycleId,
        accreditedOn: event.accreditedOn,
        followUps: starts.map((start) => ({ kind: start.kind, kindLabel: followUpLabel[start.kind], startDate: start.startDate, cycleId: start.cycleId })),
        link: cycleLink(cycle.cycleId),
      },
    });
    await markNoticeSent(cycle, starts, now());
  }
  logger.info('Follow-up cycles scheduled', { cycleId: cycle.cycleId, starts: starts.map(({ scheduleName, startDate, created }) => ({ scheduleName, startDate, created })) });
  return { starts, notified: !alreadyNotified };
};

const handler = middy(scheduleCycleStarts).use(injectLambdaContext(logger)).use(parser({ schema: scheduleCycleStartsEventSchema }));

export { handler, scheduleCycleStarts, scheduleNameFor };
export type { ScheduleCycleStartsEvent, ScheduledStart };
