// A step's answers (self-review answers, evidence files) change only while its task is open: after
// the submission they are what was submitted, and a withdrawn cycle takes nothing more.
import { CycleStatus, TaskStatus } from '#core/vocabulary';
import { getCycle, getTask } from '#commons/helpers/records';
import { httpError } from '../http.ts';

const requireOpenStep = async (cycleId: string, stage: string): Promise<void> => {
  const task = await getTask(cycleId, stage);
  if (!task) throw httpError(409, 'TaskNotOpen', `Cycle ${cycleId} has no ${stage} open yet; nothing was saved`);
  if (task.status !== TaskStatus.open) throw httpError(409, 'TaskNotOpen', `The ${stage} of cycle ${cycleId} is ${task.status}; nothing was saved`);
  if ((await getCycle(cycleId))?.status === CycleStatus.withdrawn) throw httpError(409, 'CycleWithdrawn', `Cycle ${cycleId} was withdrawn; nothing was saved`);
};

export { requireOpenStep };
