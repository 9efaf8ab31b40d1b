// One EventBridge Scheduler one-off schedule per follow-up cycle (src/renewal.ts), in the
// cycle-starts group; its Step Functions templated target starts an execution of the state
// machine on that morning (scheduler-client.ts). Schedule names derive from the cycle ids, so a
// retry finds its own schedules (ConflictException) and creates nothing. The templated target
// cannot name the execution, so a start delivered twice is two executions of one cycle id:
// enrolment's attribute_not_exists(pk) write is what must refuse the second.
import { createHash } from 'node:crypto';
import { ConflictException, CreateScheduleCommand, GetScheduleCommand } from '@aws-sdk/client-scheduler';
import { followUpLabel } from '#core/renewal';
import type { FollowUpCycle } from '#core/renewal';
import { requireEnv } from '#commons/env';
import type { CycleRecord } from '#commons/helpers/records';
import { schedulerClient, startExecutionTarget } from './scheduler-client.ts';

const scheduleGroupName = requireEnv('SCHEDULE_GROUP_NAME');
/** New cycles start at the time the reminder sweep runs, UK time. */
const START_TIME = 'T07:00:00';
const START_TIME_ZONE = 'Europe/London';
/** EventBridge Scheduler: names up to 64 characters of [0-9a-zA-Z-_.]. */
const MAX_SCHEDULE_NAME = 64;

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
        Target: startExecutionTarget(stateMachineArn, executionInput),
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

export { scheduleGroupName, scheduleNameFor, scheduleStart };
export type { ScheduledStart };
