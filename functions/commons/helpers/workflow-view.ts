// What the state machine keeps of a cycle between steps (its `$cycle` variable): every step that
// changes the cycle returns this view, and a resumed execution reloads it, so the execution never
// holds state that DynamoDB does not.
import type { CycleRecord } from './records.ts';

interface WorkflowView {
  cycleId: string;
  membershipType: string;
  status: string;
  stage: string;
  /** Deadline (ISO instant) per callback stage: the callback timeouts are computed from these. */
  deadlines: Record<string, string>;
  visitDate: string | null;
  decision: string | null;
  /** The UK day of the last decision (an Accredited one dates the interim review and renewal). */
  decidedOn: string | null;
  deferrals: number;
  appeals: number;
}

const workflowView = (cycle: CycleRecord): WorkflowView => ({
  cycleId: cycle.cycleId,
  membershipType: cycle.membershipType,
  status: cycle.status,
  stage: cycle.stage,
  deadlines: cycle.deadlines ?? {},
  visitDate: cycle.visitDate ?? null,
  decision: cycle.decision ?? null,
  decidedOn: cycle.decidedOn ?? null,
  deferrals: cycle.deferrals ?? 0,
  appeals: cycle.appeals ?? 0,
});

export { workflowView };
export type { WorkflowView };
