// A run chart's signals of non-random variation, by the four rules of IHI's run-chart guidance
// (Perla, Provost & Murray, BMJ Quality & Safety 2011;20:46–51, "Rules for interpreting run
// charts"), which improvement teams in the NHS are taught:
// - Shift: six or more consecutive points all above or all below the median. Points on the median
//   neither break a shift nor add to it.
// - Trend: five or more consecutive points all going up or all going down. A point equal to the one
//   before neither breaks a trend nor adds to it.
// - Runs: too few or too many runs (series of points on one side of the median, points on it
//   skipped) for the number of useful observations (run-chart-runs.ts has the published range).
// - Astronomical point: a point "all studying the chart would agree is unusual". That is a judgement,
//   so the team marks it; we only suggest candidates, using the XmR chart's limits around the median
//   as a stand-in (spc-chart.ts), and say so where the chart shows it.
// The median comes from a baseline (the first points, or every point), so a frozen baseline's median
// is extended over later points, as the guidance does when testing a change against the past.
import { expectedRuns } from './run-chart-runs.ts';
import type { RunsRange } from './run-chart-runs.ts';
import { median, runsAround, trendsIn } from './chart-patterns.ts';
import type { Span } from './chart-patterns.ts';
import { xmrLimits } from './spc-chart.ts';

const SHIFT_LENGTH = 6;
const TREND_LENGTH = 5;

interface RunChartAnalysis {
  median: number;
  /** How many points the median was computed from (the baseline). */
  baselinePoints: number;
  shifts: (Span & { side: 'above' | 'below' })[];
  trends: (Span & { direction: 'up' | 'down' })[];
  runs: {
    count: number;
    /** Points not on the median. */
    usefulObservations: number;
    /** Undefined with fewer than 10 useful observations: the rule does not apply yet. */
    expected?: RunsRange;
    signal?: 'too-few' | 'too-many';
  };
  /** Points outside the XmR limits around the median: candidates for the team to judge. */
  astronomicalCandidates: number[];
}

interface RunChartOptions {
  /** The number of first points the median is computed from (frozen baseline); all points if left out. */
  baselinePoints?: number;
}

const analyseRunChart = (values: readonly number[], { baselinePoints = values.length }: RunChartOptions = {}): RunChartAnalysis => {
  if (!Number.isInteger(baselinePoints) || baselinePoints < 1 || baselinePoints > values.length) {
    throw new RangeError(`The baseline must be between 1 and ${values.length} points, not ${baselinePoints}`);
  }
  const centre = median(values.slice(0, baselinePoints));
  const runs = runsAround(values, centre);
  const usefulObservations = runs.reduce((total, run) => total + run.points, 0);
  const expected = expectedRuns(usefulObservations);
  const signal = !expected ? undefined : runs.length < expected.fewest ? 'too-few' : runs.length > expected.most ? 'too-many' : undefined;
  const { upper, lower } = xmrLimits(values.slice(0, baselinePoints), centre);
  return {
    median: centre,
    baselinePoints,
    shifts: runs.filter((run) => run.points >= SHIFT_LENGTH).map(({ from, to, side }) => ({ from, to, side })),
    trends: trendsIn(values, TREND_LENGTH),
    runs: { count: runs.length, usefulObservations, ...(expected ? { expected } : {}), ...(signal ? { signal } : {}) },
    astronomicalCandidates: values.flatMap((value, index) => (value > upper || value < lower ? [index] : [])),
  };
};

export { SHIFT_LENGTH, TREND_LENGTH, analyseRunChart };
export type { RunChartAnalysis, RunChartOptions };
