// What the last review left (issue 13, "the next review sees the plan"): an interim review or a
// renewal (src/renewal.ts) is a new cycle of the same service, and its self-review should start from
// what the service did about the previous review's findings, standard by standard. For each standard
// an action of the previous cycle's plan answers: the action, its owner and status, how far its PDSA
// ramp went (src/pdsa.ts), and the run chart of each measure the service linked to it
// (src/measure-charts.ts), whose signals are also given in words for people who cannot see the chart.
// Actions that answer no standard (an area for development, the service's own) are kept apart.
import type { Action } from './action-plan.ts';
import type { IsoDate } from './iso-date.ts';
import { measureCharts } from './measure-charts.ts';
import type { ChartChoices } from './measure-charts.ts';
import type { DataPoint, MeasureDefinition } from './measure.ts';
import { rampOf } from './pdsa.ts';
import type { ActDecision, PdsaCycle, RampState } from './pdsa.ts';

interface PreviousAction extends Action {
  /** The standards the action answers (its accepted or merged proposals). */
  standardIds: readonly string[];
  pdsaCycles: readonly PdsaCycle[];
}

interface PreviousMeasure {
  measureId: string;
  definition: MeasureDefinition;
  /** The action of the previous plan the measure follows, when the service linked one. */
  actionId?: string;
  points: readonly DataPoint[];
  choices?: ChartChoices;
}

interface MeasureSinceReview {
  measureId: string;
  name: string;
  points: number;
  /** Undefined while the measure has no data. */
  runChart?: { svg: string; summary: string };
}

interface ActionSinceReview {
  actionId: string;
  title: string;
  owner: string;
  dueOn: IsoDate;
  status: Action['status'];
  pdsa: { cycles: number; ramp: RampState; lastAct?: { decision: ActDecision; on: IsoDate } };
  measures: MeasureSinceReview[];
  /** The same in words, as the pages show it (the web app then carries no wording of its own). */
  words: { status: string; pdsa: string; line: string };
}

interface StandardSinceReview {
  standardId: string;
  actions: ActionSinceReview[];
}

interface LastReview {
  standards: StandardSinceReview[];
  /** Actions that answer no standard: areas for development and the service's own. */
  otherActions: ActionSinceReview[];
}

/** Standard ids as people number them: 1.2 before 1.10. */
const byStandardId = new Intl.Collator('en-GB', { numeric: true }).compare;

/** Chart element ids are unique per page: the same measure can follow an action shown under two standards. */
const chartIdPrefix = (place: string, measureId: string) => `last-review-${place}-${measureId}`.replace(/[^A-Za-z0-9_-]/g, '-');

const STATUS_WORDS: Readonly<Record<Action['status'], string>> = { 'not-started': 'Not started', 'in-progress': 'In progress', done: 'Done', abandoned: 'Abandoned' };
const RAMP_WORDS: Readonly<Record<RampState, string>> = { testing: 'testing a change', adopted: 'change adopted', abandoned: 'change abandoned' };
const longDate = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
/** 2025-02-03 as "3 February 2025", the NHS style for dates. */
const dateWords = (date: IsoDate): string => longDate.format(new Date(`${date}T12:00:00Z`));

const wordsOf = (action: Omit<ActionSinceReview, 'words'>): ActionSinceReview['words'] => {
  const { cycles, ramp, lastAct } = action.pdsa;
  const status = `${STATUS_WORDS[action.status]} (due ${dateWords(action.dueOn)})`;
  const pdsa = cycles === 0 ? 'None logged' : `${cycles} cycle${cycles === 1 ? '' : 's'}, ${RAMP_WORDS[ramp]}${lastAct ? `; last Act: ${lastAct.decision} on ${dateWords(lastAct.on)}` : ''}`;
  return { status, pdsa, line: `${action.actionId}: ${action.title} (${STATUS_WORDS[action.status]}, owner ${action.owner}; PDSA: ${pdsa})` };
};

const lastActOf = (cycles: readonly PdsaCycle[]): ActionSinceReview['pdsa']['lastAct'] => {
  const acted = rampOf(cycles).cycles.filter((cycle) => cycle.act !== undefined);
  const last = acted.at(-1)?.act;
  return last ? { decision: last.decision, on: last.on } : undefined;
};

const measureSinceReview = (measure: PreviousMeasure, place: string): MeasureSinceReview => {
  const charts = measureCharts(measure.definition, measure.points, measure.choices, chartIdPrefix(place, measure.measureId));
  return {
    measureId: measure.measureId,
    name: measure.definition.name,
    points: measure.points.length,
    ...(charts ? { runChart: { svg: charts.run.svg, summary: charts.run.summary } } : {}),
  };
};

const actionSinceReview = (action: PreviousAction, measures: readonly PreviousMeasure[], place: string): ActionSinceReview => {
  const lastAct = lastActOf(action.pdsaCycles);
  const entry = {
    actionId: action.id,
    title: action.title,
    owner: action.owner,
    dueOn: action.dueOn,
    status: action.status,
    pdsa: { cycles: action.pdsaCycles.length, ramp: rampOf(action.pdsaCycles).state, ...(lastAct ? { lastAct } : {}) },
    measures: measures.filter((measure) => measure.actionId === action.id).map((measure) => measureSinceReview(measure, place)),
  };
  return { ...entry, words: wordsOf(entry) };
};

interface BookedFollowUp {
  cycleId: string;
  startDate: IsoDate;
}

/**
 * The cycles whose plan a follow-up cycle's self-review may show, the most recent first. A follow-up
 * knows the cycle whose accreditation booked it; that cycle also booked the other follow-up, so a
 * renewal's last review is the interim review booked with it, when that started before the renewal,
 * and only then the accrediting cycle. The caller shows the first of them that has a plan.
 */
const lastReviewCandidates = (followUp: BookedFollowUp, bookedBy: { cycleId: string; followUpCycles?: readonly BookedFollowUp[] }): string[] => [
  ...(bookedBy.followUpCycles ?? [])
    .filter((sibling) => sibling.cycleId !== followUp.cycleId && sibling.startDate < followUp.startDate)
    .sort((a, b) => (a.startDate < b.startDate ? 1 : -1))
    .map((sibling) => sibling.cycleId),
  bookedBy.cycleId,
];

/**
 * Per standard, in standard order, the previous plan's actions that answer it (in the plan's order),
 * each with its PDSA ramp and its measures' run charts; then the actions that answer no standard.
 * An action answering several standards (merged findings) is shown under each of them.
 */
const lastReviewOf = (actions: readonly PreviousAction[], measures: readonly PreviousMeasure[]): LastReview => {
  const standardIds = [...new Set(actions.flatMap((action) => action.standardIds))].sort(byStandardId);
  return {
    standards: standardIds.map((standardId) => ({
      standardId,
      actions: actions.filter((action) => action.standardIds.includes(standardId)).map((action) => actionSinceReview(action, measures, `${standardId}-${action.id}`)),
    })),
    otherActions: actions.filter((action) => action.standardIds.length === 0).map((action) => actionSinceReview(action, measures, action.id)),
  };
};

export { lastReviewCandidates, lastReviewOf };
export type { ActionSinceReview, BookedFollowUp, LastReview, MeasureSinceReview, PreviousAction, PreviousMeasure, StandardSinceReview };
