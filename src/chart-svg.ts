// Run charts and XmR charts drawn as one self-contained SVG string, so the same picture goes into the
// web app (inserted as markup), an email and a printed report, with no charting library in the web
// bundle. The analysis comes from run-chart.ts and spc-chart.ts; this file only draws it.
//
// Accessibility (WCAG 2.2 AA): the SVG is role="img" with a <title> and a <desc> that says in words
// what the chart shows (the text summary, also returned on its own for emails and screen readers);
// every colour used for lines and marks has at least 3:1 contrast against the white background
// (success criterion 1.4.11, non-text contrast); and a signal is never shown by colour alone: each
// kind of point has its own shape (the legend names them).
//
// Colours follow NHS England's "Making Data Count" (MDC) convention: grey for common cause, blue for
// special cause of improvement, orange for special cause of concern, purple where neither direction
// is better; the MDC icons are circles with H (high) or L (low) for variation and P (pass), F (fail)
// or ? (hit and miss) for assurance. MDC's own orange and light blue are too pale for 3:1 on white,
// so the darker shades of the NHS identity palette are used.
import { escapeHtml } from './report.ts';
import type { RunChartAnalysis } from './run-chart.ts';
import { SPECIAL_CAUSE_RULES } from './spc-chart.ts';
import type { AssuranceIcon, ImprovementDirection, SpecialCauseRule, VariationIcon, XmrAnalysis } from './spc-chart.ts';

const COLOURS = {
  /** NHS dark grey #425563: 7.5:1 on white. */
  commonCause: '#425563',
  /** NHS blue #005EB8: 6.7:1. */
  improvement: '#005EB8',
  /** A dark orange #B45309: 5.0:1 (MDC's #FFB300 is 1.8:1). */
  concern: '#B45309',
  /** NHS purple #330072: 14:1. */
  neither: '#330072',
  /** Centre and limit lines. */
  line: '#212B32',
  /** Target line: NHS dark green #006747, 7.2:1. */
  target: '#006747',
  background: '#FFFFFF',
} as const;

const MARKS = ['circle', 'square', 'triangle', 'diamond'] as const;
type Mark = (typeof MARKS)[number];

interface ChartPoint {
  on: string;
  value: number;
}

interface ChartText {
  /** What the chart is of, e.g. the measure's name. */
  title: string;
  /** For the y axis: "%", "days", "incidents". */
  unit?: string;
  /** Makes ids unique when several charts share a page. */
  idPrefix?: string;
}

