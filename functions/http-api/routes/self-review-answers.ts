// The service's self-review, answered standard by standard (issue 9): the standards of the cycle's
// standards version by section, each with its saved answer and each section's progress, and the
// save of one standard's answer. A save based on an older version than the stored one is a 409
// naming who changed it and when; an unknown standard id a 400 naming it. Saving is for the
// service's own organisation and staff (authorisation.ts), only while the self-review task is open.
import { selfReviewSections, submissionFromAnswers, unknownStandardIds, unratedStandardIds } from '#core/self-review';
import type { Standard } from '#core/standards';
import { CallbackStage, CycleStatus, TaskStatus } from '#core/vocabulary';
import { now } from '#commons/clock';
import { listAnswers, saveAnswer } from '#commons/data/self-review-answers';
import { StaleAnswerError } from '#commons/errors';
import { standardsOfCycle } from '#commons/helpers/networks';
import { getCycle, getNetwork, getTask } from '#commons/helpers/records';
import { selfReviewAnswerPathSchema, selfReviewAnswerSaveSchema } from '#commons/schemas/requests';
import { idSchema } from '#commons/schemas/workflow';
import { httpError, json, parseBody, validate } from '../http.ts';
import type { Route, RouteHandler } from '../router.ts';
import { refuse } from './stage-checks.ts';
import type { FieldIssue } from './stage-checks.ts';

/** The standards the cycle started with, if they were imported. */
const storedStandardsOf = async (cycleId: string): Promise<{ versionId: string; standards: Standard[] } | undefined> => {
  const cycle = await getCycle(cycleId);
  if (!cycle) throw httpError(404, 'CycleNotFound', `Cycle ${cycleId} does not exist`);
  const set = await standardsOfCycle(cycle, await getNetwork(cycle.networkId));
  return set && { versionId: set.versionId, standards: set.standards };
};

/** The standards the cycle started with, or a 409 when they were never imported. */
const standardsOf = async (cycleId: string): Promise<{ versionId: string; standards: Standard[] }> => {
  const set = await storedStandardsOf(cycleId);
  if (!set) throw httpError(409, 'StandardsNotFound', `The standards of cycle ${cycleId} are not stored; import the network's standards first`);
  return set;
};

/** GET /cycles/{cycleId}/self-review */
const showSelfReview: RouteHandler = async (_event, params) => {
  const cycleId = validate(idSchema, params.cycleId, 'cycleId');
  const [{ versionId, standards }, answers, task] = await Promise.all([standardsOf(cycleId), listAnswers(cycleId), getTask(cycleId, CallbackStage.selfReview)]);
  return json(200, {
    cycleId,
    standardsVersionId: versionId,
    task: task ? { status: task.status, dueAt: task.dueAt, submittedAt: task.submittedAt, submittedBy: task.submittedBy } : undefined,
    sections: selfReviewSections(standards, answers),
  });
};

/** Answers are saved only while the self-review is open: after the submission they are what was submitted. */
const requireOpenSelfReview = async (cycleId: string): Promise<void> => {
  const task = await getTask(cycleId, CallbackStage.selfReview);
  if (!task) throw httpError(409, 'TaskNotOpen', `Cycle ${cycleId} has no self-review open yet; nothing was saved`);
  if (task.status !== TaskStatus.open) throw httpError(409, 'TaskNotOpen', `The self-review of cycle ${cycleId} is ${task.status}; nothing was saved`);
  if ((await getCycle(cycleId))?.status === CycleStatus.withdrawn) throw httpError(409, 'CycleWithdrawn', `Cycle ${cycleId} was withdrawn; nothing was saved`);
};

/** PUT /cycles/{cycleId}/self-review/answers/{standardId} */
const saveSelfReviewAnswer: RouteHandler = async (event, params) => {
  const { cycleId, standardId } = validate(selfReviewAnswerPathSchema, params, 'path');
  const { basedOnVersion, savedBy, ...fields } = parseBody(selfReviewAnswerSaveSchema, event);
  const { standards } = await standardsOf(cycleId);
  if (unknownStandardIds([standardId], standards).length > 0) refuse([{ field: 'standardId', message: `${standardId} is not a standard of this cycle` }]);
  await requireOpenSelfReview(cycleId);
  try {
    const answer = await saveAnswer(cycleId, standardId, fields, basedOnVersion, savedBy, now());
    return json(200, { cycleId, answer });
  } catch (error) {
    if (!(error instanceof StaleAnswerError)) throw error;
    throw httpError(409, 'StaleAnswer', error.message, { standardId, current: error.current });
  }
};

/**
 * The self-review submission to record, checked against the cycle's standards: an unknown standard
 * id is a 400 naming it. With `fromSavedAnswers` the ratings are the saved answers' (with the
 * version of each submitted; comments and evidence stay in the answers), and every standard must be rated. A task no longer open is not checked (its answer is a
 * repeat or a 409), but the submission is built the same way so a repeat matches the first.
 */
const selfReviewSubmission = async (cycleId: string, submission: Record<string, unknown>, open: boolean): Promise<Record<string, unknown>> => {
  const ratings = (submission.ratings ?? {}) as Record<string, string>;
  const check = (issues: FieldIssue[]) => {
    if (open && issues.length > 0) refuse(issues);
  };
  if (!submission.fromSavedAnswers) {
    // A cycle started before its network's standards were imported has nothing to check against (as before).
    const stored = open ? await storedStandardsOf(cycleId) : undefined;
    if (stored) check(unknownStandardIds(Object.keys(ratings), stored.standards).map((id) => ({ field: `ratings.${id}`, message: `${id} is not a standard of this cycle` })));
    return submission;
  }
  const { standards } = await standardsOf(cycleId);
  check(Object.keys(ratings).length > 0 ? [{ field: 'ratings', message: 'leave out the ratings when submitting the saved answers (fromSavedAnswers)' }] : []);
  const known = new Set(standards.map((standard) => standard.id));
  const answers = (await listAnswers(cycleId)).filter((answer) => known.has(answer.standardId));
  check(unratedStandardIds(standards, answers).map((id) => ({ field: `answers.${id}`, message: `${id} has no rating (met, not met or not applicable)` })));
  const { fromSavedAnswers: _fromSavedAnswers, ...rest } = submission;
  return { ...rest, ...submissionFromAnswers(answers) };
};

const selfReviewAnswerRoutes: Route[] = [
  { method: 'GET', path: '/cycles/{cycleId}/self-review', handle: showSelfReview },
  { method: 'PUT', path: '/cycles/{cycleId}/self-review/answers/{standardId}', handle: saveSelfReviewAnswer },
];

export { selfReviewAnswerRoutes, selfReviewSubmission };
