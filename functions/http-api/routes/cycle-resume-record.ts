// Recording a resume (cycle-resume.ts answers the request): the new execution's name, the two
// hand-overs (start the new execution, then stop the old one) written with the resume in one
// transaction (data/resume.ts), and their delivery, now or by the relay after a crash.
import { createHash } from 'node:crypto';
import { TaskStatus } from '#core/vocabulary';
import { now } from '#commons/clock';
import { handOverPut } from '#commons/data/hand-overs';
import { recordResume } from '#commons/data/resume';
import { deliverHandOver } from '#commons/helpers/deliver-hand-over';
import { executionArnOf, executionStatus } from '#commons/helpers/executions';
import { getTask } from '#commons/helpers/records';
import type { CycleRecord, LastResume } from '#commons/helpers/records';
import { logger } from '#commons/powertools/logger';
import { stateMachineArn } from '../env.ts';

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

const recordResumeRequest = async (cycle: CycleRecord, request: ResumeRequest, actor: string): Promise<LastResume> => {
  const at = now();
  const name = executionNameOf(cycle, request);
  const executionArn = executionArnOf(stateMachineArn, name);
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

export { deliver, liveResume, recordResumeRequest, sameRequest };
export type { ResumeRequest };
