// An XmR statistical process control chart as NHS England's "Making Data Count" draws it
// (NHS England / NHS Improvement, "Making Data Count: Getting started", 2019, and "Making Data
// Count: Strengthening your decisions", 2019):
// - the centre line is the mean; the moving ranges are the differences between consecutive points;
// - the process limits are mean ± 2.66 × the mean moving range. 2.66 is 3 / d2, with d2 = 1.128 for
//   ranges of two points, so the limits sit at three sigma (Wheeler's XmR constants, which MDC uses);
// - special cause variation is any of:
//   1. a single point outside the process limits;
//   2. a shift: a run of seven or more consecutive points all above or all below the mean;
//   3. a trend: six or more consecutive points all increasing or all decreasing;
//   4. two out of three consecutive points close to a process limit (beyond two sigma, the outer
//      third between the mean and the limit), on the same side;
// - the variation icon says what the latest point shows: common cause, or special cause of
//   improvement or of concern (high or low), given the measure's improvement direction;
// - the assurance icon says whether the process will meet the target: the target outside the limits
//   on the passing side (consistently pass), on the failing side (consistently fail), or between them
//   (hit and miss).
// Points on the mean neither break nor add to a shift, and a repeated value neither breaks nor adds to
// a trend, as in IHI's run-chart rules (run-chart.ts), so the two charts agree on the same data.
import { runsAround, trendsIn } from './chart-patterns.ts';
import type { Span } from './chart-patterns.ts';

/** 3 / d2 with d2 = 1.128, the bias constant for moving ranges of two consecutive points. */
const LIMIT_FACTOR = 2.66;
const SHIFT_LENGTH = 7;
const TREND_LENGTH = 6;

const IMPROVEMENT_DIRECTIONS = ['increase', 'decrease', 'neither'] as const;
type ImprovementDirection = (typeof IMPROVEMENT_DIRECTIONS)[number];

const SPECIAL_CAUSE_RULES = ['outside-limits', 'shift', 'trend', 'two-of-three-near-limit'] as const;
type SpecialCauseRule = (typeof SPECIAL_CAUSE_RULES)[number];

type VariationIcon =
  | 'common-cause'
  | 'improvement-high'
  | 'improvement-low'
  | 'concern-high'
  | 'concern-low'
  | 'neither-high'
  | 'neither-low';
type AssuranceIcon = 'consistently-pass' | 'consistently-fail' | 'hit-and-miss';

interface Limits {
  centre: number;
  upper: number;
  lower: number;
  meanMovingRange: number;
}

/** Process limits around `centre` from the mean moving range of `values` (one value: no spread). */
const xmrLimits = (values: readonly number[], centre: number): Limits => {
  const ranges = values.slice(1).map((value, index) => Math.abs(value - values[index]));
  const meanMovingRange = ranges.length === 0 ? 0 : ranges.reduce((total, range) => total + range, 0) / ranges.length;
  return { centre, upper: centre + LIMIT_FACTOR * meanMovingRange, lower: centre - LIMIT_FACTOR * meanMovingRange, meanMovingRange };
};

const mean = (values: readonly number[]): number => values.reduce((total, value) => total + value, 0) / values.length;

interface Recalculation {
  /** The first point (index) of the new phase. */
  from: number;
  /** Why the limits were recalculated (a change in the process), recorded with the chart. */
  reason: string;
}

interface XmrOptions {
  improvement: ImprovementDirection;
  target?: number;
  /** Freeze the first phase's limits on its first N points (the baseline); all its points if left out. */
  baselinePoints?: number;
  recalculations?: readonly Recalculation[];
}

interface XmrPhase extends Limits, Span {
  baselinePoints: number;
  reason?: string;
}

interface XmrPoint {
  value: number;
  phase: number;
  rules: SpecialCauseRule[];
  /** Which side of the centre line the special cause lies on, when there is one. */
  side?: 'high' | 'low';
}

interface XmrAnalysis {
  phases: XmrPhase[];
  points: XmrPoint[];
  variation: VariationIcon;
  assurance?: AssuranceIcon;
}

const phasesOf = (count: number, { baselinePoints, recalculations = [] }: XmrOptions): (Span & { baselinePoints: number; reason?: string })[] => {
  const starts = [...recalculations].sort((a, b) => a.from - b.from);
  starts.forEach(({ from }, index) => {
    const after = index === 0 ? 0 : starts[index - 1].from;
    if (!Number.isInteger(from) || from <= after || from >= count) {
      throw new RangeError(`A recalculation must start inside the data, after the previous phase: point ${from} of ${count}`);
    }
  });
  const spans = [{ from: 0, reason: undefined as string | undefined }, ...starts.map(({ from, reason }) => ({ from, reason }))].map((start, index, all) => ({
    from: start.from,
    to: (all[index + 1]?.from ?? count) - 1,
    ...(start.reason !== undefined ? { reason: start.reason } : {}),
  }));
  return spans.map((span, index) => {
    const length = span.to - span.from + 1;
    const baseline = index === 0 && baselinePoints !== undefined ? baselinePoints : length;
    if (!Number.isInteger(baseline) || baseline < 1 || baseline > length) {
      throw new RangeError(`The baseline must be between 1 and ${length} points, not ${baseline}`);
    }
    return { ...span, baselinePoints: baseline };
  });
};

