// The network overview's three aggregates (issue 8, "charts where people would rather look than
// read"): how many cycles sit at each stage, how many deadlines fall in each of the next weeks, and
// per standard, the share of a cohort's services that meet it. Pure: the caller reads the cycles
// and their ratings and passes "today" in.
import { addDays, daysBetween, type IsoDate } from './iso-date.ts';
import { Rating, type StandardRating } from './ratings.ts';
import { scoreReview } from './scoring.ts';
import type { Standard } from './standards.ts';
import { ukDateOf } from './uk-time.ts';
import { AutomaticStage, CYCLE_STAGE_ORDER, CycleStatus, Stage, STANDARD_TYPES, type StandardType } from './vocabulary.ts';

/** The timetable's stages and the end: always shown, so an empty stage reads as 0 rather than vanishing. */
const ALWAYS_SHOWN: ReadonlySet<string> = new Set([...Object.values(Stage), AutomaticStage.closed]);
/** A withdrawn cycle keeps the stage it left at; on the chart it is counted apart, not as progress. */
const WITHDRAWN = 'withdrawn';

const DEFAULT_WEEKS = 8;

interface OverviewCycle {
  cycleId: string;
  stage: string;
  status: string;
  /** ISO instant: the end of the UK day the current step is due. */
  currentDeadline?: string;
}

interface StageCount {
  stage: string;
  count: number;
}

interface DeadlineWeek {
  /** First day of the week (today, then every 7 days), UK dates. */
  from: IsoDate;
  to: IsoDate;
  count: number;
}

interface DeadlineWeeks {
  weeks: DeadlineWeek[];
  /** Open cycles whose deadline is already past. */
  overdue: number;
  /** Open cycles whose deadline falls after the last week. */
  later: number;
}

/** What one cycle's ratings say: the standards it started with, the service's own ratings and the review team's. */
interface RatedCycle {
  cycleId: string;
  standards: readonly Standard[];
  selfRatings: readonly StandardRating[];
  peerRatings: readonly StandardRating[];
}

interface StandardCompliance {
  standardId: string;
  section: string;
  type: StandardType;
  met: number;
  notMet: number;
  notApplicable: number;
  /** Cycles that have the standard with no rating yet (self-review still open). */
  unrated: number;
  /** met / (met + not met) × 100, one decimal; null when no cycle rated it met or not met. */
  percentageMet: number | null;
}

interface TypeCompliance {
  type: StandardType;
  standards: StandardCompliance[];
}

interface Compliance {
  byType: TypeCompliance[];
  /** Cycles whose ratings were counted. */
  cyclesRated: number;
  /** Cycles left out because their ratings name unknown standards or repeat one (the report would refuse them too). */
  cyclesSkipped: string[];
}

const isOpen = (cycle: OverviewCycle): boolean => cycle.status !== CycleStatus.withdrawn && cycle.stage !== AutomaticStage.closed;

const stageRank = (stage: string): number => {
  const index = CYCLE_STAGE_ORDER.indexOf(stage);
  return index === -1 ? CYCLE_STAGE_ORDER.length : index;
};

/** Cycles per stage in workflow order; withdrawn cycles in their own bar at the end. */
const stageCounts = (cycles: readonly OverviewCycle[]): StageCount[] => {
  const counts = new Map<string, number>([...ALWAYS_SHOWN].map((stage) => [stage, 0]));
  for (const cycle of cycles) {
    const bucket = cycle.status === CycleStatus.withdrawn ? WITHDRAWN : cycle.stage;
    counts.set(bucket, (counts.get(bucket) ?? 0) + 1);
  }
  const rank = (stage: string) => (stage === WITHDRAWN ? CYCLE_STAGE_ORDER.length + 1 : stageRank(stage));
  return [...counts]
    .filter(([stage, count]) => count > 0 || ALWAYS_SHOWN.has(stage))
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([stage, count]) => ({ stage, count }));
};

/** Open cycles' current deadlines, counted per week from today (UK dates: a deadline is the end of a UK day). */
const deadlineWeeks = (cycles: readonly OverviewCycle[], today: IsoDate, weekCount: number = DEFAULT_WEEKS): DeadlineWeeks => {
  const weeks = Array.from({ length: weekCount }, (_unused, index) => ({ from: addDays(today, index * 7), to: addDays(today, index * 7 + 6), count: 0 }));
  let overdue = 0;
  let later = 0;
  for (const cycle of cycles) {
    if (!isOpen(cycle) || !cycle.currentDeadline) continue;
    const dueOn = ukDateOf(new Date(cycle.currentDeadline));
    const days = daysBetween(today, dueOn);
    if (days < 0) overdue += 1;
    else if (days >= weekCount * 7) later += 1;
    else weeks[Math.floor(days / 7)].count += 1;
  }
  return { weeks, overdue, later };
};

const emptyCompliance = (standard: Standard): StandardCompliance => ({
  standardId: standard.id,
  section: standard.section,
  type: standard.type,
  met: 0,
  notMet: 0,
  notApplicable: 0,
  unrated: 0,
  percentageMet: null,
});

const byStandardId = new Intl.Collator('en-GB', { numeric: true }).compare;

/**
 * Per standard, across the cycles given: the rating that counts is the report's (scoring.ts: the
 * review team's where it rated the standard, else the service's self-review rating), so the chart
 * agrees with each service's report. Cycles on different standards versions are pooled by standard id.
 */
const standardCompliance = (cycles: readonly RatedCycle[]): Compliance => {
  const byId = new Map<string, StandardCompliance>();
  const cyclesSkipped: string[] = [];
  let cyclesRated = 0;
  for (const cycle of cycles) {
    let results;
    try {
      ({ results } = scoreReview({ standards: cycle.standards, selfRatings: cycle.selfRatings, peerRatings: cycle.peerRatings }));
    } catch {
      cyclesSkipped.push(cycle.cycleId);
      continue;
    }
    cyclesRated += 1;
    for (const { standard, effective } of results) {
      const entry = byId.get(standard.id) ?? emptyCompliance(standard);
      byId.set(standard.id, entry);
      if (effective === Rating.Met) entry.met += 1;
      else if (effective === Rating.NotMet) entry.notMet += 1;
      else if (effective === Rating.NotApplicable) entry.notApplicable += 1;
      else entry.unrated += 1;
    }
  }
  for (const entry of byId.values()) {
    const applicable = entry.met + entry.notMet;
    entry.percentageMet = applicable === 0 ? null : Math.round((entry.met * 1000) / applicable) / 10;
  }
  const byType = STANDARD_TYPES.map((type) => ({
    type,
    standards: [...byId.values()].filter((entry) => entry.type === type).sort((a, b) => byStandardId(a.standardId, b.standardId)),
  })).filter((group) => group.standards.length > 0);
  return { byType, cyclesRated, cyclesSkipped };
};

export { DEFAULT_WEEKS, WITHDRAWN, deadlineWeeks, stageCounts, standardCompliance };
export type { Compliance, DeadlineWeek, DeadlineWeeks, OverviewCycle, RatedCycle, StageCount, StandardCompliance, TypeCompliance };
