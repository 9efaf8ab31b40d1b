// The daily reminder sweep (EventBridge Scheduler, 07:00 Europe/London; locally the scheduler
// emulator on the runtime's clock). It reads the open-tasks index up to today — never a Scan —,
// sends the reminders before each deadline and the escalations after it, once each, and moves
// each task to its next reminder date. "Today" is the UK date of the scheduled time, so a
// retried or late invocation sweeps the day it was meant for.
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { parser } from '@aws-lambda-powertools/parser/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import pLimit from 'p-limit';
import { iso, object, optional } from '#core/zod-mini';
import type { z } from '#core/zod-mini';
import { now } from '#commons/clock';
import { networkOfCycle } from '#commons/helpers/networks';
import type { NetworkRecord } from '#commons/helpers/records';
import { logger } from '#commons/powertools/logger';
import { metricsEnabled, publishMetrics, recordCount } from '#commons/powertools/metrics';
import { ukDateOf } from '#core/uk-time';
import { CustomMetric } from '#contracts/custom-metrics';
import { actionsDueBy } from '#commons/data/action-plan';
import { sweepAction } from './action-reminders.ts';
import { tasksDueBy } from './open-tasks.ts';
import { emptyOutcome, sweepTask } from './task-reminders.ts';
import type { SweepContext, TaskOutcome } from './task-reminders.ts';

/** Tasks swept at once: keeps SES well under its sending rate and DynamoDB under its burst. */
const TASK_CONCURRENCY = 4;

const sweepEventSchema = object({
  /** `<aws.scheduler.scheduled-time>`; absent when someone invokes the sweep by hand. */
  scheduledTime: optional(iso.datetime({ offset: true })),
});
type SweepEvent = z.infer<typeof sweepEventSchema>;

interface SweepSummary extends TaskOutcome {
  today: string;
  tasksSwept: number;
  actionsSwept: number;
}

/** One read per network and configuration version in a sweep: many cycles share one. */
const networksOfCycles = (): SweepContext['networkOf'] => {
  const cache = new Map<string, Promise<NetworkRecord | undefined>>();
  return (cycle) => {
    const key = `${cycle.networkId}@${cycle.networkConfigVersion ?? 1}`;
    if (!cache.has(key)) cache.set(key, networkOfCycle(cycle));
    return cache.get(key)!;
  };
};

const add = (total: TaskOutcome, part: TaskOutcome): TaskOutcome => ({
  reminders: total.reminders + part.reminders,
  escalations: total.escalations + part.escalations,
  undeliverable: total.undeliverable + part.undeliverable,
  unresolved: total.unresolved + part.unresolved,
  unconfirmed: total.unconfirmed + part.unconfirmed,
});

const sweepReminders = async (event: SweepEvent, context: Pick<Context, 'awsRequestId'>): Promise<SweepSummary> => {
  const at = now();
  const today = ukDateOf(event.scheduledTime ? new Date(event.scheduledTime) : at);
  const sweep: SweepContext = {
    today,
    at,
    sweepId: `${today}/${context.awsRequestId}`,
    networkOf: networksOfCycles(),
  };
  const due = await tasksDueBy(today);
  const limit = pLimit(TASK_CONCURRENCY);
  const outcomes = await Promise.all(due.map((task) => limit(() => sweepTask(task.cycleId, task.stage, sweep))));
  // Issue 13: the open actions of the action plans due a reminder, from their own date range of the index.
  const dueActions = await actionsDueBy(today);
  const actionOutcomes = await Promise.all(dueActions.map((action) => limit(() => sweepAction(action, sweep))));
  const total = [...outcomes, ...actionOutcomes].reduce(add, emptyOutcome());

  recordCount(CustomMetric.remindersSent, total.reminders);
  recordCount(CustomMetric.escalationsSent, total.escalations);
  // Even when 0: a day without it means the sweep did not run (the alarm's heartbeat).
  recordCount(CustomMetric.tasksDue, due.length + dueActions.length);
  const summary = { today, tasksSwept: due.length, actionsSwept: dueActions.length, ...total };
  logger.info('Reminder sweep done', { ...summary });
  return summary;
};

const handler = middy(sweepReminders).use(injectLambdaContext(logger));
// Without a metrics namespace (locally) publishMetrics() is an empty middleware, which middy refuses.
if (metricsEnabled) handler.use(publishMetrics());
handler.use(parser({ schema: sweepEventSchema }));

export { handler, sweepReminders };
export type { SweepEvent, SweepSummary };
