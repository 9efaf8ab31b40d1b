// The deadline of a workflow step for a stored cycle. The rules (each step's window, the network's
// durations, the working-day calendar) are the core's: src/step-deadlines.ts reading
// src/workflow-steps.ts. This only hands it the cycle's fields.
import type { IsoDate } from '#core/iso-date';
import type { NetworkConfig } from '#core/network-config';
import { stepDueAt } from '#core/step-deadlines';
import type { CallbackStage } from '#core/vocabulary';
import type { CycleRecord } from './records.ts';

type DeadlineCycle = Pick<CycleRecord, 'membershipType' | 'timetable' | 'visitDate'>;

/** When `step`, opening on `opensOn`, is due for this cycle (undefined when the network has no such window). */
const stepDeadline = (cycle: DeadlineCycle, config: NetworkConfig, step: CallbackStage, opensOn: IsoDate, visitDate = cycle.visitDate): string | undefined =>
  stepDueAt(step, { config, membershipType: cycle.membershipType, opensOn, timetable: cycle.timetable, ...(visitDate ? { visitDate } : {}) });

/** The cycle's deadlines with `step`'s set (unchanged when the network has no such window). */
const withStepDeadline = (cycle: DeadlineCycle & Pick<CycleRecord, 'deadlines'>, config: NetworkConfig, step: CallbackStage, opensOn: IsoDate): Record<string, string> => {
  const dueAt = stepDeadline(cycle, config, step, opensOn);
  return dueAt === undefined ? { ...cycle.deadlines } : { ...cycle.deadlines, [step]: dueAt };
};

export { stepDeadline, withStepDeadline };
