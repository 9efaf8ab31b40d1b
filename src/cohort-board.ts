// What the cohort board's filters mean (issue 8): overdue, stuck, waiting for staff, mine. Pure:
// "now" and the network's stuck threshold are passed in, so the API and tests agree on one rule.
import { workingDaysBetween } from './calendar.ts';
import { ukDateOf } from './uk-time.ts';
import { CallbackStage, CycleStatus } from './vocabulary.ts';

/** A failed execution leaves the cycle where it was; the board shows it as failed (issue 10, defect 4). */
const FAILED_STATUS = 'failed';

/** The fields of a cycle the filters read. */
interface BoardCycleFacts {
  cohortId: string;
  stage: string;
  status: string;
  currentDeadline?: string;
  updatedAt?: string;
  createdAt?: string;
}

interface BoardContext {
  now: Date;
  /** The network's `stuckAfterWorkingDays` (network.yaml, default 10). */
  stuckAfterWorkingDays: number;
  myCohorts: readonly string[];
}

/** Finished cycles owe nothing: no deadline, never stuck or overdue. */
const CLOSED_STATUSES: ReadonlySet<string> = new Set([CycleStatus.accredited, CycleStatus.notAccredited, CycleStatus.reportIssued, CycleStatus.withdrawn]);

const isOpen = (cycle: BoardCycleFacts) => !CLOSED_STATUSES.has(cycle.status);

/** Recorded overdue by the workflow, or past its deadline before the workflow's timer fired. */
const isOverdue = (cycle: BoardCycleFacts, { now }: BoardContext) =>
  cycle.status === CycleStatus.overdue || (isOpen(cycle) && cycle.currentDeadline !== undefined && Date.parse(cycle.currentDeadline) < now.getTime());

/** Open, and no change for the network's number of UK working days. */
const isStuck = (cycle: BoardCycleFacts, { now, stuckAfterWorkingDays }: BoardContext) => {
  const changed = cycle.updatedAt ?? cycle.createdAt;
  if (!isOpen(cycle) || changed === undefined) return false;
  return workingDaysBetween(ukDateOf(new Date(changed)), ukDateOf(now)) >= stuckAfterWorkingDays;
};

/**
 * Staff owe the next move: a team to allocate by hand, a committee decision (recorded by staff for
 * the committee), an overdue step to extend or withdraw, a failed execution to resume.
 */
const STAFF_STAGES: ReadonlySet<string> = new Set([CallbackStage.manualAllocation, CallbackStage.committeeDecision]);
const isWaitingForStaff = (cycle: BoardCycleFacts) =>
  cycle.status === CycleStatus.overdue || cycle.status === FAILED_STATUS || (isOpen(cycle) && STAFF_STAGES.has(cycle.stage));

const isMine = (cycle: BoardCycleFacts, { myCohorts }: BoardContext) => myCohorts.includes(cycle.cohortId);

const boardFilters = {
  overdue: isOverdue,
  stuck: isStuck,
  'waiting-for-staff': isWaitingForStaff,
  mine: isMine,
} as const satisfies Record<string, (cycle: BoardCycleFacts, context: BoardContext) => boolean>;
type BoardFilterName = keyof typeof boardFilters;

export { CLOSED_STATUSES, FAILED_STATUS, boardFilters, isOverdue, isStuck, isWaitingForStaff };
export type { BoardContext, BoardCycleFacts, BoardFilterName };
