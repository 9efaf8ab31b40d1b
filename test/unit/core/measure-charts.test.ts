// A measure's charts from its stored choices: the baseline and the recalculations are chosen by date,
// so they keep meaning the same points as points are added; a choice that no longer fits is named.
import { describe, expect, it } from 'vitest';
import type { DataPoint, MeasureDefinition } from '#core/measure';
import { measureCharts } from '#core/measure-charts';

const definition: MeasureDefinition = { name: 'Days to assessment', definition: 'Median days', kind: 'time', unit: 'days', improvement: 'decrease' };
const points: DataPoint[] = [20, 22, 21, 23, 20, 22, 15, 14, 16, 15, 14, 13].map((value, index) => ({ on: `2025-${String(index + 1).padStart(2, '0')}-15`, value }));

describe('Function: measureCharts', () => {
  it('has no charts before the first point', () => {
    expect(measureCharts(definition, [])).toBeUndefined();
  });

  it('freezes the baseline on the points up to the date and starts a phase at the first point on or after a recalculation date', () => {
    // Act
    const charts = measureCharts(definition, points, { baselineThroughOn: '2025-04-30', recalculations: [{ fromOn: '2025-07-01', reason: 'New pathway' }] });
    // Assess
    expect(charts?.run.analysis.baselinePoints).toBe(4);
    expect(charts?.xmr.analysis.phases.map((phase) => [phase.from, phase.baselinePoints, phase.reason])).toEqual([
      [0, 4, undefined],
      [6, 6, 'New pathway'],
    ]);
    expect(charts?.ignored).toEqual([]);
    expect(charts?.xmr.svg).toContain('<title id="measure-xmr-title">SPC chart: Days to assessment</title>');
  });

  it.each([
    { choices: { baselineThroughOn: '2024-12-31' }, ignored: /has no points/ },
    { choices: { recalculations: [{ fromOn: '2026-01-01', reason: 'After the data' }] }, ignored: /does not start a new phase/ },
    { choices: { baselineThroughOn: '2025-10-31', recalculations: [{ fromOn: '2025-07-01', reason: 'x' }] }, ignored: /reaches past the first recalculation/ },
  ])('draws without a choice that no longer fits the data and names it ($ignored)', ({ choices, ignored }) => {
    // Act
    const charts = measureCharts(definition, points, choices);
    // Assess
    expect(charts?.ignored).toHaveLength(1);
    expect(charts?.ignored[0]).toMatch(ignored);
  });
});
