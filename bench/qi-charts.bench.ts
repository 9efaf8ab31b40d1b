// QI chart figures: a run chart and an XmR chart of 10,000 points (a measure collected daily for
// 27 years, far past any real one), and the CSV import of a measure's data. Seeded data, so every run
// measures the same work; the median of 7 runs after a warm-up, with min and max. The CSV import
// is measured at a measure's largest size (MAX_POINTS), since more is refused.
import { performance } from 'node:perf_hooks';
import { MAX_POINTS, parseMeasureCsv } from '#core/measure';
import { renderChartPng } from '#core/chart-png';
import { renderRunChartSvg, renderXmrChartSvg } from '#core/chart-svg';
import { analyseRunChart } from '#core/run-chart';
import { analyseXmr } from '#core/spc-chart';
import { seededRandom } from './seeded-random.ts';

const random = seededRandom(2026_12_02);
const POINTS = 10_000;
// A process that shifts up a third of the way through, so the rules have signals to find.
const values = Array.from({ length: POINTS }, (_, index) => Math.round((50 + (index > POINTS / 3 ? 5 : 0) + (random() - 0.5) * 20) * 10) / 10);
const csv = ['date,value', ...values.slice(0, MAX_POINTS).map((value, index) => `${new Date(Date.UTC(1990, 0, 1 + index)).toISOString().slice(0, 10)},${Math.abs(value)}`)].join('\n');

const measure = (label: string, run: () => unknown) => {
  run();
  const times: number[] = [];
  for (let repeat = 0; repeat < 7; repeat += 1) {
    const started = performance.now();
    run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  console.log(`${label.padEnd(44)} median ${times[3].toFixed(1).padStart(7)} ms  (min ${times[0].toFixed(1)}, max ${times[6].toFixed(1)})`);
};

console.log(`${POINTS.toLocaleString('en-GB')} points`);
measure('run chart (median, shifts, trends, runs)', () => analyseRunChart(values));
measure('XmR chart (limits, 4 rules, icons)', () => analyseXmr(values, { improvement: 'increase', target: 55 }));
measure('XmR chart, baseline of 20, 3 recalculations', () =>
  analyseXmr(values, { improvement: 'increase', baselinePoints: 20, recalculations: [2_000, 5_000, 8_000].map((from) => ({ from, reason: 'change' })) }),
);
measure(`CSV import of ${MAX_POINTS.toLocaleString('en-GB')} points (a measure's most)`, () => parseMeasureCsv(csv, 'count'));
const dated = values.map((value, index) => ({ on: new Date(Date.UTC(1990, 0, 1 + index)).toISOString().slice(0, 10), value }));
const runAnalysis = analyseRunChart(values);
const xmrAnalysis = analyseXmr(values, { improvement: 'increase', target: 55 });
measure('run chart drawn as SVG', () => renderRunChartSvg(dated, runAnalysis, { title: 'Bench' }));
measure('XmR chart drawn as SVG', () => renderXmrChartSvg(dated, xmrAnalysis, { title: 'Bench', improvement: 'increase', target: 55 }));
console.log(`SVG size: run chart ${Math.round(renderRunChartSvg(dated, runAnalysis, { title: 'Bench' }).length / 1024)} KB`);
// The email's picture (src/chart-png.ts): a measure's two years of monthly points, as an action reminder carries them, and the 10,000.
const monthly = dated.slice(0, 24);
const monthlyXmr = renderXmrChartSvg(monthly, analyseXmr(values.slice(0, 24), { improvement: 'increase', target: 55 }), { title: 'Bench', improvement: 'increase', target: 55 });
const largeXmr = renderXmrChartSvg(dated, xmrAnalysis, { title: 'Bench', improvement: 'increase', target: 55 });
measure('XmR chart as PNG for email, 24 points', () => renderChartPng(monthlyXmr));
measure(`XmR chart as PNG for email, ${POINTS.toLocaleString('en-GB')} points`, () => renderChartPng(largeXmr));
console.log(`PNG size: 24 points ${Math.round(renderChartPng(monthlyXmr).length / 1024)} KB, ${POINTS.toLocaleString('en-GB')} points ${Math.round(renderChartPng(largeXmr).length / 1024)} KB`);
const chart = analyseRunChart(values);
console.log(`signals in the run chart: ${chart.shifts.length} shifts, ${chart.trends.length} trends, runs ${chart.runs.count} (expected ${chart.runs.expected?.fewest}–${chart.runs.expected?.most})`);
