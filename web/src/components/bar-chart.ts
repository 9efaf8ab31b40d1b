// A bar chart drawn by the chart library on a canvas, loaded on first use. The canvas is an image
// with a one-sentence summary as its name; the numbers themselves are in the table each page puts
// beside it (charts/draw-bar-chart.ts is the only chart library import).
import { useEffect, useRef } from 'preact/hooks';
import type { BarChartSpec, DrawnChart } from '../charts/draw-bar-chart.ts';
import { html } from '../html.ts';

interface BarChartProps extends BarChartSpec {
  /** What the chart shows, in words: the canvas' accessible name. */
  summary: string;
  /** CSS pixels; horizontal charts grow with their rows. */
  height: number;
}

const BarChart = ({ summary, height, ...spec }: BarChartProps) => {
  const box = useRef<HTMLDivElement>(null);
  const key = JSON.stringify([summary, spec]);
  useEffect(() => {
    let chart: DrawnChart | undefined;
    let gone = false;
    void import('../charts/draw-bar-chart.ts').then(({ drawBarChart }) => {
      if (!gone && box.current) chart = drawBarChart(box.current, summary, spec);
    });
    return () => {
      gone = true;
      chart?.destroy();
    };
  }, [key]);
  // The box is sized by CSSOM (style prop), which the CSP's style-src 'self' allows; the chart fills it.
  return html`<div class="app-chart" ref=${box} style=${{ height: `${height}px` }}></div>`;
};

export { BarChart };
