// The service's self-review, answered standard by standard (issue 9): the standards of the cycle's
// standards version by section, each with its saved answer and each section's progress, and the
// save of one standard's answer. A save based on an older version than the stored one is a 409
// naming who changed it and when; an unknown standard id a 400 naming it. Saving is for the
// service's own organisation and staff (authorisation.ts), only while the self-review task is open.
import { selfReviewSections, unknownStandardIds } from '#core/self-review';
import { EvidenceStage } from '#core/evidence-files';
import { CallbackStage } from '#core/vocabulary';
import { now } from '#commons/clock';
import { listAnswers, saveAnswer } from '#commons/data/self-review-answers';
import { StaleAnswerError } from '#commons/errors';
import { getTask } from '#commons/helpers/records';
import { selfReviewAnswerPathSchema, selfReviewAnswerSaveSchema } from '#commons/schemas/requests';
import { idSchema } from '#commons/schemas/workflow';
import { httpError, json, parseBody, validate } from '../http.ts';
import type { Route, RouteHandler } from '../router.ts';
import { standardsOf } from './self-review-submission.ts';
import { checkedEvidence } from './evidence-files.ts';
import { requireOpenStep } from './open-step.ts';
import { refuse } from './stage-checks.ts';

/** GET /cycles/{cycleId}/self-review */
const showSelfReview: RouteHandler = async (_event, params) => {
  const cycleId = validate(idSchema, params.cycleId, 'cycleId');
  const [{ versionId, standards, cycle }, answers, task] = await Promise.all([standardsOf(cycleId), listAnswers(cycleId), getTask(cycleId, CallbackStage.selfReview)]);
  return json(200, {
    cycleId,
    standardsVersionId: versionId,
    // Who may submit (src/step-actors.ts): the page tells colleagues to hand over to the lead.
    serviceLeads: cycle.contacts?.serviceLead ?? [],
    // An interim review or renewal: the page then asks the quality-improvement function what the last review's plan did.
    previousCycleId: cycle.previousCycleId,
    task: task ? { status: task.status, dueAt: task.dueAt, submittedAt: task.submittedAt, submittedBy: task.submittedBy } : undefined,
    sections: selfReviewSections(standards, answers),
  });
};

/** PUT /cycles/{cycleId}/self-review/answers/{standardId} */
const saveSelfReviewAnswer: RouteHandler = async (event, params) => {
  const { cycleId, standardId } = validate(selfReviewAnswerPathSchema, params, 'path');
  const { basedOnVersion, savedBy, ...fields } = parseBody(selfReviewAnswerSaveSchema, event);
  const { standards } = await standardsOf(cycleId);
  if (unknownStandardIds([standardId], standards).length > 0) refuse([{ field: 'standardId', message: `${standardId} is not a standard of this cycle` }]);
  await requireOpenStep(cycleId, CallbackStage.selfReview);
  const evidence = fields.evidence && (await checkedEvidence(cycleId, EvidenceStage.selfReview, standardId, fields.evidence));
  try {
    const answer = await saveAnswer(cycleId, standardId, { ...fields, ...(evidence ? { evidence } : {}) }, basedOnVersion, savedBy, now());
    return json(200, { cycleId, answer });
  } catch (error) {
    if (!(error instanceof StaleAnswerError)) throw error;
    throw httpError(409, 'StaleAnswer', error.message, { standardId, current: error.current });
  }
};

const selfReviewAnswerRoutes: Route[] = [
  { method: 'GET', path: '/cycles/{cycleId}/self-review', handle: showSelfReview },
  { method: 'PUT', path: '/cycles/{cycleId}/self-review/answers/{standardId}', handle: saveSelfReviewAnswer },
];

export { selfReviewAnswerRoutes };
