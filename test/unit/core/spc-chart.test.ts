// XmR chart rules as NHS England's "Making Data Count" draws them: worked examples of each
// special-cause rule, the variation and assurance icons, and properties every XmR chart keeps.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyseXmr, xmrLimits } from '#core/spc-chart';

const flat = (length: number, centre = 50) => Array.from({ length }, (_, index) => centre + (index % 2 === 0 ? 1 : -1));
const rulesAt = (values: number[], options: Parameters<typeof analyseXmr>[1]) => analyseXmr(values, options).points.map((point) => point.rules);

describe('xmrLimits', () => {
  it('puts the process limits at the mean ± 2.66 × the mean moving range', () => {
    // Mean 2.5; moving ranges 2, 1, 2 (mean 5/3); limits 2.5 ± 2.66 × 5/3.
    const limits = xmrLimits([1, 3, 2, 4], 2.5);
    expect(limits.meanMovingRange).toBeCloseTo(5 / 3, 10);
    expect(limits.upper).toBeCloseTo(2.5 + (2.66 * 5) / 3, 10);
    expect(limits.lower).toBeCloseTo(2.5 - (2.66 * 5) / 3, 10);
  });
});

describe('analyseXmr: special-cause rules', () => {
  it('a single point outside the process limits', () => {
    const values = [...flat(15), 70];
    const chart = analyseXmr(values, { improvement: 'increase', baselinePoints: 15 });
    expect(chart.points[15].rules).toEqual(['outside-limits']);
    expect(chart.points.slice(0, 15).every((point) => point.rules.length === 0)).toBe(true);
    expect(chart.variation).toBe('improvement-high');
  });

  it('seven points in a row above the mean is a shift; six is not', () => {
    const base = [48, 52, 47, 53, 49, 51, 48, 52, 50, 47, 53, 49];
    const seven = [...base, 51, 52, 51, 52, 51, 52, 51, 44, 45];
    expect(analyseXmr(seven, { improvement: 'decrease' }).points.slice(12, 19).every((point) => point.rules.includes('shift'))).toBe(true);
    const six = [...base, 51, 52, 51, 52, 51, 52, 44, 45, 46];
    expect(rulesAt(six, { improvement: 'decrease' }).some((rules) => rules.includes('shift'))).toBe(false);
  });

  it('six points all increasing is a trend; five is not', () => {
    const base = [50, 46, 54, 47, 53, 48, 52, 49, 51];
    const six = [...base, 44, 46, 48, 50, 52, 54, 47];
    const chart = analyseXmr(six, { improvement: 'increase' });
    expect(chart.points.slice(9, 15).every((point) => point.rules.includes('trend'))).toBe(true);
    const five = [...base, 44, 46, 48, 50, 52, 47];
    expect(rulesAt(five, { improvement: 'increase' }).some((rules) => rules.includes('trend'))).toBe(false);
  });

  it('two out of three points beyond two sigma on the same side', () => {
    // Baseline: mean 50, mean moving range 2 → sigma 2 × 2.66 / 3 ≈ 1.77; two sigma above is about 53.5
    // and the upper limit about 55.3, so 54.5 is near the limit but inside it.
    const values = [...flat(16), 54.5, 50, 54.5];
    const chart = analyseXmr(values, { improvement: 'increase', baselinePoints: 16 });
    expect(chart.points[16].rules).toContain('two-of-three-near-limit');
    expect(chart.points[18].rules).toContain('two-of-three-near-limit');
    expect(chart.points[17].rules).not.toContain('two-of-three-near-limit');
    const oneOfThree = analyseXmr([...flat(16), 54.5, 50, 50], { improvement: 'increase', baselinePoints: 16 });
    expect(oneOfThree.points.some((point) => point.rules.includes('two-of-three-near-limit'))).toBe(false);
  });
});

