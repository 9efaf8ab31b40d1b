// Human steps through the API: submitting a step (the link in an email names the cycle and the
// stage; the API resolves it to the stored token), reading it, and staff extending its deadline.
// A repeated or late submission changes nothing.
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { assertCovered } from '#core/calendar';
import { ukDateOf } from '#core/uk-time';
import { documentClient } from '#commons/clients/dynamodb';
import { now } from '#commons/clock';
import { tableName } from '#commons/env';
import { AuditEventType, auditEventItem } from '#commons/helpers/audit';
import { transactionConditionFailures } from '#commons/helpers/conditions';
import { handOverPut } from '#commons/data/hand-overs';
import { deliverHandOver } from '#commons/helpers/deliver-hand-over';
import { logger } from '#commons/powertools/logger';
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
import { CallbackStage, CycleStatus, TaskStatus, idSchema } from '#commons/schemas/workflow';
import { httpError, json, parseBody, validate } from '../http.ts';
import type { Route, RouteHandler } from '../router.ts';
import { publicView } from './cycles.ts';
import { checkSubmission, refuse } from './stage-checks.ts';
import { completeTask } from './task-completion.ts';

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

/**
 * One extension per task token: the step is reopened by it, with a new token. So of several
 * extensions sent at once only one is recorded and handed over, and the stored deadline is the
 * one the workflow enforces.
 */
const extensionHandOverId = (task: TaskRecord) => `extension#${task.stage}#${task.tokenHash}`;

/** The new deadline and its reason, the audit event and the hand-over that reopens the step, in one transaction. */
const recordExtension = async (cycle: CycleRecord, task: TaskRecord, dueAt: string, request: { extendedBy: string; reason: string }, at: Date) => {
  const output = JSON.stringify({ extendedTo: dueAt, extendedBy: request.extendedBy, reason: request.reason });
  await documentClient.send(
    new TransactWriteCommand({
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
        handOverPut({ cycleId: cycle.cycleId, handOverId: extensionHandOverId(task), command: { kind: 'send-task-success', taskToken: task.token, output }, at }),
      ],
    }),
  );
};

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
  if (request.dueOn <= ukDateOf(now())) refuse([{ field: 'dueOn', message: `${request.dueOn} is not after today (${ukDateOf(now())})` }]);
  if (task.status === TaskStatus.open && dueAt <= task.dueAt) refuse([{ field: 'dueOn', message: `${request.dueOn} is not later than the current deadline ${task.dueAt}` }]);
  if (!extendableStatuses.includes(task.status)) throw httpError(409, 'TaskNotOpen', `The ${stage} task is ${task.status}; there is no deadline to extend`);
  try {
    await recordExtension(cycle, task, dueAt, request, now());
  } catch (error) {
    if (!transactionConditionFailures(error)) throw error;
    // Another extension of this step got there first: the same one is already recorded, a different one wins.
    const current = await getTask(cycleId, stage);
    if (current?.extendedTo === dueAt) return json(200, { result: 'already-recorded', cycleId, stage, dueAt });
    throw httpError(409, 'TaskChanged', `The ${stage} deadline was just changed (to ${current?.extendedTo ?? 'another date'}); read it and try again`);
  }
  // Recorded with its hand-over: delivered now, or by the relay if this request dies first.
  await deliverHandOver(cycleId, extensionHandOverId(task)).catch((error: unknown) => logger.warn('Hand-over left to the relay', { cycleId, stage, error }));
  return json(202, { result: 'extended', cycleId, stage, dueAt });
};

const taskRoutes: Route[] = [
  { method: 'POST', path: '/cycles/{cycleId}/tasks/{stage}/extension', handle: extendDeadline },
  { method: 'POST', path: '/cycles/{cycleId}/tasks/{stage}', handle: submitTask },
  { method: 'GET', path: '/cycles/{cycleId}/tasks/{stage}', handle: showTask },
  { method: 'POST', path: '/cycles/{cycleId}/visit/cancel', handle: cancelVisit },
];

export { taskRoutes };
