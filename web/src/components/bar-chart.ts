// A bar chart drawn by Chart.js on a canvas, loaded on first use. The canvas is an image with a
// one-sentence summary as its name; the numbers themselves are in the table each page puts beside
// it (charts/draw-bar-chart.ts is the only Chart.js import).
import { useEffect, useRef } from 'preact/hooks';
import type { BarChartSpec } from '../charts/draw-bar-chart.ts';
import { html } from '../html.ts';

interface BarChartProps extends BarChartSpec {
  /** What the chart shows, in words: the canvas' accessible name. */
  summary: string;
  /** CSS pixels; horizontal charts grow with their rows. */
  height: number;
}

const BarChart = ({ summary, height, ...spec }: BarChartProps) => {
  const canvas = useRef<HTMLCanvasElement>(null);
  const key = JSON.stringify(spec);
  useEffect(() => {
    let chart: { destroy(): void } | undefined;
    let gone = false;
    void import('../charts/draw-bar-chart.ts').then(({ drawBarChart }) => {
      if (!gone && canvas.current) chart = drawBarChart(canvas.current, spec);
    });
    return () => {
      gone = true;
      chart?.destroy();
    };
  }, [key]);
  // The box is sized by CSSOM (style prop), which the CSP's style-src 'self' allows; Chart.js fills it.
  return html`<div class="app-chart" style=${{ height: `${height}px` }}>
    <canvas ref=${canvas} role="img" aria-label=${summary}>${summary}</canvas>
  </div>`;
};

export { BarChart };
