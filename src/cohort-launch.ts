// Which services a cohort launch must not start a cycle for (issue 10 #6). A launch starts one
// cycle per service; a service already in a cycle of another cohort, with a follow-up cycle (interim
// review, renewal) already booked, or withdrawn, would get a second one, and its people a second
// set of emails. Launching the same cohort again is not refused: it is idempotent (the cycle id
// names the execution) and says the cycle was already started.
import { CycleStatus } from './vocabulary.ts';

interface ExistingCycle {
  cycleId: string;
  status: string;
  stage: string;
  startDate?: string;
  followUpCycles?: readonly { cycleId: string; startDate: string; kind: string }[];
}

const LaunchRefusal = {
  openCycle: 'open-cycle',
  followUpBooked: 'follow-up-booked',
  withdrawn: 'withdrawn',
} as const;
type LaunchRefusal = (typeof LaunchRefusal)[keyof typeof LaunchRefusal];

/** A cycle that has reached its end: the decision (or the developmental report) is in, or the service left. */
const finished = (cycle: ExistingCycle): boolean =>
  cycle.stage === 'closed' || ([CycleStatus.accredited, CycleStatus.reportIssued, CycleStatus.withdrawn] as string[]).includes(cycle.status);

/** Why a service must not start cycle `cycleId`, given its existing cycles; undefined when it may. */
const launchRefusal = (cycleId: string, cycles: readonly ExistingCycle[]): { reason: LaunchRefusal; message: string } | undefined => {
  const others = cycles.filter((cycle) => cycle.cycleId !== cycleId).sort((a, b) => String(a.startDate ?? '').localeCompare(String(b.startDate ?? '')));
  const open = others.find((cycle) => !finished(cycle));
  if (open) return { reason: LaunchRefusal.openCycle, message: `cycle ${open.cycleId} is still open (${open.status} at ${open.stage})` };
  const latest = others.at(-1);
  if (latest?.status === CycleStatus.withdrawn) return { reason: LaunchRefusal.withdrawn, message: `the service was withdrawn from cycle ${latest.cycleId}` };
  const booked = others.flatMap((cycle) => cycle.followUpCycles ?? []).find((followUp) => followUp.cycleId !== cycleId);
  if (booked) return { reason: LaunchRefusal.followUpBooked, message: `its ${booked.kind} cycle ${booked.cycleId} is booked to start on ${booked.startDate}` };
  return undefined;
};

export { LaunchRefusal, launchRefusal };
export type { ExistingCycle };