describe('analyseXmr: icons', () => {
  it('a high special cause is a concern when lower is better', () => {
    expect(analyseXmr([...flat(15), 70], { improvement: 'decrease', baselinePoints: 15 }).variation).toBe('concern-high');
    expect(analyseXmr([...flat(15), 30], { improvement: 'decrease', baselinePoints: 15 }).variation).toBe('improvement-low');
    expect(analyseXmr([...flat(15), 30], { improvement: 'neither', baselinePoints: 15 }).variation).toBe('neither-low');
    expect(analyseXmr(flat(16), { improvement: 'increase' }).variation).toBe('common-cause');
  });

  it('assurance: the target against the process limits', () => {
    // Mean 50, limits about 50 ± 5.3.
    expect(analyseXmr(flat(16), { improvement: 'increase', target: 40 }).assurance).toBe('consistently-pass');
    expect(analyseXmr(flat(16), { improvement: 'increase', target: 60 }).assurance).toBe('consistently-fail');
    expect(analyseXmr(flat(16), { improvement: 'increase', target: 50 }).assurance).toBe('hit-and-miss');
    expect(analyseXmr(flat(16), { improvement: 'decrease', target: 40 }).assurance).toBe('consistently-fail');
    expect(analyseXmr(flat(16), { improvement: 'neither', target: 40 }).assurance).toBeUndefined();
  });
});

describe('analyseXmr: baselines and recalculation', () => {
  it('a frozen baseline keeps its limits, so a later step change is special cause', () => {
    const values = [...flat(12), ...flat(8, 58)];
    const frozen = analyseXmr(values, { improvement: 'increase', baselinePoints: 12 });
    expect(frozen.phases[0]).toMatchObject({ from: 0, to: 19, baselinePoints: 12, centre: 50 });
    expect(frozen.points.slice(12).every((point) => point.rules.includes('outside-limits'))).toBe(true);
  });

  it('recalculated limits start a new phase, with its reason, judged on its own limits', () => {
    const values = [...flat(12), ...flat(8, 58)];
    const chart = analyseXmr(values, { improvement: 'increase', recalculations: [{ from: 12, reason: 'New discharge checklist in use' }] });
    expect(chart.phases.map(({ from, to, centre, reason }) => ({ from, to, centre, reason }))).toEqual([
      { from: 0, to: 11, centre: 50, reason: undefined },
      { from: 12, to: 19, centre: 58, reason: 'New discharge checklist in use' },
    ]);
    expect(chart.points.every((point) => point.rules.length === 0)).toBe(true);
  });

  it('refuses a recalculation outside the data', () => {
    expect(() => analyseXmr(flat(5), { improvement: 'increase', recalculations: [{ from: 5, reason: 'x' }] })).toThrow(RangeError);
  });
});

describe('analyseXmr: properties', () => {
  const series = fc.array(fc.integer({ min: -500, max: 500 }), { minLength: 2, maxLength: 60 });

  it('the limits are symmetric about the mean and never cross it', () => {
    fc.assert(
      fc.property(series, (values) => {
        const [phase] = analyseXmr(values, { improvement: 'increase' }).phases;
        expect(phase.upper - phase.centre).toBeCloseTo(phase.centre - phase.lower, 6);
        expect(phase.lower).toBeLessThanOrEqual(phase.centre);
      }),
    );
  });

  it('a strictly monotone series of 6 or more points signals a trend at every point', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: -500, max: 500 }), { minLength: 6, maxLength: 40 }), (values) => {
        const rising = [...values].sort((a, b) => a - b);
        expect(analyseXmr(rising, { improvement: 'increase' }).points.every((point) => point.rules.includes('trend'))).toBe(true);
      }),
    );
  });

  it('turning the chart upside down swaps improvement for concern', () => {
    fc.assert(
      fc.property(series, (values) => {
        const up = analyseXmr(values, { improvement: 'increase' });
        const down = analyseXmr(values.map((value) => -value), { improvement: 'decrease' });
        expect(down.points.map((point) => point.rules.sort())).toEqual(up.points.map((point) => point.rules.sort()));
        expect(down.variation.split('-')[0]).toBe(up.variation.split('-')[0]);
      }),
    );
  });
});
