// A measure's two charts from its stored form: the run chart (IHI rules, run-chart.ts) and the XmR
// chart (Making Data Count, spc-chart.ts), each with its analysis, its SVG and its summary in words.
// The team freezes a baseline and recalculates limits by date, because points are added and
// corrected after the choice is made: "the baseline is the first year" must stay the first year.
// A date maps to the points on or before it (baseline) or from it (recalculation); a choice that no
// longer falls inside the data (the points were replaced) is reported, not silently moved.
import { renderRunChartSvg, renderXmrChartSvg, runChartSummary, xmrSummary } from './chart-svg.ts';
import type { DataPoint, MeasureDefinition } from './measure.ts';
import { analyseRunChart } from './run-chart.ts';
import type { RunChartAnalysis } from './run-chart.ts';
import { analyseXmr } from './spc-chart.ts';
import type { Recalculation, XmrAnalysis } from './spc-chart.ts';

interface ChartChoices {
  /** The baseline is frozen on the points up to and including this date. */
  baselineThroughOn?: string;
  recalculations?: readonly { fromOn: string; reason: string }[];
}

interface MeasureCharts {
  run: { analysis: RunChartAnalysis; svg: string; summary: string };
  xmr: { analysis: XmrAnalysis; svg: string; summary: string };
  /** Choices that no longer fit the data, so the charts were drawn without them. */
  ignored: string[];
}

const unitOf = (definition: MeasureDefinition): string | undefined => (definition.kind === 'proportion' ? '%' : definition.unit);

/** The charts of a measure's points, or undefined before its first point. */
const measureCharts = (definition: MeasureDefinition, points: readonly DataPoint[], choices: ChartChoices = {}, idPrefix = 'measure'): MeasureCharts | undefined => {
  if (points.length === 0) return undefined;
  const ignored: string[] = [];
  const values = points.map((point) => point.value);
  let baselinePoints: number | undefined;
  if (choices.baselineThroughOn !== undefined) {
    const count = points.filter((point) => point.on <= choices.baselineThroughOn!).length;
    if (count === 0) ignored.push(`The baseline through ${choices.baselineThroughOn} has no points: every point is used`);
    else baselinePoints = count;
  }
  const recalculations: Recalculation[] = [];
  for (const { fromOn, reason } of [...(choices.recalculations ?? [])].sort((a, b) => (a.fromOn < b.fromOn ? -1 : 1))) {
    const from = points.findIndex((point) => point.on >= fromOn);
    const previous = recalculations.at(-1)?.from ?? 0;
    if (from <= previous) ignored.push(`The recalculation from ${fromOn} does not start a new phase inside the data`);
    else recalculations.push({ from, reason });
  }
  // A frozen baseline belongs to the first phase: it cannot reach past the first recalculation.
  if (baselinePoints !== undefined && recalculations.length > 0 && baselinePoints > recalculations[0].from) {
    ignored.push(`The baseline through ${choices.baselineThroughOn} reaches past the first recalculation: the first phase uses all its points`);
    baselinePoints = undefined;
  }
  const run = analyseRunChart(values, baselinePoints === undefined ? {} : { baselinePoints });
  const xmr = analyseXmr(values, {
    improvement: definition.improvement,
    ...(definition.target === undefined ? {} : { target: definition.target }),
    ...(baselinePoints === undefined ? {} : { baselinePoints }),
    recalculations,
  });
  const text = { title: definition.name, idPrefix, ...(unitOf(definition) ? { unit: unitOf(definition) } : {}) };
  return {
    run: { analysis: run, svg: renderRunChartSvg(points, run, { ...text, title: `Run chart: ${definition.name}` }), summary: runChartSummary(points, run) },
    xmr: {
      analysis: xmr,
      svg: renderXmrChartSvg(points, xmr, { ...text, title: `SPC chart: ${definition.name}`, improvement: definition.improvement, ...(definition.target === undefined ? {} : { target: definition.target }) }),
      summary: xmrSummary(points, xmr, definition.target),
    },
    ignored,
  };
};

export { measureCharts };
export type { ChartChoices, MeasureCharts };
