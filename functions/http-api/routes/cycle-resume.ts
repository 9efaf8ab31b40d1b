// Continues a cycle in a new execution at a given stage (a long cycle near Step Functions' one-year
// or 25,000-event limits, a redrive, a new definition version; DESIGN §2). Issue 12 defect 6:
// stopping first and starting second could leave a cycle with no execution. Now the resume is
// refused before anything changes when the cycle's records cannot support it (src/resume.ts);
// otherwise it is recorded with two hand-overs in one transaction (data/resume.ts): start the new
// execution, then, only once that is done, stop the old one. The API delivers both at once; the
// relay finishes whatever a crash left. The new execution's name comes from the request, so a
// repeat starts nothing new (Step Functions answers the same name and input with the same execution).
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { describeMissing, missingForResume, resumableStages } from '#core/resume';
import { CycleStatus } from '#core/vocabulary';
import { resumeRecordsOf } from '#commons/data/resume';
import { transactionConditionFailures } from '#commons/helpers/conditions';
import { getCycle } from '#commons/helpers/records';
import type { LastResume } from '#commons/helpers/records';
import { logger } from '#commons/powertools/logger';
import { resumeCycleRequestSchema } from '#commons/schemas/requests';
import { idSchema } from '#commons/schemas/workflow';
import { callerOf } from '../caller.ts';
import { httpError, json, parseBody, validate } from '../http.ts';
import type { Route, RouteHandler } from '../router.ts';
import { deliver, liveResume, recordResumeRequest, sameRequest } from './cycle-resume-record.ts';

const answer = (status: 200 | 202, resume: LastResume, cycleId: string) =>
  json(status, { result: status === 202 ? 'resumed' : 'already-recorded', cycleId, resumeAt: resume.resumeAt, executionArn: resume.executionArn, previousExecutionArn: resume.fromExecutionArn });

const resumeCycle: RouteHandler = async (event, params) => {
  const cycleId = validate(idSchema, params.cycleId, 'cycleId');
  const request = parseBody(resumeCycleRequestSchema, event);
  const cycle = await getCycle(cycleId);
  if (!cycle) throw httpError(404, 'CycleNotFound', `Cycle ${cycleId} does not exist (yet)`);
  if (cycle.status === CycleStatus.withdrawn) throw httpError(409, 'CycleWithdrawn', `Cycle ${cycleId} was withdrawn`);
  const live = await liveResume(cycle);
  if (live && sameRequest(live, request)) {
    await deliver(cycleId, live, true);
    return answer(200, live, cycleId);
  }
  if (live && live.executionArn !== cycle.executionArn) {
    throw httpError(409, 'ResumeInProgress', `Cycle ${cycleId} is being resumed at ${live.resumeAt} (${live.executionArn}); ask again once it has taken over`);
  }
  const records = await resumeRecordsOf(cycle);
  const missing = missingForResume(request.resumeAt, records);
  if (missing.length > 0) {
    const message = describeMissing(missing);
    throw httpError(409, 'ResumeNotSupported', `Cycle ${cycleId} cannot resume at ${request.resumeAt}: it ${message}`, {
      issues: [{ field: 'resumeAt', message }],
      resumableStages: resumableStages(records),
    });
  }
  let resume: LastResume;
  try {
    resume = await recordResumeRequest(cycle, request, callerOf(event).subject);
  } catch (error) {
    if (!(error instanceof TransactionCanceledException)) throw error;
    // A concurrent request recorded first: the same resume is already recorded; anything else changed the cycle.
    const current = await getCycle(cycleId);
    const first = current?.lastResume && sameRequest(current.lastResume, request) ? current.lastResume : undefined;
    // Cancelled for a conflict, not a condition: transient, answered 503 with Retry-After by the router.
    if (!first && !transactionConditionFailures(error)) throw error;
    if (!first) throw httpError(409, 'CycleChanged', `Cycle ${cycleId} changed while the resume was recorded (resumed, withdrawn or moved on); read it and try again`);
    await deliver(cycleId, first, true);
    return answer(200, first, cycleId);
  }
  await deliver(cycleId, resume);
  logger.info('Cycle resumed', { cycleId, resumeAt: resume.resumeAt, executionArn: resume.executionArn });
  return answer(202, resume, cycleId);
};

const cycleResumeRoutes: Route[] = [{ method: 'POST', path: '/cycles/{cycleId}/resume', handle: resumeCycle }];

export { cycleResumeRoutes, recordResumeRequest };
