// Network staff extend a step's deadline (open, or overdue and waiting for them): the new deadline
// must be one src/extension.ts allows; it is recorded with its reason and audit event, then the
// step's task is completed with it, and the workflow reopens the step with the new deadline.
import { extensionProblem } from '#core/extension';
import { ukDateOf } from '#core/uk-time';
import { CycleStatus, TaskStatus } from '#core/vocabulary';
import { now } from '#commons/clock';
import { recordExtension } from '#commons/data/task';
import { transactionConditionFailures } from '#commons/helpers/conditions';
import { getCycle } from '#commons/helpers/records';
import type { TaskRecord } from '#commons/helpers/records';
import { dueAtOf } from '#commons/helpers/stage-labels';
import { extendDeadlineRequestSchema, extensionPathSchema } from '#commons/schemas/requests';
import { httpError, json, parseBody, validate } from '../http.ts';
import type { RouteHandler } from '../router.ts';
import { refuse } from './stage-checks.ts';
import { requireTask, sendTaskSuccess } from './task-completion.ts';

const extendableStatuses: readonly string[] = [TaskStatus.open, TaskStatus.overdue];

const extendDeadline: RouteHandler = async (event, params) => {
  const { cycleId, stage } = validate(extensionPathSchema, params, 'path');
  const request = parseBody(extendDeadlineRequestSchema, event);
  const [cycle, task] = await Promise.all([getCycle(cycleId), requireTask(cycleId, stage)]);
  if (!cycle) throw httpError(404, 'CycleNotFound', `Cycle ${cycleId} does not exist`);
  if (cycle.status === CycleStatus.withdrawn) throw httpError(409, 'CycleWithdrawn', `Cycle ${cycleId} was withdrawn`);
  const dueAt = dueAtOf(request.dueOn);
  const currentDueOn = task.status === TaskStatus.open ? ukDateOf(new Date(task.dueAt)) : undefined;
  const problem = extensionProblem({ dueOn: request.dueOn, today: ukDateOf(now()), ...(currentDueOn ? { currentDueOn } : {}) });
  if (problem) refuse([{ field: 'dueOn', message: problem }]);
  const repeated = (task as TaskRecord & { extendedTo?: string }).extendedTo === dueAt;
  if (!repeated) {
    if (!extendableStatuses.includes(task.status)) throw httpError(409, 'TaskNotOpen', `The ${stage} task is ${task.status}; there is no deadline to extend`);
    try {
      await recordExtension(task, dueAt, request, now());
    } catch (error) {
      if (!transactionConditionFailures(error)) throw error;
      throw httpError(409, 'TaskChanged', `The ${stage} task changed meanwhile; read it and try again`);
    }
  }
  // A repeated request after a crash completes the step it recorded; a finished token means it already was.
  await sendTaskSuccess(task, { extendedTo: dueAt, extendedBy: request.extendedBy, reason: request.reason });
  return json(202, { result: repeated ? 'already-recorded' : 'extended', cycleId, stage, dueAt });
};

export { extendDeadline };