interface Frame {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

const FRAME: Frame = { width: 720, height: 360, left: 56, right: 16, top: 56, bottom: 64 };

/** Short numbers for labels: at most one decimal place. */
const label = (value: number): string => String(Math.round(value * 10) / 10);

const scales = (points: readonly ChartPoint[], extra: readonly number[], frame: Frame = FRAME) => {
  const values = [...points.map((point) => point.value), ...extra].filter(Number.isFinite);
  let low = Math.min(...values);
  let high = Math.max(...values);
  if (high === low) [low, high] = [low - 1, high + 1];
  const pad = (high - low) * 0.08;
  [low, high] = [low - pad, high + pad];
  const plotWidth = frame.width - frame.left - frame.right;
  const plotHeight = frame.height - frame.top - frame.bottom;
  const step = points.length > 1 ? plotWidth / (points.length - 1) : 0;
  return {
    x: (index: number) => frame.left + (points.length > 1 ? index * step : plotWidth / 2),
    y: (value: number) => frame.top + ((high - value) / (high - low)) * plotHeight,
    low,
    high,
  };
};

const markSvg = (mark: Mark, x: number, y: number, colour: string, title: string): string => {
  const r = 5;
  const f = (n: number) => n.toFixed(1);
  const shape = {
    circle: `<circle cx="${f(x)}" cy="${f(y)}" r="${r - 1}"`,
    square: `<rect x="${f(x - r)}" y="${f(y - r)}" width="${2 * r}" height="${2 * r}"`,
    triangle: `<path d="M${f(x)} ${f(y - r - 1)} L${f(x + r + 1)} ${f(y + r)} L${f(x - r - 1)} ${f(y + r)} Z"`,
    diamond: `<path d="M${f(x)} ${f(y - r - 2)} L${f(x + r + 2)} ${f(y)} L${f(x)} ${f(y + r + 2)} L${f(x - r - 2)} ${f(y)} Z"`,
  }[mark];
  return `${shape} fill="${colour}" stroke="${colour}" data-mark="${mark}"><title>${escapeHtml(title)}</title>${mark === 'circle' ? '</circle>' : mark === 'square' ? '</rect>' : '</path>'}`;
};

const horizontal = (y: number, frame: Frame, colour: string, dash: string, name: string, text: string): string =>
  `<g data-line="${name}"><line x1="${frame.left}" x2="${frame.width - frame.right}" y1="${y.toFixed(1)}" y2="${y.toFixed(1)}" stroke="${colour}" stroke-width="1.5"${dash ? ` stroke-dasharray="${dash}"` : ''}/>` +
  `<text x="${frame.width - frame.right}" y="${(y - 4).toFixed(1)}" text-anchor="end" font-size="11" fill="${colour}">${escapeHtml(text)}</text></g>`;

/** The series line, the axes and the date labels (first, last and a few between). */
const axesAndLine = (points: readonly ChartPoint[], scale: ReturnType<typeof scales>, frame: Frame, unit: string | undefined): string => {
  const path = points.map((point, index) => `${index === 0 ? 'M' : 'L'}${scale.x(index).toFixed(1)} ${scale.y(point.value).toFixed(1)}`).join(' ');
  const every = Math.max(1, Math.ceil(points.length / 6));
  const dates = points
    .map((point, index) => ({ point, index }))
    // The last date always shows; a regular one too close before it would overlap it.
    .filter(({ index }) => index === points.length - 1 || (index % every === 0 && points.length - 1 - index >= every))
    // The last label ends at its point, so it is not cut off at the chart's right edge.
    .map(({ point, index }) => `<text x="${scale.x(index).toFixed(1)}" y="${frame.height - frame.bottom + 16}" text-anchor="${index === points.length - 1 && points.length > 1 ? 'end' : 'middle'}" font-size="11" fill="${COLOURS.line}">${escapeHtml(point.on)}</text>`)
    .join('');
  const yAxis = [scale.low, (scale.low + scale.high) / 2, scale.high]
    .map((value) => `<text x="${frame.left - 6}" y="${(scale.y(value) + 4).toFixed(1)}" text-anchor="end" font-size="11" fill="${COLOURS.line}">${label(value)}</text>`)
    .join('');
  return (
    `<line x1="${frame.left}" x2="${frame.left}" y1="${frame.top}" y2="${frame.height - frame.bottom}" stroke="${COLOURS.line}"/>` +
    `<line x1="${frame.left}" x2="${frame.width - frame.right}" y1="${frame.height - frame.bottom}" y2="${frame.height - frame.bottom}" stroke="${COLOURS.line}"/>` +
    yAxis +
    dates +
    (unit ? `<text x="8" y="${frame.top - 8}" font-size="11" fill="${COLOURS.line}">${escapeHtml(unit)}</text>` : '') +
    (path ? `<path d="${path}" fill="none" stroke="${COLOURS.commonCause}" stroke-width="1.5"/>` : '')
  );
};

const legend = (entries: readonly { mark: Mark; colour: string; text: string }[], frame: Frame): string =>
  `<g data-legend="">${entries
    .map((entry, index) => {
      const x = frame.left + index * 170;
      const y = frame.height - 14;
      return `${markSvg(entry.mark, x, y - 4, entry.colour, entry.text)}<text x="${x + 10}" y="${y}" font-size="11" fill="${COLOURS.line}">${escapeHtml(entry.text)}</text>`;
    })
    .join('')}</g>`;

const svgDocument = (text: ChartText, kind: string, summary: string, body: string, frame: Frame = FRAME): string => {
  const id = `${text.idPrefix ?? 'chart'}-${kind}`;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 ${frame.width} ${frame.height}" width="${frame.width}" height="${frame.height}" aria-labelledby="${id}-title ${id}-desc" data-chart="${kind}" font-family="Arial, sans-serif">` +
    `<title id="${id}-title">${escapeHtml(text.title)}</title><desc id="${id}-desc">${escapeHtml(summary)}</desc>` +
    `<rect width="${frame.width}" height="${frame.height}" fill="${COLOURS.background}"/>` +
    `<text x="${frame.left}" y="22" font-size="15" font-weight="bold" fill="${COLOURS.line}">${escapeHtml(text.title)}</text>` +
    body +
    '</svg>'
  );
};

