// Human steps through the API: submitting a step (the link in an email names the cycle and the
// stage; the API resolves it to the stored token), reading it, and staff extending its deadline.
// A repeated or late submission changes nothing.
import { CallbackStage, CycleStatus, TaskStatus } from '#core/vocabulary';
import { cycleWithTasks } from '#commons/data/cycle';
import { getTask } from '#commons/helpers/records';
import { actorFields, anyTaskPathSchema, submissionSchemas, taskPathSchema, visitCancellationSchema } from '#commons/schemas/requests';
import { idSchema } from '#commons/schemas/workflow';
import { httpError, json, parseBody, validate } from '../http.ts';
import type { Route, RouteHandler } from '../router.ts';
import { publicView } from './cycles.ts';
import { extendDeadline } from './extension.ts';
import { selfReviewSubmission } from './self-review-submission.ts';
import { checkSubmission } from './stage-checks.ts';
import { completeTask, requireTask } from './task-completion.ts';

const submitTask: RouteHandler = async (event, params) => {
  const { cycleId, stage } = validate(taskPathSchema, params, 'path');
  const body = parseBody(submissionSchemas[stage], event) as Record<string, unknown>;
  // One read: the cycle, this step's task and the tasks the checks look at (the self-review's ratings).
  const { cycle, tasks } = await cycleWithTasks(cycleId);
  const task = tasks.find((stored) => stored.stage === stage);
  if (!cycle || !task) throw httpError(404, 'TaskNotFound', `Cycle ${cycleId} has no ${stage} task open`);
  const submission = stage === CallbackStage.selfReview ? await selfReviewSubmission(cycleId, body, task.status === TaskStatus.open, cycle) : body;
  if (task.status === TaskStatus.open) {
    // Withdrawn but not yet stopped (the withdrawal's second step pending): nothing may move the cycle on.
    if (cycle.status === CycleStatus.withdrawn) throw httpError(409, 'CycleWithdrawn', `Cycle ${cycleId} was withdrawn; nothing was recorded`);
    await checkSubmission({ cycle, tasks }, stage, submission);
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

const taskRoutes: Route[] = [
  { method: 'POST', path: '/cycles/{cycleId}/tasks/{stage}/extension', handle: extendDeadline },
  { method: 'POST', path: '/cycles/{cycleId}/tasks/{stage}', handle: submitTask },
  { method: 'GET', path: '/cycles/{cycleId}/tasks/{stage}', handle: showTask },
  { method: 'POST', path: '/cycles/{cycleId}/visit/cancel', handle: cancelVisit },
];

export { taskRoutes };
