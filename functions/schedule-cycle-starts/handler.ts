// After an Accredited decision the workflow calls this to book the service's next cycles: the
// interim review at 18 months and the renewal at 36 (src/renewal.ts). Each is a one-off
// EventBridge Scheduler schedule in the cycle-starts group whose templated Step Functions target
// starts an execution of the same state machine on that morning with the new cycle id in its
// input (scheduler-client.ts); the service is told both dates (InterimReviewDue).
//
// Idempotent here: schedule names derive from the new cycle ids, so a retry finds its own
// schedules (ConflictException) and creates nothing; the notice goes out at most once (sendOnce)
// and is marked sent on the cycle.
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { parser } from '@aws-lambda-powertools/parser/middleware';
import middy from '@middy/core';
import { object, startsWith, string } from '#core/zod-mini';
import type { z } from '#core/zod-mini';
import { followUpCycles, followUpLabel } from '#core/renewal';
import { now } from '#commons/clock';
import { recordFollowUpsScheduled } from '#commons/data/cycle';
import { sendOnce } from '#commons/data/email-once';
import { EmailTemplate, cycleLink } from '#commons/helpers/emails';
import { requireCycle } from '#commons/helpers/records';
import type { CycleRecord } from '#commons/helpers/records';
import { logger } from '#commons/powertools/logger';
import { idSchema, isoDateSchema } from '#commons/schemas/workflow';
import { scheduleGroupName, scheduleNameFor, scheduleStart } from './follow-up-schedules.ts';
import type { ScheduledStart } from './follow-up-schedules.ts';

const scheduleCycleStartsEventSchema = object({
  cycleId: idSchema,
  accreditedOn: isoDateSchema,
  /** `$states.context.StateMachine.Id`: the follow-up cycles run on the machine that accredited. */
  stateMachineArn: string().check(startsWith('arn:aws:states:')),
});
type ScheduleCycleStartsEvent = z.infer<typeof scheduleCycleStartsEventSchema>;

const scheduleCycleStarts = async (event: ScheduleCycleStartsEvent): Promise<{ starts: ScheduledStart[]; notified: boolean }> => {
  const cycle = await requireCycle(event.cycleId);
  const starts: ScheduledStart[] = [];
  for (const followUp of followUpCycles({ serviceId: cycle.serviceId, accreditedOn: event.accreditedOn })) {
    starts.push(await scheduleStart(followUp, cycle, event.stateMachineArn));
  }
  const alreadyNotified = Boolean((cycle as CycleRecord & { followUpsNotifiedAt?: string }).followUpsNotifiedAt);
  if (!alreadyNotified) {
    // Claimed, sent, then marked: a crash between sending and marking leaves an `email-unconfirmed` trace, never a second notice.
    const emailed = await sendOnce({
      cycleId: cycle.cycleId,
      sendingId: 'follow-ups',
      lastEmailByCaller: true,
      emails: [
        {
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
        },
      ],
    });
    const scheduled = starts.map(({ kind, startDate, cycleId, scheduleName }) => ({ kind, startDate, cycleId, scheduleName }));
    await recordFollowUpsScheduled(cycle.cycleId, scheduled, scheduleGroupName, now(), emailed);
  }
  logger.info('Follow-up cycles scheduled', { cycleId: cycle.cycleId, starts: starts.map(({ scheduleName, startDate, created }) => ({ scheduleName, startDate, created })) });
  return { starts, notified: !alreadyNotified };
};

const handler = middy(scheduleCycleStarts).use(injectLambdaContext(logger)).use(parser({ schema: scheduleCycleStartsEventSchema }));

export { handler, scheduleCycleStarts, scheduleNameFor };
export type { ScheduleCycleStartsEvent, ScheduledStart };