const spanWords = (points: readonly ChartPoint[], from: number, to: number) => `${points[from].on} to ${points[to].on}`;

/** The run chart's signals in words: the <desc> of its SVG, and the text an email carries. */
const runChartSummary = (points: readonly ChartPoint[], analysis: RunChartAnalysis): string => {
  const sentences = [`Run chart of ${points.length} points; median ${label(analysis.median)} from the first ${analysis.baselinePoints}.`];
  for (const shift of analysis.shifts) sentences.push(`Shift: ${shift.to - shift.from + 1} points ${shift.side} the median, ${spanWords(points, shift.from, shift.to)}.`);
  for (const trend of analysis.trends) sentences.push(`Trend: points going ${trend.direction}, ${spanWords(points, trend.from, trend.to)}.`);
  if (analysis.runs.signal) sentences.push(`Too ${analysis.runs.signal === 'too-few' ? 'few' : 'many'} runs: ${analysis.runs.count}, where ${analysis.runs.expected?.fewest} to ${analysis.runs.expected?.most} are expected.`);
  for (const index of analysis.astronomicalCandidates) sentences.push(`Possible astronomical point on ${points[index].on} (${label(points[index].value)}): for the team to judge.`);
  if (sentences.length === 1) sentences.push('No signal of non-random variation.');
  return sentences.join(' ');
};

/**
 * Which mark each run-chart point gets: a shift's points are squares, a trend's triangles, a possible
 * astronomical point a diamond (the first that applies, in that order); its title names every signal.
 */
const runChartMarks = (count: number, analysis: RunChartAnalysis): { mark: Mark; colour: string; why: string }[] => {
  const signals: { mark: Mark; colour: string; why: string }[][] = Array.from({ length: count }, () => []);
  const mark = (spans: readonly { from: number; to: number }[], signal: { mark: Mark; colour: string; why: string }) => {
    for (const span of spans) for (let index = span.from; index <= span.to; index += 1) signals[index].push(signal);
  };
  mark(analysis.shifts, { mark: 'square', colour: COLOURS.improvement, why: 'part of a shift' });
  mark(analysis.trends, { mark: 'triangle', colour: COLOURS.neither, why: 'part of a trend' });
  mark(
    analysis.astronomicalCandidates.map((index) => ({ from: index, to: index })),
    { mark: 'diamond', colour: COLOURS.concern, why: 'possible astronomical point' },
  );
  return signals.map((found) => (found.length === 0 ? { mark: 'circle', colour: COLOURS.commonCause, why: 'no signal' } : { ...found[0], why: found.map((signal) => signal.why).join(', ') }));
};

const renderRunChartSvg = (points: readonly ChartPoint[], analysis: RunChartAnalysis, text: ChartText): string => {
  const scale = scales(points, [analysis.median]);
  const marks = runChartMarks(points.length, analysis);
  const body =
    axesAndLine(points, scale, FRAME, text.unit) +
    horizontal(scale.y(analysis.median), FRAME, COLOURS.line, '6 4', 'median', `Median ${label(analysis.median)}`) +
    points
      .map((point, index) => {
        const { mark, colour, why } = marks[index];
        return markSvg(mark, scale.x(index), scale.y(point.value), colour, `${point.on}: ${label(point.value)} (${why})`);
      })
      .join('') +
    legend(
      [
        { mark: 'circle', colour: COLOURS.commonCause, text: 'No signal' },
        { mark: 'square', colour: COLOURS.improvement, text: 'Shift (6+ one side)' },
        { mark: 'triangle', colour: COLOURS.neither, text: 'Trend (5+ up or down)' },
        { mark: 'diamond', colour: COLOURS.concern, text: 'Possible astronomical' },
      ],
      FRAME,
    );
  return svgDocument(text, 'run', runChartSummary(points, analysis), body);
};

