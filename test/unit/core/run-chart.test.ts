// Run-chart rules against worked examples from IHI's run-chart guidance (Perla, Provost & Murray,
// BMJ Qual Saf 2011) and the published runs table, plus properties any run chart must keep.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { median } from '#core/chart-patterns';
import { analyseRunChart } from '#core/run-chart';
import { expectedRuns } from '#core/run-chart-runs';

describe('the runs table (Perla et al. 2011, Table 1, after Swed & Eisenhart 1943)', () => {
  it.each([
    [16, 5, 12],
    [20, 6, 15],
    [30, 11, 20],
    [40, 15, 26],
    [60, 24, 37],
  ])('%i useful observations: %i to %i runs', (useful, fewest, most) => {
    expect(expectedRuns(useful)).toEqual({ fewest, most });
  });

  it('past 1,000 useful observations, the normal approximation carries on from the exact limits', () => {
    const exact = expectedRuns(1_000);
    const approximate = expectedRuns(1_001);
    expect(Math.abs((approximate?.fewest ?? 0) - (exact?.fewest ?? 0))).toBeLessThanOrEqual(1);
    expect(Math.abs((approximate?.most ?? 0) - (exact?.most ?? 0))).toBeLessThanOrEqual(1);
    expect(expectedRuns(10_000)).toEqual({ fewest: expect.any(Number), most: expect.any(Number) });
    const large = expectedRuns(10_000);
    expect(large && large.fewest < 5_001 && large.most > 5_001).toBe(true);
  });

  it('does not apply with fewer than 10 useful observations', () => {
    expect(expectedRuns(9)).toBeUndefined();
  });
});

describe('analyseRunChart: worked examples', () => {
  it('16 points in runs of 7, 7, 1 and 1: four runs is too few (16 useful observations expect 5 to 12)', () => {
    const values = [9, 9, 8, 9, 10, 9, 8, 3, 2, 3, 4, 2, 3, 4, 9, 2];
    const chart = analyseRunChart(values);
    expect(chart.runs).toMatchObject({ count: 4, usefulObservations: 16, expected: { fewest: 5, most: 12 }, signal: 'too-few' });
    expect(chart.shifts).toEqual([
      { from: 0, to: 6, side: 'above' },
      { from: 7, to: 13, side: 'below' },
    ]);
  });

  it('six points on one side of the median is a shift; five is not', () => {
    const six = analyseRunChart([1, 2, 1, 2, 1, 2, 5, 6, 5, 6, 5, 6, 1, 2]);
    expect(six.shifts).toEqual([{ from: 6, to: 11, side: 'above' }]);
    const five = analyseRunChart([1, 2, 1, 2, 1, 2, 5, 6, 5, 6, 5, 1, 2]);
    expect(five.shifts).toEqual([]);
  });

  it('a point on the median neither breaks a shift nor adds to it', () => {
    // Median 5: five points above, one on it, one more above make a shift of six useful points.
    const chart = analyseRunChart([1, 2, 3, 1, 2, 5, 5, 8, 9, 8, 9, 8, 5, 9]);
    expect(chart.median).toBe(5);
    expect(chart.shifts).toEqual([{ from: 7, to: 13, side: 'above' }]);
    const notEnough = analyseRunChart([1, 2, 3, 1, 2, 5, 5, 8, 9, 8, 9, 5, 9, 3]);
    expect(notEnough.median).toBe(5);
    expect(notEnough.shifts).toEqual([]);
  });

  it('five points going up is a trend; four is not', () => {
    expect(analyseRunChart([5, 3, 4, 5, 6, 7, 2, 6]).trends).toEqual([{ from: 1, to: 5, direction: 'up' }]);
    expect(analyseRunChart([5, 3, 4, 5, 6, 2, 6, 2]).trends).toEqual([]);
  });

  it('a repeated value neither breaks a trend nor adds to it', () => {
    expect(analyseRunChart([9, 8, 8, 7, 6, 5, 9]).trends).toEqual([{ from: 0, to: 5, direction: 'down' }]);
    expect(analyseRunChart([9, 8, 8, 7, 6, 9]).trends).toEqual([]);
  });

  it('too many runs: twenty points alternating about the median make 20 runs (expected 6 to 15)', () => {
    const chart = analyseRunChart(Array.from({ length: 20 }, (_, index) => (index % 2 === 0 ? 10 : 20)));
    expect(chart.runs).toMatchObject({ count: 20, signal: 'too-many' });
  });

  it('a frozen baseline carries its median forward, so an improvement after it shows as a shift', () => {
    const baseline = [40, 42, 41, 43, 40, 44, 41, 42, 43, 40, 42, 41];
    const after = [48, 50, 49, 51, 50, 52];
    const frozen = analyseRunChart([...baseline, ...after], { baselinePoints: baseline.length });
    expect(frozen.median).toBe(41.5);
    expect(frozen.shifts).toContainEqual({ from: 12, to: 17, side: 'above' });
  });

  it('suggests a point far outside the spread of the baseline as astronomical, for the team to judge', () => {
    const chart = analyseRunChart([20, 21, 19, 20, 22, 21, 20, 19, 21, 60, 20, 21]);
    expect(chart.astronomicalCandidates).toEqual([9]);
  });

  it('refuses a baseline longer than the data', () => {
    expect(() => analyseRunChart([1, 2, 3], { baselinePoints: 4 })).toThrow(/baseline/);
  });
});

describe('analyseRunChart: properties', () => {
  it('a strictly monotone series of 5 or more points is one trend over all of it', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: -1000, max: 1000 }), { minLength: 5, maxLength: 40 }), fc.boolean(), (values, up) => {
        const sorted = [...values].sort((a, b) => (up ? a - b : b - a));
        expect(analyseRunChart(sorted).trends).toEqual([{ from: 0, to: sorted.length - 1, direction: up ? 'up' : 'down' }]);
      }),
    );
  });

  it('shuffling the points never changes the median', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 1, maxLength: 60 }).chain((values) => fc.tuple(fc.constant(values), fc.shuffledSubarray(values, { minLength: values.length }))), ([values, shuffled]) => {
        expect(median(shuffled)).toBe(median(values));
      }),
    );
  });

  it('moving every point by the same amount moves the median and changes no signal', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 1, maxLength: 60 }), fc.integer({ min: -1000, max: 1000 }), (values, offset) => {
        const before = analyseRunChart(values);
        const after = analyseRunChart(values.map((value) => value + offset));
        expect(after.median).toBe(before.median + offset);
        expect({ ...after, median: 0 }).toEqual({ ...before, median: 0 });
      }),
    );
  });

  it('the useful observations are the points not on the median, and runs never outnumber them', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 1, maxLength: 60 }), (values) => {
        const chart = analyseRunChart(values);
        expect(chart.runs.usefulObservations).toBe(values.filter((value) => value !== chart.median).length);
        expect(chart.runs.count).toBeLessThanOrEqual(chart.runs.usefulObservations);
      }),
    );
  });
});
