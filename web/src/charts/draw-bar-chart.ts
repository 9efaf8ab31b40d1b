// The one module that imports Chart.js: the app loads it on demand (a separate chunk), so pages
// without charts do not pay for it. Only the bar chart's parts are registered (tree-shaken:
// ~53 KB gzipped, against ~23 KB for uPlot, which draws time series and would need hand-made
// category axes and horizontal bars).
import { BarController, BarElement, CategoryScale, Chart, LinearScale, Tooltip } from 'chart.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);

/** NHS.UK colours: blue bars (5.7:1 on white, above the 3:1 WCAG asks of graphics), the text colour for labels. */
const NHS_BLUE = '#005eb8';
const NHS_TEXT = '#212b32';
const NHS_GREY_BORDER = '#d8dde0';

// nhsuk-frontend's fallback font (the app does not load Frutiger) and its text colour.
Chart.defaults.font.family = 'Arial, sans-serif';
Chart.defaults.font.size = 14;
Chart.defaults.color = NHS_TEXT;

interface BarChartSpec {
  labels: string[];
  values: (number | null)[];
  /** Bars run left to right, one row per label (long standard lists). */
  horizontal?: boolean;
  /** The value axis' upper end (100 for percentages); Chart.js picks one when absent. */
  max?: number;
  /** Appended to the value axis' ticks and the tooltip, e.g. '%'. */
  unit?: string;
}

const drawBarChart = (canvas: HTMLCanvasElement, spec: BarChartSpec): Chart<'bar'> => {
  const unit = spec.unit ?? '';
  const valueAxis = {
    beginAtZero: true,
    ...(spec.max === undefined ? {} : { max: spec.max }),
    // Counts are whole numbers: no 0.5 of a cycle on the axis.
    ticks: { precision: 0, color: NHS_TEXT, callback: (value: string | number) => `${value}${unit}` },
    grid: { color: NHS_GREY_BORDER },
  };
  const categoryAxis = { ticks: { color: NHS_TEXT, autoSkip: false }, grid: { display: false } };
  return new Chart(canvas, {
    type: 'bar',
    data: { labels: spec.labels, datasets: [{ data: spec.values, backgroundColor: NHS_BLUE, borderColor: NHS_BLUE, maxBarThickness: 40 }] },
    options: {
      indexAxis: spec.horizontal ? 'y' : 'x',
      // Still charts: motion helps no one here, and the screenshots must not catch a bar mid-growth.
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      scales: spec.horizontal ? { x: valueAxis, y: categoryAxis } : { x: categoryAxis, y: valueAxis },
      plugins: { tooltip: { callbacks: { label: (item) => `${item.formattedValue}${unit}` } } },
    },
  });
};

export { drawBarChart };
export type { BarChartSpec };