const VARIATION_WORDS: Record<VariationIcon, string> = {
  'common-cause': 'Common cause variation',
  'improvement-high': 'Special cause of improving nature, high',
  'improvement-low': 'Special cause of improving nature, low',
  'concern-high': 'Special cause of concerning nature, high',
  'concern-low': 'Special cause of concerning nature, low',
  'neither-high': 'Special cause, high (neither improvement nor concern)',
  'neither-low': 'Special cause, low (neither improvement nor concern)',
};

const RULE_WORDS: Record<SpecialCauseRule, string> = {
  'outside-limits': 'Outside the process limits',
  shift: 'Shift (7 or more on one side of the mean)',
  trend: 'Trend (6 or more going up or down)',
  'two-of-three-near-limit': 'Two of three points near a limit',
};

const ASSURANCE_WORDS: Record<AssuranceIcon, string> = {
  'consistently-pass': 'The process will consistently pass the target',
  'consistently-fail': 'The process will consistently fail the target',
  'hit-and-miss': 'The process will hit and miss the target',
};

/** The colour and shape of an XmR point: MDC's colour by nature, with a shape of its own for each. */
const xmrMark = (side: 'high' | 'low' | undefined, special: boolean, improvement: ImprovementDirection): { mark: Mark; colour: string; nature: string } => {
  if (!special || !side) return { mark: 'circle', colour: COLOURS.commonCause, nature: 'common cause' };
  if (improvement === 'neither') return { mark: 'triangle', colour: COLOURS.neither, nature: `special cause (${side})` };
  const better = (side === 'high') === (improvement === 'increase');
  return better ? { mark: 'square', colour: COLOURS.improvement, nature: 'special cause, improvement' } : { mark: 'diamond', colour: COLOURS.concern, nature: 'special cause, concern' };
};

const variationColour = (icon: VariationIcon): string =>
  icon === 'common-cause' ? COLOURS.commonCause : icon.startsWith('improvement') ? COLOURS.improvement : icon.startsWith('concern') ? COLOURS.concern : COLOURS.neither;

/** An MDC icon: a circle with its letter, and its meaning as a tooltip and beside it in words. */
const iconSvg = (kind: 'variation' | 'assurance', name: string, letter: string, colour: string, words: string, x: number): string =>
  `<g data-icon="${kind}" data-name="${name}"><title>${escapeHtml(words)}</title>` +
  `<circle cx="${x}" cy="38" r="13" fill="${COLOURS.background}" stroke="${colour}" stroke-width="3"/>` +
  `<text x="${x}" y="43" text-anchor="middle" font-size="14" font-weight="bold" fill="${colour}">${letter}</text></g>`;

const variationLetter = (icon: VariationIcon): string => (icon === 'common-cause' ? '~' : icon.endsWith('high') ? 'H' : 'L');
const assuranceLetter = (icon: AssuranceIcon): string => ({ 'consistently-pass': 'P', 'consistently-fail': 'F', 'hit-and-miss': '?' })[icon];

const xmrSummary = (points: readonly ChartPoint[], analysis: XmrAnalysis, target?: number): string => {
  const last = analysis.phases[analysis.phases.length - 1];
  const sentences = [
    `XmR chart of ${points.length} points; mean ${label(last.centre)}, process limits ${label(last.lower)} to ${label(last.upper)}${analysis.phases.length > 1 ? ` (recalculated from ${points[last.from].on}${last.reason ? `: ${last.reason}` : ''})` : ''}.`,
    `${VARIATION_WORDS[analysis.variation]}.`,
  ];
  // Per rule, not per point: a shift of 12 points is one finding, and a list of 24 dates reads as noise.
  for (const rule of SPECIAL_CAUSE_RULES) {
    const dates = analysis.points.flatMap((point, index) => (point.rules.includes(rule) ? [points[index].on] : []));
    if (dates.length === 0) continue;
    const where = dates.length <= 3 ? dates.join(', ') : `${dates.length} points between ${dates[0]} and ${dates[dates.length - 1]}`;
    sentences.push(`${RULE_WORDS[rule]}: ${where}.`);
  }
  if (analysis.assurance && target !== undefined) sentences.push(`${ASSURANCE_WORDS[analysis.assurance]} of ${label(target)}.`);
  return sentences.join(' ');
};

