// Completing a human step from the API. What a person clicks or types names the cycle and the
// stage; the API resolves it to the stored task token, and records the submission, its audit
// event and the hand-over to the workflow in one transaction (DESIGN §2, the outbox). It then
// delivers the hand-over itself; if it dies first, the relay delivers it. A repeated submission
// is answered with the first one's result and never calls Step Functions itself.
import { lateAnswerReason } from '#core/late-answers';
import { TaskStatus } from '#core/vocabulary';
import { now } from '#commons/clock';
import { getHandOver, handOverPut, HandOverStatus } from '#commons/data/hand-overs';
import { recordLateRefusal } from '#commons/data/late-refusal';
import { recordSubmission as recordAnswer } from '#commons/data/task';
import { transactionConditionFailures } from '#commons/helpers/conditions';
import { deliverHandOver } from '#commons/helpers/deliver-hand-over';
import { getTask } from '#commons/helpers/records';
import type { TaskRecord } from '#commons/helpers/records';
import { logger } from '#commons/powertools/logger';
import { httpError, json } from '../http.ts';
import type { HttpApiResult } from '../http.ts';
import { answerClosedTask, lateRefusalError } from './closed-task-answers.ts';

/** One submission per task token: a repeat of the same answer finds the same hand-over. */
const submissionHandOverId = (task: TaskRecord) => `submission#${task.stage}#${task.tokenHash}`;

/** The answer, its audit event and its hand-over to the workflow, in one transaction. */
const recordSubmission = (task: TaskRecord, submission: Record<string, unknown>, submittedBy: string, at: Date) =>
  recordAnswer(
    task,
    submission,
    submittedBy,
    at,
    handOverPut({
      cycleId: task.cycleId,
      handOverId: submissionHandOverId(task),
      command: { kind: 'send-task-success', taskToken: task.token, output: JSON.stringify({ ...submission, submittedAt: at.toISOString() }) },
      at,
      lateRefusal: { stage: task.stage, tokenHash: task.tokenHash, actor: submittedBy },
    }),
  );

/** A repeat of a recorded submission: the first request's result, read from its hand-over. */
const answerRepeat = async (task: TaskRecord, submission: Record<string, unknown>): Promise<HttpApiResult> => {
  const handOver = await getHandOver(task.cycleId, submissionHandOverId(task));
  if (handOver?.status === HandOverStatus.refused) throw lateRefusalError(task);
  return answerClosedTask(task, submission);
};

/** Records and hands over an open task; answers a repeated, late or conflicting submission without changing anything. */
const completeTask = async (task: TaskRecord, submission: Record<string, unknown>, submittedBy: string): Promise<HttpApiResult> => {
  if (task.status === TaskStatus.submitted) return answerRepeat(task, submission);
  if (task.status !== TaskStatus.open) return answerClosedTask(task, submission);
  const at = now();
  // Known to be late before anything is recorded (the visit day has begun): only the refusal is written.
  const late = lateAnswerReason(task.stage, task.dueAt, at);
  try {
    await (late ? recordLateRefusal(task, submittedBy, late, at) : recordSubmission(task, submission, submittedBy, at));
  } catch (error) {
    if (!transactionConditionFailures(error)) throw error;
    const current = await getTask(task.cycleId, task.stage);
    if (!current) throw error;
    return current.status === TaskStatus.submitted ? answerRepeat(current, submission) : answerClosedTask(current, submission);
  }
  if (late) throw httpError(409, 'TaskTimedOut', late);
  const delivery = await deliverHandOver(task.cycleId, submissionHandOverId(task)).catch((error: unknown) => {
    // Recorded and pending: the relay delivers it. The person's answer is safe either way.
    logger.warn('Hand-over left to the relay', { cycleId: task.cycleId, stage: task.stage, error });
    return 'pending' as const;
  });
  if (delivery === 'refused') {
    logger.info('Submission after the task had finished', { cycleId: task.cycleId, stage: task.stage, tokenHash: task.tokenHash });
    throw lateRefusalError(task);
  }
  return json(202, { result: 'accepted', cycleId: task.cycleId, stage: task.stage, submission, submittedAt: at.toISOString() });
};

/** The task of a step, or a 404 naming what is missing. */
const requireTask = async (cycleId: string, stage: string): Promise<TaskRecord> => {
  const task = await getTask(cycleId, stage);
  if (!task) throw httpError(404, 'TaskNotFound', `Cycle ${cycleId} has no ${stage} task open`);
  return task;
};

// recordSubmission is the first half alone: the hand-over tests run it to stand for a crash straight after it.
export { completeTask, recordSubmission, requireTask };
