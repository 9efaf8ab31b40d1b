// The one module that imports the chart library: the app loads it on demand (a separate chunk), so
// pages without charts do not pay for it. uPlot (22 KB gzipped; Chart.js with only its bar chart's
// parts registered was 52 KB) draws on a canvas and styles its elements through the CSSOM, which
// the CSP's style-src 'self' allows. Categories are the x scale's indexes 0..n-1, named by the axis.
// No cursor, legend or tooltip: the numbers are in the table each page puts beside the chart.
import uPlot from 'uplot';

/** NHS.UK colours: blue bars (5.7:1 on white, above the 3:1 WCAG asks of graphics), the text colour for labels. */
const NHS_BLUE = '#005eb8';
const NHS_TEXT = '#212b32';
const NHS_GREY_BORDER = '#d8dde0';
// nhsuk-frontend's fallback font (the app does not load Frutiger).
const FONT = '14px Arial, sans-serif';
/** Room around a label on the category axis, and under a label on a value axis, in CSS pixels. */
const LABEL_GAP = 12;
/** Whole steps only: no 0.5 of a cycle on the axis. */
const WHOLE_STEPS = [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000];

interface BarChartSpec {
  labels: string[];
  values: (number | null)[];
  /** Bars run left to right, one row per label (long standard lists). */
  horizontal?: boolean;
  /** The value axis' upper end (100 for percentages); picked from the data when absent. */
  max?: number;
  /** Appended to the value axis' labels, e.g. '%'. */
  unit?: string;
}

interface DrawnChart {
  destroy(): void;
}

const measure = document.createElement('canvas').getContext('2d');

/** The widest label in CSS pixels, in the axes' font. */
const widest = (labels: string[]): number => {
  if (!measure) return 8 * Math.max(0, ...labels.map((label) => label.length));
  measure.font = FONT;
  return Math.max(0, ...labels.map((label) => measure.measureText(label).width));
};

const optionsFor = (spec: BarChartSpec, width: number, height: number): uPlot.Options => {
  const { labels, horizontal = false } = spec;
  const unit = spec.unit ?? '';
  const labelWidth = Math.ceil(widest(labels));
  // Under vertical bars, labels that would overlap are turned on their side.
  const turned = !horizontal && labelWidth + LABEL_GAP > width / Math.max(1, labels.length);
  const categoryAxis: uPlot.Axis = {
    scale: 'x',
    side: horizontal ? 3 : 2,
    font: FONT,
    stroke: NHS_TEXT,
    grid: { show: false },
    ticks: { show: false },
    splits: () => labels.map((_, index) => index),
    values: (_chart, splits) => splits.map((index) => labels[index] ?? ''),
    ...(turned ? { rotate: -45 } : {}),
    size: horizontal ? labelWidth + LABEL_GAP : turned ? Math.ceil(labelWidth * Math.SQRT1_2) + 2 * LABEL_GAP : 2 * LABEL_GAP + 14,
  };
  const valueAxis: uPlot.Axis = {
    scale: 'y',
    side: horizontal ? 2 : 3,
    font: FONT,
    stroke: NHS_TEXT,
    grid: { stroke: NHS_GREY_BORDER, width: 1 },
    ticks: { stroke: NHS_GREY_BORDER, width: 1 },
    incrs: WHOLE_STEPS,
    // Room for "100%" between ticks along the bottom: steps of 10%, not 5%.
    space: horizontal ? 50 : 30,
    values: (_chart, splits) => splits.map((value) => `${value}${unit}`),
    size: horizontal ? 2 * LABEL_GAP + 14 : Math.ceil(widest([`${spec.max ?? 10000}${unit}`])) + LABEL_GAP,
  };
  return {
    width,
    height,
    legend: { show: false },
    cursor: { show: false },
    select: { show: false, left: 0, top: 0, width: 0, height: 0 },
    scales: {
      // Horizontal: categories top to bottom, in the order given.
      x: { time: false, ori: horizontal ? 1 : 0, dir: horizontal ? -1 : 1, range: () => [-0.5, labels.length - 0.5] },
      y: { ori: horizontal ? 0 : 1, dir: 1, range: (_chart, _min, dataMax) => [0, spec.max ?? Math.max(1, uPlot.rangeNum(0, dataMax ?? 0, 0.1, true)[1] ?? 1)] },
    },
    axes: [categoryAxis, valueAxis],
    series: [{}, { fill: NHS_BLUE, stroke: NHS_BLUE, width: 0, points: { show: false }, paths: uPlot.paths.bars?.({ size: [0.6, 40] }) }],
  };
};

/** Draws the chart into `container`, sized to its width and `height`, and redraws as the width changes. */
const drawBarChart = (container: HTMLElement, summary: string, spec: BarChartSpec): DrawnChart => {
  const height = container.clientHeight;
  const data: uPlot.AlignedData = [spec.labels.map((_, index) => index), spec.values];
  let chart = new uPlot(optionsFor(spec, container.clientWidth, height), data, container);
  const name = () => {
    // The canvas is the image; its name says what the chart shows (the test and screen readers read it).
    chart.ctx.canvas.setAttribute('role', 'img');
    chart.ctx.canvas.setAttribute('aria-label', summary);
    chart.ctx.canvas.textContent = summary;
  };
  name();
  let width = container.clientWidth;
  const resized = new ResizeObserver(() => {
    if (container.clientWidth === width || container.clientWidth === 0) return;
    width = container.clientWidth;
    // Redrawn from its options, so label turning follows the new width.
    chart.destroy();
    chart = new uPlot(optionsFor(spec, width, height), data, container);
    name();
  });
  resized.observe(container);
  return {
    destroy: () => {
      resized.disconnect();
      chart.destroy();
    },
  };
};

export { drawBarChart };
export type { BarChartSpec, DrawnChart };
