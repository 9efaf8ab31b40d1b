// Plan-Do-Study-Act cycles, as the IHI Model for Improvement teaches them (Langley et al., "The
// Improvement Guide", 2nd ed., 2009): Plan the change and predict what will happen; Do it, on a small
// scale, noting what happened; Study the data against the prediction; Act: adopt the change, adapt it
// for the next cycle, or abandon it. Cycles under one action form a ramp, each building on the one
// before, until a change is adopted or abandoned. Teams find PDSA hard to keep up, so the order is
// checked here rather than left to a form: a Study cannot be written before the Do it studies.
import type { IsoDate } from './iso-date.ts';

const PDSA_PHASES = ['plan', 'do', 'study', 'act'] as const;
type PdsaPhase = (typeof PDSA_PHASES)[number];

const ACT_DECISIONS = ['adopt', 'adapt', 'abandon'] as const;
type ActDecision = (typeof ACT_DECISIONS)[number];

interface PdsaCycle {
  id: string;
  plan: { on: IsoDate; changeIdea: string; prediction: string };
  do?: { on: IsoDate; whatHappened: string };
  study?: { on: IsoDate; comparedWithPrediction: string };
  act?: { on: IsoDate; decision: ActDecision; nextSteps?: string };
}

/** The phase a cycle waits for, or undefined once it has acted. */
const nextPhase = (cycle: PdsaCycle): PdsaPhase | undefined => PDSA_PHASES.find((phase) => cycle[phase] === undefined);

/** Why `phase` cannot be recorded on `on` for this cycle, or undefined when it can. */
const phaseProblem = (cycle: PdsaCycle, phase: PdsaPhase, on: IsoDate): string | undefined => {
  const next = nextPhase(cycle);
  if (next === undefined) return `This cycle is finished: it was acted on (${cycle.act?.decision}) on ${cycle.act?.on}`;
  if (phase !== next) return `The ${next} phase comes next; ${phase} cannot be recorded before it`;
  const previous = PDSA_PHASES[PDSA_PHASES.indexOf(phase) - 1];
  const previousOn = previous ? cycle[previous]?.on : undefined;
  if (previousOn !== undefined && on < previousOn) return `${on} is before the ${previous} phase (${previousOn})`;
  return undefined;
};

type RampState = 'testing' | 'adopted' | 'abandoned';

interface Ramp {
  cycles: PdsaCycle[];
  state: RampState;
}

/**
 * An action's cycles as a ramp, in the order they were planned. The ramp's state is its latest
 * cycle's: testing while that cycle is open or adapted the change, adopted or abandoned when it
 * acted so. A team that abandons a change and tries another plans a new cycle, and the ramp is
 * testing again.
 */
const rampOf = (cycles: readonly PdsaCycle[]): Ramp => {
  const ordered = [...cycles].sort((a, b) => (a.plan.on < b.plan.on ? -1 : a.plan.on > b.plan.on ? 1 : a.id.localeCompare(b.id)));
  const last = ordered.at(-1);
  const decision = last?.act?.decision;
  return { cycles: ordered, state: decision === 'adopt' ? 'adopted' : decision === 'abandon' ? 'abandoned' : 'testing' };
};

export { ACT_DECISIONS, PDSA_PHASES, nextPhase, phaseProblem, rampOf };
export type { ActDecision, PdsaCycle, PdsaPhase, Ramp, RampState };
