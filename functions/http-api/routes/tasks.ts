// Human steps through the API: submitting a step (the link in an email names the cycle and the
// stage; the API resolves it to the stored token), reading it, and staff extending its deadline.
// A repeated or late submission changes nothing.
import { ukDateOf } from '#core/uk-time';
import { writeTransaction } from '#commons/data/transaction';
import { documentClient } from '#commons/clients/dynamodb';
import { now } from '#commons/clock';
import { tableName } from '#commons/env';
import { AuditEventType, auditEventItem } from '#commons/data/audit';
import { transactionConditionFailures } from '#commons/helpers/conditions';
import { getCycle, getTask } from '#commons/helpers/records';
import type { CycleRecord, TaskRecord } from '#commons/helpers/records';
import { dueAtOf } from '#commons/helpers/stage-labels';
import { cycleKey, taskKey } from '#commons/helpers/table-keys';
import {
  actorFields,
  anyTaskPathSchema,
  extendDeadlineRequestSchema,
  extensionPathSchema,
  submissionSchemas,
  taskPathSchema,
  visitCancellationSchema,
} from '#commons/schemas/requests';
import { CallbackStage, CycleStatus, TaskStatus } from '#core/vocabulary';
import { idSchema } from '#commons/schemas/workflow';
import { httpError, json, parseBody, validate } from '../http.ts';
import type { Route, RouteHandler } from '../router.ts';
import { publicView } from './cycles.ts';
import { checkSubmission, refuse } from './stage-checks.ts';
import { completeTask, sendTaskSuccess } from './task-completion.ts';

const requireTask = async (cycleId: string, stage: string): Promise<TaskRecord> => {
  const task = await getTask(cycleId, stage);
  if (!task) throw httpError(404, 'TaskNotFound', `Cycle ${cycleId} has no ${stage} task open`);
  return task;
};

const submitTask: RouteHandler = async (event, params) => {
  const { cycleId, stage } = validate(taskPathSchema, params, 'path');
  const submission = parseBody(submissionSchemas[stage], event) as Record<string, unknown>;
  const task = await requireTask(cycleId, stage);
  if (task.status === TaskStatus.open) {
    // Withdrawn but not yet stopped (the withdrawal's second step pending): nothing may move the cycle on.
    if ((await getCycle(cycleId))?.status === CycleStatus.withdrawn) throw httpError(409, 'CycleWithdrawn', `Cycle ${cycleId} was withdrawn; nothing was recorded`);
    await checkSubmission(cycleId, stage, submission);
  }
  return completeTask(task, submission, String(submission[actorFields[stage]]));
};

/** The host cancels the visit (the visit step is completed with the cancellation): the visit is rebooked. */
const cancelVisit: RouteHandler = async (event, params) => {
  const cycleId = validate(idSchema, params.cycleId, 'cycleId');
  const cancellation = parseBody(visitCancellationSchema, event);
  const task = await requireTask(cycleId, CallbackStage.visit);
  return completeTask(task, cancellation, cancellation.cancelledBy);
};

const showTask: RouteHandler = async (_event, params) => {
  const { cycleId, stage } = validate(anyTaskPathSchema, params, 'path');
  const task = await getTask(cycleId, stage);
  if (!task) throw httpError(404, 'TaskNotFound', `Cycle ${cycleId} has no ${stage} task`);
  return json(200, { task: publicView(task as unknown as Record<string, unknown>) });
};

const extendableStatuses: readonly string[] = [TaskStatus.open, TaskStatus.overdue];

/** The new deadline and its reason, with the audit event, in one transaction; then the step is reopened with it. */
const recordExtension = async (cycle: CycleRecord, task: TaskRecord, dueAt: string, request: { extendedBy: string; reason: string }, at: Date) => {
  await writeTransaction({
    TransactItems: [
      {
        Update: {
          TableName: tableName,
          Key: cycleKey(cycle.cycleId),
          UpdateExpression: 'SET deadlines.#stage = :dueAt, updatedAt = :at',
          ConditionExpression: 'attribute_exists(pk) AND #status <> :withdrawn',
          ExpressionAttributeNames: { '#stage': task.stage, '#status': 'status' },
          ExpressionAttributeValues: { ':dueAt': dueAt, ':at': at.toISOString(), ':withdrawn': CycleStatus.withdrawn },
        },
      },
      {
        Update: {
          TableName: tableName,
          Key: taskKey(task.cycleId, task.stage),
          UpdateExpression: 'SET extendedTo = :dueAt',
          ConditionExpression: 'tokenHash = :tokenHash AND #status IN (:open, :overdue)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':dueAt': dueAt, ':tokenHash': task.tokenHash, ':open': TaskStatus.open, ':overdue': TaskStatus.overdue },
        },
      },
      {
        Put: {
          TableName: tableName,
          Item: auditEventItem({
            entityPk: cycleKey(cycle.cycleId).pk,
            type: AuditEventType.deadlineExtended,
            at,
            actor: request.extendedBy,
            detail: { stage: task.stage, from: task.dueAt, to: dueAt, reason: request.reason, tokenHash: task.tokenHash },
          }),
        },
      },
    ],
  });
};

const extendDeadline: RouteHandler = async (event, params) => {
  const { cycleId, stage } = validate(extensionPathSchema, params, 'path');
  const request = parseBody(extendDeadlineRequestSchema, event);
  const [cycle, task] = await Promise.all([getCycle(cycleId), requireTask(cycleId, stage)]);
  if (!cycle) throw httpError(404, 'CycleNotFound', `Cycle ${cycleId} does not exist`);
  if (cycle.status === CycleStatus.withdrawn) throw httpError(409, 'CycleWithdrawn', `Cycle ${cycleId} was withdrawn`);
  const dueAt = dueAtOf(request.dueOn);
  if (request.dueOn <= ukDateOf(now())) refuse([{ field: 'dueOn', message: `${request.dueOn} is not after today (${ukDateOf(now())})` }]);
  if (task.status === TaskStatus.open && dueAt <= task.dueAt) refuse([{ field: 'dueOn', message: `${request.dueOn} is not later than the current deadline ${task.dueAt}` }]);
  const repeated = (task as TaskRecord & { extendedTo?: string }).extendedTo === dueAt;
  if (!repeated) {
    if (!extendableStatuses.includes(task.status)) throw httpError(409, 'TaskNotOpen', `The ${stage} task is ${task.status}; there is no deadline to extend`);
    try {
      await recordExtension(cycle, task, dueAt, request, now());
    } catch (error) {
      if (!transactionConditionFailures(error)) throw error;
      throw httpError(409, 'TaskChanged', `The ${stage} task changed meanwhile; read it and try again`);
    }
  }
  // A repeated request after a crash completes the step it recorded; a finished token means it already was.
  await sendTaskSuccess(task, { extendedTo: dueAt, extendedBy: request.extendedBy, reason: request.reason });
  return json(202, { result: repeated ? 'already-recorded' : 'extended', cycleId, stage, dueAt });
};

const taskRoutes: Route[] = [
  { method: 'POST', path: '/cycles/{cycleId}/tasks/{stage}/extension', handle: extendDeadline },
  { method: 'POST', path: '/cycles/{cycleId}/tasks/{stage}', handle: submitTask },
  { method: 'GET', path: '/cycles/{cycleId}/tasks/{stage}', handle: showTask },
  { method: 'POST', path: '/cycles/{cycleId}/visit/cancel', handle: cancelVisit },
];

export { taskRoutes };
