// A measure's charts as an email carries them (issue 13: charts "embeddable as SVG in emails").
// Gmail strips inline <svg> and shows no SVG image; Outlook for Windows draws neither; so the picture
// in the message is the PNG of the same SVG (chart-png.ts), an inline part the HTML shows through
// `<img src="cid:…">` (RFC 2392), which Outlook, Gmail, Apple Mail and the web clients all render
// without asking to "load remote images". The SVG travels beside it as an ordinary attachment, for a
// report or a print. Each picture's alt text is the chart's title and its signals in words (the
// summary chart-svg.ts writes into the SVG's <desc>), and the same words are in the text part.
import { renderChartPng } from './chart-png.ts';
import type { DataPoint, MeasureDefinition } from './measure.ts';
import { measureCharts } from './measure-charts.ts';
import type { ChartChoices } from './measure-charts.ts';

interface EmailChart {
  /** "Run chart" or "SPC chart". */
  kind: string;
  /** What a mail client shows when images are off, and what a screen reader reads. */
  alt: string;
  /** The signals in words, shown under the picture and in the text part. */
  summary: string;
  /** The Content-ID the HTML's `<img src="cid:…">` names. */
  contentId: string;
}

interface ChartFile {
  filename: string;
  contentType: 'image/png' | 'image/svg+xml';
  content: Uint8Array;
  inlineContentId?: string;
}

interface MeasureEmailCharts {
  measureName: string;
  charts: EmailChart[];
  files: ChartFile[];
}

/** A file name from a measure's name: letters, digits and hyphens (SES and mail clients take it as is). */
const fileStem = (name: string): string =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60) || 'measure';

/** The run chart and the SPC chart of a measure for an email, or undefined before its first point. */
const measureEmailCharts = (definition: MeasureDefinition, points: readonly DataPoint[], choices: ChartChoices = {}): MeasureEmailCharts | undefined => {
  const charts = measureCharts(definition, points, choices, 'email');
  if (!charts) return undefined;
  const stem = fileStem(definition.name);
  const drawn = [
    { kind: 'Run chart', id: 'run-chart', chart: charts.run },
    { kind: 'SPC chart', id: 'spc-chart', chart: charts.xmr },
  ];
  return {
    measureName: definition.name,
    charts: drawn.map(({ kind, id, chart }) => ({ kind, alt: `${kind} of ${definition.name}. ${chart.summary}`, summary: chart.summary, contentId: `${id}@${stem}` })),
    files: drawn.flatMap(({ id, chart }) => [
      { filename: `${stem}-${id}.png`, contentType: 'image/png' as const, content: renderChartPng(chart.svg), inlineContentId: `${id}@${stem}` },
      // As bytes, so it goes BASE64: the SVG is one line far past SMTP's 998 characters, with non-ASCII text.
      { filename: `${stem}-${id}.svg`, contentType: 'image/svg+xml' as const, content: new TextEncoder().encode(chart.svg) },
    ]),
  };
};

export { measureEmailCharts };
export type { ChartFile, EmailChart, MeasureEmailCharts };
