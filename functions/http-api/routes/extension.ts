// Network staff extend a step's deadline (open, or overdue and waiting for them): the new deadline
// must be one src/extension.ts allows; it is recorded with its reason, its audit event and the
// hand-over that completes the step's task (the outbox), and the workflow reopens the step with it.
// One extension per task token: of several sent at once only one is recorded, so the stored
// deadline is the one the workflow enforces.
import { assertCovered } from '#core/calendar';
import { extensionProblem } from '#core/extension';
import { ukDateOf } from '#core/uk-time';
import { CycleStatus, TaskStatus } from '#core/vocabulary';
import { now } from '#commons/clock';
import { handOverPut } from '#commons/data/hand-overs';
import { recordExtension } from '#commons/data/task';
import { deliverHandOver } from '#commons/helpers/deliver-hand-over';
import { getTask } from '#commons/helpers/records';
import { logger } from '#commons/powertools/logger';
import { transactionConditionFailures } from '#commons/helpers/conditions';
import { getCycle } from '#commons/helpers/records';
import type { TaskRecord } from '#commons/helpers/records';
import { dueAtOf } from '#commons/helpers/stage-labels';
import { extendDeadlineRequestSchema, extensionPathSchema } from '#commons/schemas/requests';
import { httpError, json, parseBody, validate } from '../http.ts';
import type { RouteHandler } from '../router.ts';
import { refuse } from './stage-checks.ts';
import { requireTask } from './task-completion.ts';

const extendableStatuses: readonly string[] = [TaskStatus.open, TaskStatus.overdue];
const extensionHandOverId = (task: TaskRecord) => `extension#${task.stage}#${task.tokenHash}`;

const extendDeadline: RouteHandler = async (event, params) => {
  const { cycleId, stage } = validate(extensionPathSchema, params, 'path');
  const request = parseBody(extendDeadlineRequestSchema, event);
  const [cycle, task] = await Promise.all([getCycle(cycleId), requireTask(cycleId, stage)]);
  if (!cycle) throw httpError(404, 'CycleNotFound', `Cycle ${cycleId} does not exist`);
  if (cycle.status === CycleStatus.withdrawn) throw httpError(409, 'CycleWithdrawn', `Cycle ${cycleId} was withdrawn`);
  assertCovered(request.dueOn, 'dueOn');
  const dueAt = dueAtOf(request.dueOn);
  // A retry of an extension already made: recorded on this token, or already the reopened step's deadline.
  if (task.extendedTo === dueAt || task.dueAt === dueAt) return json(200, { result: 'already-recorded', cycleId, stage, dueAt });
  const currentDueOn = task.status === TaskStatus.open ? ukDateOf(new Date(task.dueAt)) : undefined;
  const problem = extensionProblem({ dueOn: request.dueOn, today: ukDateOf(now()), ...(currentDueOn ? { currentDueOn } : {}) });
  if (problem) refuse([{ field: 'dueOn', message: problem }]);
  if (!extendableStatuses.includes(task.status)) throw httpError(409, 'TaskNotOpen', `The ${stage} task is ${task.status}; there is no deadline to extend`);
  const at = now();
  const output = JSON.stringify({ extendedTo: dueAt, extendedBy: request.extendedBy, reason: request.reason });
  try {
    await recordExtension(task, dueAt, request, at, handOverPut({ cycleId, handOverId: extensionHandOverId(task), command: { kind: 'send-task-success', taskToken: task.token, output }, at }));
  } catch (error) {
    if (!transactionConditionFailures(error)) throw error;
    // Another extension of this step got there first: the same one is already recorded, a different one wins.
    const current = await getTask(cycleId, stage);
    // Recorded on the token, or already the deadline of the step it reopened (with a new token).
    if (current?.extendedTo === dueAt || current?.dueAt === dueAt) return json(200, { result: 'already-recorded', cycleId, stage, dueAt });
    throw httpError(409, 'TaskChanged', `The ${stage} deadline was just changed (to ${current?.extendedTo ?? 'another date'}); read it and try again`);
  }
  // Recorded with its hand-over: delivered now, or by the relay if this request dies first.
  await deliverHandOver(cycleId, extensionHandOverId(task)).catch((error: unknown) => logger.warn('Hand-over left to the relay', { cycleId, stage, error }));
  return json(202, { result: 'extended', cycleId, stage, dueAt });
};

export { extendDeadline };
