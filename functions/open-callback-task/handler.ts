// Opens a human step (a `.waitForTaskToken` task): stores the task token for (cycle, stage),
// moves the cycle to that stage, and emails the people who must act. The email carries a link
// with the cycle id and stage, never the token: the API resolves it to the stored token.
//
// Phase `overdue` is the same step after its deadline: the token is the one staff's extension
// completes; the cycle stays overdue and the reminder sweep keeps escalating from where it was.
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { parser } from '@aws-lambda-powertools/parser/middleware';
import middy from '@middy/core';
import { firstReminderOn } from '#core/reminders';
import { ukDateOf } from '#core/uk-time';
import { CallbackStage, CycleStatus, TaskPhase } from '#core/vocabulary';
import { now } from '#commons/clock';
import { cycleWithTasks } from '#commons/data/cycle';
import { sendOnce } from '#commons/data/email-once';
import { closePassedTasks, explainOpenRefusal, storeOpenedTask, taskNotifiedMark } from '#commons/data/task';
import { CycleNotFoundError, CycleWithdrawnError, NetworkNotFoundError } from '#commons/errors';
import { configOfCycle } from '#commons/helpers/networks';
import { getTask } from '#commons/helpers/records';
import type { CycleRecord, TaskRecord } from '#commons/helpers/records';
import { hashToken } from '#commons/helpers/token-hash';
import { logger } from '#commons/powertools/logger';
import { publishMetrics, recordStageEntered } from '#commons/powertools/metrics';
import { openCallbackTaskEventSchema } from '#commons/schemas/events';
import type { OpenCallbackTaskEvent } from '#commons/schemas/events';
import { alreadyNotified, taskOf } from './opening.ts';
import { stageEmails } from './stage-emails.ts';

/** Steps nobody is reminded of: the visit day is a date in the diary, not something owed. */
const unremindedStages: readonly string[] = [CallbackStage.visit];

/** When the sweep first looks at the task; kept as it is while overdue (the sweep owns the ladder's progress). */
const nextReminderOn = async (event: OpenCallbackTaskEvent, cycle: CycleRecord, stored: TaskRecord | undefined, today: string) => {
  if (unremindedStages.includes(event.stage)) return undefined;
  if (event.phase === TaskPhase.overdue && stored?.nextReminderOn) return stored.nextReminderOn;
  const network = await configOfCycle(cycle);
  if (!network) throw new NetworkNotFoundError(cycle.networkId);
  return firstReminderOn({ stage: event.stage, opensOn: today, dueOn: ukDateOf(new Date(event.dueAt)), config: network.config });
};

const openCallbackTask = async (event: OpenCallbackTaskEvent): Promise<{ tokenHash: string }> => {
  const tokenHash = hashToken(event.taskToken);
  // One read: the cycle, this step's task as it was, and the steps this opening moves past.
  const { cycle, tasks } = await cycleWithTasks(event.cycleId);
  if (!cycle) throw new CycleNotFoundError(event.cycleId);
  if (cycle.status === CycleStatus.withdrawn) throw new CycleWithdrawnError(event.cycleId);
  const before = tasks.find((stored) => stored.stage === event.stage);
  const at = now();
  const task = taskOf(event, before, tokenHash, at);
  let storedNow = true;
  try {
    await storeOpenedTask(cycle, task, await nextReminderOn(event, cycle, before, ukDateOf(at)), at);
  } catch (error) {
    explainOpenRefusal(error, task);
    storedNow = false;
    logger.info('Task token already stored; retry of the same invocation', { cycleId: event.cycleId, tokenHash });
  }
  await closePassedTasks(tasks, event.stage, at, event.executionArn);
  // Just written, the task is what was stored (nobody was told of it yet); a retry reads what the first attempt left.
  const stored = storedNow ? task : await getTask(event.cycleId, event.stage);
  if (event.phase === TaskPhase.open && stored?.notifiedTokenHash !== tokenHash) {
    const news = !alreadyNotified(before, event);
    await sendOnce({
      cycleId: event.cycleId,
      sendingId: `task#${event.stage}#${task.notifyKey ?? tokenHash}`,
      emails: news ? await stageEmails(cycle, event.stage, event.dueAt, task.extendedFrom, tasks) : [],
      mark: taskNotifiedMark(task),
    });
    if (news) recordStageEntered(event.stage);
  }
  logger.info('Callback task opened', { cycleId: event.cycleId, stage: event.stage, phase: event.phase, tokenHash });
  return { tokenHash };
};

const handler = middy(openCallbackTask)
  // Never log this event, whatever POWERTOOLS_LOGGER_LOG_EVENT says: it carries the task token.
  .use(injectLambdaContext(logger, { logEvent: false }))
  .use(publishMetrics())
  .use(parser({ schema: openCallbackTaskEventSchema }));

export { handler, openCallbackTask };
