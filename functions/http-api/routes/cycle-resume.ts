// Continues a cycle in a new execution at a given stage (a long cycle near Step Functions' one-year
// or 25,000-event limits, a redrive, a new definition version; DESIGN §2). Issue 12 defect 6:
// stopping first and starting second could leave a cycle with no execution. Now the resume is
// refused before anything changes when the cycle's records cannot support it (src/resume.ts);
// otherwise it is recorded with two hand-overs in one transaction (data/resume.ts): start the new
// execution, then, only once that is done, stop the old one. The API delivers both at once; the
// relay finishes whatever a crash left. The new execution's name comes from the request, so a
// repeat starts nothing new (Step Functions answers the same name and input with the same execution).
import { createHash } from 'node:crypto';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { describeMissing, missingForResume, resumableStages } from '#core/resume';
import { CycleStatus, TaskStatus } from '#core/vocabulary';
import { now } from '#commons/clock';
import { handOverPut } from '#commons/data/hand-overs';
import { recordResume, resumeRecordsOf } from '#commons/data/resume';
import { transactionConditionFailures } from '#commons/helpers/conditions';
import { deliverHandOver } from '#commons/helpers/deliver-hand-over';
import { executionStatus } from '#commons/helpers/executions';
import { getCycle, getTask } from '#commons/helpers/records';
import type { CycleRecord, LastResume } from '#commons/helpers/records';
import { logger } from '#commons/powertools/logger';
import { resumeCycleRequestSchema } from '#commons/schemas/requests';
import { idSchema } from '#commons/schemas/workflow';
import { callerOf } from '../caller.ts';
import { stateMachineArn } from '../env.ts';
import { httpError, json, parseBody, validate } from '../http.ts';
import type { Route, RouteHandler } from '../router.ts';

type ResumeRequest = { resumeAt: LastResume['resumeAt']; reason: string };

/**
 * Step Functions' execution names are at most 80 characters; the hash keeps them unique when the
 * cycle id is cut. The last resume is in it so that a resume whose execution died before it took
 * over can be asked for again (its own name is taken for 90 days).
 */
const executionNameOf = (cycle: CycleRecord, request: ResumeRequest): string => {
  const digest = createHash('sha256')
    .update(JSON.stringify([cycle.cycleId, cycle.executionArn, request.resumeAt, request.reason, cycle.lastResume?.executionArn ?? '']))
    .digest('hex');
  return `${cycle.cycleId.slice(0, 60)}-r${digest.slice(0, 16)}`;
};
const handOverIds = (resume: LastResume) => {
  const name = resume.executionArn.split(':').at(-1);
  return { start: `resume#${name}#start`, stop: `resume#${name}#stop` };
};

/**
 * The last resume, while it matters: it drives the cycle now, or it is taking over (its execution
 * not started yet, or running and not attached yet). One whose execution ended before it took
 * over is over: the cycle may be resumed again.
 */
const liveResume = async (cycle: CycleRecord): Promise<LastResume | undefined> => {
  const last = cycle.lastResume;
  if (!last || last.executionArn === cycle.executionArn) return last;
  if (last.fromExecutionArn !== cycle.executionArn) return undefined;
  const status = await executionStatus(last.executionArn);
  return status === undefined || status === 'RUNNING' ? last : undefined;
};
const sameRequest = (resume: LastResume | undefined, request: ResumeRequest) => resume?.resumeAt === request.resumeAt && resume.reason === request.reason;

/**
 * Start, then stop: delivered now, or by the relay if this request dies (the stop waits for the
 * start either way). A repeat only nudges: whoever holds a hand-over is delivering it already.
 */
const deliver = async (cycleId: string, resume: LastResume, repeat = false) => {
  const ids = handOverIds(resume);
  for (const handOverId of [ids.start, ids.stop]) {
    await deliverHandOver(cycleId, handOverId, repeat ? 0 : undefined).catch((error: unknown) => logger.warn('Hand-over left to the relay', { cycleId, handOverId, error }));
  }
};

const answer = (status: 200 | 202, resume: LastResume, cycleId: string) =>
  json(status, { result: status === 202 ? 'resumed' : 'already-recorded', cycleId, resumeAt: resume.resumeAt, executionArn: resume.executionArn, previousExecutionArn: resume.fromExecutionArn });

const record = async (cycle: CycleRecord, request: ResumeRequest, actor: string): Promise<LastResume> => {
  const at = now();
  const name = executionNameOf(cycle, request);
  const executionArn = `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`;
  const resume: LastResume = { ...request, fromExecutionArn: cycle.executionArn, executionArn, requestedAt: at.toISOString(), requestedBy: actor };
  const ids = handOverIds(resume);
  const input = JSON.stringify({ cycleId: cycle.cycleId, serviceId: cycle.serviceId, cohortId: cycle.cohortId, startDate: cycle.startDate, resumeAt: request.resumeAt });
  const stop = { kind: 'stop-execution' as const, executionArn: cycle.executionArn, error: 'CycleResumed', cause: `Resumed at ${request.resumeAt}: ${request.reason}` };
  const open = await getTask(cycle.cycleId, cycle.stage);
  const pending = open && (open.status === TaskStatus.open || open.status === TaskStatus.overdue) && open.stage !== request.resumeAt;
  await recordResume({
    cycle,
    previousResumeArn: cycle.lastResume?.executionArn,
    resume,
    actor,
    at,
    handOvers: [
      handOverPut({ cycleId: cycle.cycleId, handOverId: ids.start, command: { kind: 'start-execution', stateMachineArn, name, input }, at }),
      handOverPut({ cycleId: cycle.cycleId, handOverId: ids.stop, command: stop, at, after: ids.start }),
    ],
    ...(pending ? { abandonedTask: open } : {}),
  });
  return resume;
};

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
    resume = await record(cycle, request, callerOf(event).subject);
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

export { cycleResumeRoutes, record as recordResumeRequest };
