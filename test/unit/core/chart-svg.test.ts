// The SVG charts: a run chart marks a shift's points (by shape, not colour alone), an XmR chart
// colours special-cause points as Making Data Count does and carries its icons, every colour has
// 3:1 contrast on white, and the words (title, desc, summary) say what the picture shows.
import { describe, expect, it } from 'vitest';
import { COLOURS, renderRunChartSvg, renderXmrChartSvg, runChartSummary, xmrSummary } from '#core/chart-svg';
import { analyseRunChart } from '#core/run-chart';
import { analyseXmr } from '#core/spc-chart';

const monthly = (values: readonly number[]) => values.map((value, index) => ({ on: `20${24 + Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01`, value }));

/** The marks of the data points, in order (the legend's marks come after them and are left out). */
const pointMarks = (svg: string) => [...svg.replace(/<g data-legend="">.*?<\/g>/s, '').matchAll(/data-mark="(\w+)"><title>([^<]*)<\/title>/g)].map((match) => ({ mark: match[1], title: match[2] }));

const luminance = (hex: string) => {
  const [r, g, b] = [1, 3, 5].map((at) => parseInt(hex.slice(at, at + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};
const contrastOnWhite = (hex: string) => 1.05 / (luminance(hex) + 0.05);

// Twelve points around 50, then eight above: a shift of eight (IHI: six or more on one side of the median).
const WITH_SHIFT = [50, 48, 52, 49, 51, 47, 53, 50, 48, 52, 51, 49, 58, 60, 57, 59, 61, 58, 60, 59];

describe('Function: renderRunChartSvg', () => {
  it('marks each point of a shift with a square and says so in its title and in the description', () => {
    // Prepare
    const points = monthly(WITH_SHIFT);
    const analysis = analyseRunChart(WITH_SHIFT, { baselinePoints: 12 });
    // Act
    const svg = renderRunChartSvg(points, analysis, { title: 'Care plans reviewed', unit: '%' });
    // Assess
    expect(analysis.shifts).toEqual([{ from: 12, to: 19, side: 'above' }]);
    const marks = pointMarks(svg);
    expect(marks).toHaveLength(20);
    expect(marks.slice(12).every((mark) => mark.mark === 'square' && mark.title.includes('part of a shift'))).toBe(true);
    expect(marks.slice(0, 12).some((mark) => mark.mark === 'square')).toBe(false);
    expect(svg).toMatch(/<desc id="chart-run-desc">[^<]*Shift: 8 points above the median, 2025-01-01 to 2025-08-01/);
  });

  it('draws only plain circles and says there is no signal when the data is random', () => {
    // Prepare
    const values = [50, 53, 54, 49, 47, 52, 55, 48, 46, 51, 53, 49];
    // Act
    const analysis = analyseRunChart(values);
    const svg = renderRunChartSvg(monthly(values), analysis, { title: 'Waits' });
    // Assess
    expect(new Set(pointMarks(svg).map((mark) => mark.mark))).toEqual(new Set(['circle']));
    expect(runChartSummary(monthly(values), analysis)).toContain('No signal of non-random variation.');
  });

  it('is an accessible image: role img, labelled by its title and description, with the title escaped', () => {
    // Act
    const svg = renderRunChartSvg(monthly([1, 2, 3]), analyseRunChart([1, 2, 3]), { title: 'Falls <per> 1,000 bed days & more', idPrefix: 'm1' });
    // Assess
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" role="img"')).toBe(true);
    expect(svg).toContain('aria-labelledby="m1-run-title m1-run-desc"');
    expect(svg).toContain('<title id="m1-run-title">Falls &lt;per&gt; 1,000 bed days &amp; more</title>');
    expect(svg).not.toContain('<per>');
    expect(svg.endsWith('</svg>')).toBe(true);
  });
});

describe('Function: renderXmrChartSvg', () => {
  const values = [...WITH_SHIFT.slice(0, 15), 50, 49, 51, 50, 75];

  it.each([
    { improvement: 'increase' as const, mark: 'square', colour: COLOURS.improvement, icon: 'improvement-high', letter: 'H' },
    { improvement: 'decrease' as const, mark: 'diamond', colour: COLOURS.concern, icon: 'concern-high', letter: 'H' },
    { improvement: 'neither' as const, mark: 'triangle', colour: COLOURS.neither, icon: 'neither-high', letter: 'H' },
  ])('draws a point above the upper limit as $mark in $colour when $improvement is better, with the $icon icon', ({ improvement, mark, colour, icon, letter }) => {
    // Prepare
    const analysis = analyseXmr(values, { improvement, baselinePoints: 12 });
    // Act
    const svg = renderXmrChartSvg(monthly(values), analysis, { title: 'Measure', improvement });
    // Assess
    expect(analysis.points[19].rules).toContain('outside-limits');
    const marks = pointMarks(svg);
    expect(marks[19].mark).toBe(mark);
    expect(svg).toContain(`fill="${colour}" stroke="${colour}" data-mark="${mark}"><title>2025-08-01: 75`);
    expect(svg).toMatch(new RegExp(`<g data-icon="variation" data-name="${icon}">.*?>${letter}</text></g>`));
  });

  it('shows the assurance icon against the target and draws the target line', () => {
    // Prepare: the process runs around 50 with limits well under 90, so it will consistently fail a target of 90.
    const flat = [50, 48, 52, 49, 51, 47, 53, 50, 48, 52, 49, 51];
    const analysis = analyseXmr(flat, { improvement: 'increase', target: 90 });
    // Act
    const svg = renderXmrChartSvg(monthly(flat), analysis, { title: 'Measure', improvement: 'increase', target: 90 });
    // Assess
    expect(svg).toMatch(/<g data-icon="assurance" data-name="consistently-fail"><title>The process will consistently fail the target<\/title>.*?>F<\/text><\/g>/);
    expect(svg).toContain('data-line="target"');
    expect(svg).toMatch(/<desc[^>]*>[^<]*consistently fail the target of 90\./);
    expect(svg).toContain('data-icon="variation" data-name="common-cause"');
  });

  it('draws each phase’s limits over its own points after a recalculation and names the reason', () => {
    // Prepare
    const analysis = analyseXmr(WITH_SHIFT, { improvement: 'increase', recalculations: [{ from: 12, reason: 'New discharge checklist' }] });
    // Act
    const svg = renderXmrChartSvg(monthly(WITH_SHIFT), analysis, { title: 'Measure', improvement: 'increase' });
    // Assess
    expect(svg.match(/data-line="mean" data-phase="\d"/g)).toEqual(['data-line="mean" data-phase="0"', 'data-line="mean" data-phase="1"']);
    expect(svg).toContain('recalculated from 2025-01-01: New discharge checklist');
  });
});

describe('Colours', () => {
  it.each(Object.entries(COLOURS).filter(([name]) => name !== 'background'))('%s (%s) has at least 3:1 contrast on white', (_name, hex) => {
    expect(contrastOnWhite(hex)).toBeGreaterThanOrEqual(3);
  });
});

describe('Function: xmrSummary', () => {
  it('says each special-cause rule once, with its dates or its span, not every point', () => {
    // Prepare
    const values = [...WITH_SHIFT.slice(0, 15), 50, 49, 51, 50, 75];
    const analysis = analyseXmr(values, { improvement: 'increase', baselinePoints: 12 });
    // Act
    const summary = xmrSummary(monthly(values), analysis);
    // Assess
    expect(summary).toContain('Outside the process limits: 2025-01-01, 2025-02-01, 2025-08-01.');
    expect(summary.match(/Outside the process limits/g)).toHaveLength(1);
    expect(summary).not.toMatch(/\(outside-limits/);
  });
});

describe('Dates on the x axis', () => {
  it('ends the last date at its point so it is not cut off at the right edge', () => {
    // Act
    const svg = renderRunChartSvg(monthly(WITH_SHIFT), analyseRunChart(WITH_SHIFT), { title: 'Measure' });
    // Assess
    expect(svg).toMatch(/text-anchor="end" font-size="11" fill="#212B32">2025-08-01<\/text>/);
    expect(svg).toMatch(/text-anchor="middle" font-size="11" fill="#212B32">2024-01-01<\/text>/);
  });
});

describe('Date labels', () => {
  it('leaves out a regular date label that would overlap the last one', () => {
    // Prepare: 24 points label every 4th; the 21st (index 20) is 3 points before the last.
    const values = Array.from({ length: 24 }, (_, index) => 50 + (index % 3));
    // Act
    const svg = renderRunChartSvg(monthly(values), analyseRunChart(values), { title: 'Measure' });
    // Assess
    expect(svg).toContain('>2025-05-01</text>');
    expect(svg).toContain('>2025-12-01</text>');
    expect(svg).not.toContain('>2025-09-01</text>');
  });
});
