// A measure's charts as an email carries them: each chart a PNG shown inline (its Content-ID named by
// the HTML), its SVG attached, and alt text that says the chart's signals in words.
import { describe, expect, it } from 'vitest';
import { measureEmailCharts } from '#core/chart-email';
import type { DataPoint, MeasureDefinition } from '#core/measure';

const definition: MeasureDefinition = { name: 'Care plans reviewed within 7 days (ward 3)', definition: 'x', kind: 'count', unit: 'plans', improvement: 'increase' };
const points: DataPoint[] = [10, 9, 11, 10, 12, 9, 10, 11, 10, 9, 11, 10, 15, 16, 17, 15, 16, 18, 16, 17, 15, 16, 17, 16].map((value, index) => ({
  on: `${2024 + Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01`,
  value,
}));

describe('Function: measureEmailCharts', () => {
  it('has nothing to send before the first point', () => {
    expect(measureEmailCharts(definition, [])).toBeUndefined();
  });

  it('carries the run and SPC charts as inline PNGs named by Content-ID, with the SVGs attached', () => {
    // Act
    const email = measureEmailCharts(definition, points)!;
    // Assess
    expect(email.charts.map((chart) => [chart.kind, chart.contentId])).toEqual([
      ['Run chart', 'run-chart@care-plans-reviewed-within-7-days-ward-3'],
      ['SPC chart', 'spc-chart@care-plans-reviewed-within-7-days-ward-3'],
    ]);
    expect(email.files.map((file) => [file.filename, file.contentType, file.inlineContentId])).toEqual([
      ['care-plans-reviewed-within-7-days-ward-3-run-chart.png', 'image/png', 'run-chart@care-plans-reviewed-within-7-days-ward-3'],
      ['care-plans-reviewed-within-7-days-ward-3-run-chart.svg', 'image/svg+xml', undefined],
      ['care-plans-reviewed-within-7-days-ward-3-spc-chart.png', 'image/png', 'spc-chart@care-plans-reviewed-within-7-days-ward-3'],
      ['care-plans-reviewed-within-7-days-ward-3-spc-chart.svg', 'image/svg+xml', undefined],
    ]);
    expect(new TextDecoder().decode(email.files[1].content)).toMatch(/^<svg [^>]*data-chart="run"/);
    expect([...email.files[0].content.subarray(1, 4)]).toEqual([80, 78, 71]);
  });

  it('says the signals in the alt text', () => {
    // Act
    const [run, spc] = measureEmailCharts(definition, points)!.charts;
    // Assess
    expect(run.alt).toMatch(/^Run chart of Care plans reviewed within 7 days \(ward 3\)\. Run chart of 24 points; .*Shift: 12 points above the median, 2025-01-01 to 2025-12-01\./);
    expect(spc.alt).toContain('Special cause of improving nature, high.');
  });

  it('keeps a Content-ID within SES’s 78 characters for a long measure name', () => {
    // Act
    const email = measureEmailCharts({ ...definition, name: 'A'.repeat(200) }, points)!;
    // Assess
    expect(Math.max(...email.charts.map((chart) => chart.contentId.length))).toBeLessThanOrEqual(78);
  });
});