const renderXmrChartSvg = (points: readonly ChartPoint[], analysis: XmrAnalysis, text: ChartText & { improvement: ImprovementDirection; target?: number }): string => {
  const extra = [...analysis.phases.flatMap((phase) => [phase.upper, phase.lower, phase.centre]), ...(text.target !== undefined ? [text.target] : [])];
  const scale = scales(points, extra);
  const phaseLines = analysis.phases
    .map((phase, index) => {
      const x1 = scale.x(phase.from).toFixed(1);
      const x2 = scale.x(phase.to).toFixed(1);
      const segment = (value: number, dash: string, name: string) =>
        `<line data-line="${name}" data-phase="${index}" x1="${x1}" x2="${x2}" y1="${scale.y(value).toFixed(1)}" y2="${scale.y(value).toFixed(1)}" stroke="${COLOURS.line}" stroke-width="1.5"${dash ? ` stroke-dasharray="${dash}"` : ''}><title>${name} ${label(value)}</title></line>`;
      return segment(phase.centre, '', 'mean') + segment(phase.upper, '4 3', 'upper limit') + segment(phase.lower, '4 3', 'lower limit');
    })
    .join('');
  const last = analysis.phases[analysis.phases.length - 1];
  const body =
    axesAndLine(points, scale, FRAME, text.unit) +
    phaseLines +
    `<text x="${FRAME.width - FRAME.right}" y="${(scale.y(last.upper) - 4).toFixed(1)}" text-anchor="end" font-size="11" fill="${COLOURS.line}">Upper limit ${label(last.upper)}</text>` +
    `<text x="${FRAME.width - FRAME.right}" y="${(scale.y(last.lower) + 13).toFixed(1)}" text-anchor="end" font-size="11" fill="${COLOURS.line}">Lower limit ${label(last.lower)}</text>` +
    (text.target !== undefined ? horizontal(scale.y(text.target), FRAME, COLOURS.target, '2 3', 'target', `Target ${label(text.target)}`) : '') +
    analysis.points
      .map((point, index) => {
        const { mark, colour, nature } = xmrMark(point.side, point.rules.length > 0, text.improvement);
        return markSvg(mark, scale.x(index), scale.y(point.value), colour, `${points[index].on}: ${label(point.value)} (${nature}${point.rules.length > 0 ? `: ${point.rules.join(', ')}` : ''})`);
      })
      .join('') +
    iconSvg('variation', analysis.variation, variationLetter(analysis.variation), variationColour(analysis.variation), VARIATION_WORDS[analysis.variation], FRAME.width - 60) +
    (analysis.assurance
      ? iconSvg('assurance', analysis.assurance, assuranceLetter(analysis.assurance), analysis.assurance === 'consistently-pass' ? COLOURS.improvement : analysis.assurance === 'consistently-fail' ? COLOURS.concern : COLOURS.commonCause, ASSURANCE_WORDS[analysis.assurance], FRAME.width - 28)
      : '') +
    legend(
      [
        { mark: 'circle', colour: COLOURS.commonCause, text: 'Common cause' },
        ...(text.improvement === 'neither'
          ? [{ mark: 'triangle' as const, colour: COLOURS.neither, text: 'Special cause' }]
          : [
              { mark: 'square' as const, colour: COLOURS.improvement, text: 'Special cause: improvement' },
              { mark: 'diamond' as const, colour: COLOURS.concern, text: 'Special cause: concern' },
            ]),
      ],
      FRAME,
    );
  return svgDocument(text, 'xmr', xmrSummary(points, analysis, text.target), body);
};

export { ASSURANCE_WORDS, COLOURS, MARKS, VARIATION_WORDS, renderRunChartSvg, renderXmrChartSvg, runChartSummary, xmrSummary };
export type { ChartPoint, ChartText, Mark };