/** Marks each point of one phase with the special-cause rules it is part of. */
const markPhase = (points: XmrPoint[], phase: XmrPhase): void => {
  const values = points.slice(phase.from, phase.to + 1).map((point) => point.value);
  // A point's side is that of the first rule it breaks: above or below the limits or the mean, or
  // the trend's direction (a rising trend is a high special cause even where it crosses the mean).
  const mark = (offset: number, rule: SpecialCauseRule, side: 'high' | 'low') => {
    const point = points[phase.from + offset];
    if (!point.rules.includes(rule)) point.rules.push(rule);
    point.side ??= side;
  };
  values.forEach((value, offset) => {
    if (value > phase.upper) mark(offset, 'outside-limits', 'high');
    if (value < phase.lower) mark(offset, 'outside-limits', 'low');
  });
  for (const run of runsAround(values, phase.centre)) {
    if (run.points < SHIFT_LENGTH) continue;
    for (let offset = run.from; offset <= run.to; offset += 1) if (values[offset] !== phase.centre) mark(offset, 'shift', run.side === 'above' ? 'high' : 'low');
  }
  for (const trend of trendsIn(values, TREND_LENGTH)) {
    for (let offset = trend.from; offset <= trend.to; offset += 1) mark(offset, 'trend', trend.direction === 'up' ? 'high' : 'low');
  }
  const sigma = (phase.upper - phase.centre) / 3;
  const nearSide = (value: number) => (value > phase.centre + 2 * sigma ? 'high' : value < phase.centre - 2 * sigma ? 'low' : undefined);
  for (let start = 0; start + 3 <= values.length; start += 1) {
    for (const side of ['high', 'low'] as const) {
      const near = [0, 1, 2].filter((step) => nearSide(values[start + step]) === side);
      if (sigma > 0 && near.length >= 2) near.forEach((step) => mark(start + step, 'two-of-three-near-limit', side));
    }
  }
};

const variationOf = (point: XmrPoint | undefined, improvement: ImprovementDirection): VariationIcon => {
  if (!point || point.rules.length === 0 || !point.side) return 'common-cause';
  if (improvement === 'neither') return `neither-${point.side}`;
  const better = (point.side === 'high') === (improvement === 'increase');
  return `${better ? 'improvement' : 'concern'}-${point.side}`;
};

/** Whether the latest phase's limits will meet the target; undefined with no target or direction. */
const assuranceOf = (phase: XmrPhase, improvement: ImprovementDirection, target: number | undefined): AssuranceIcon | undefined => {
  if (target === undefined || improvement === 'neither') return undefined;
  const [passingLimit, failingLimit] = improvement === 'increase' ? [phase.lower, phase.upper] : [phase.upper, phase.lower];
  const passes = (value: number) => (improvement === 'increase' ? value >= target : value <= target);
  if (passes(passingLimit)) return 'consistently-pass';
  if (!passes(failingLimit)) return 'consistently-fail';
  return 'hit-and-miss';
};

const analyseXmr = (values: readonly number[], options: XmrOptions): XmrAnalysis => {
  if (values.length === 0) throw new RangeError('An XmR chart needs at least one point');
  if (values.some((value) => !Number.isFinite(value))) throw new RangeError('Every point must be a finite number');
  const phases: XmrPhase[] = phasesOf(values.length, options).map((span) => {
    const baseline = values.slice(span.from, span.from + span.baselinePoints);
    return { ...span, ...xmrLimits(baseline, mean(baseline)) };
  });
  const points: XmrPoint[] = values.map((value, index) => ({ value, phase: phases.findIndex((phase) => index <= phase.to), rules: [] }));
  for (const phase of phases) markPhase(points, phase);
  return {
    phases,
    points,
    variation: variationOf(points.at(-1), options.improvement),
    ...(() => {
      const assurance = assuranceOf(phases[phases.length - 1], options.improvement, options.target);
      return assurance ? { assurance } : {};
    })(),
  };
};

export { IMPROVEMENT_DIRECTIONS, LIMIT_FACTOR, SPECIAL_CAUSE_RULES, analyseXmr, xmrLimits };
export type { AssuranceIcon, ImprovementDirection, Limits, Recalculation, SpecialCauseRule, VariationIcon, XmrAnalysis, XmrOptions, XmrPhase, XmrPoint };
