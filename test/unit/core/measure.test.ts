// Measures and their data: the definition's rules and the CSV import's issues at their lines.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { measureDefinitionSchema, parseMeasureCsv } from '#core/measure';

describe('measureDefinitionSchema', () => {
  it('a proportion names its numerator and denominator, and its target is a percentage', () => {
    const result = measureDefinitionSchema.safeParse({ name: 'Care plans reviewed', definition: 'Care plans reviewed within 7 days of admission', kind: 'proportion', improvement: 'increase', target: 120 });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.')).sort()).toEqual(['denominator', 'numerator', 'target']);
  });

  it('accepts a count with a direction and no target', () => {
    expect(measureDefinitionSchema.parse({ name: 'Restraint incidents', definition: 'Incidents of restraint on the ward', kind: 'count', improvement: 'decrease' }).kind).toBe('count');
  });
});

describe('parseMeasureCsv', () => {
  it('reads a proportion as a percentage, sorted by date', () => {
    const { points, issues } = parseMeasureCsv('date,numerator,denominator\n2027-02-01,9,12\n2027-01-01,6,12\n', 'proportion');
    expect(issues).toEqual([]);
    expect(points).toEqual([
      { on: '2027-01-01', value: 50, numerator: 6, denominator: 12 },
      { on: '2027-02-01', value: 75, numerator: 9, denominator: 12 },
    ]);
  });

  it('reports every mistake at its line, with the column and what was found', () => {
    const csv = ['date,numerator,denominator', '2027-01-01,6,12', '01/02/2027,6,12', '2027-03-01,13,12', '2027-04-01,6,0', '2027-05-01,six,12', '2027-01-01,1,2', '2027-06-01,1'].join('\n');
    const { points, issues } = parseMeasureCsv(csv, 'proportion');
    expect(points.map((point) => point.on)).toEqual(['2027-01-01']);
    expect(issues.map(({ line, column }) => ({ line, column }))).toEqual([
      { line: 3, column: 'date' },
      { line: 4, column: 'numerator' },
      { line: 5, column: 'denominator' },
      { line: 6, column: 'numerator' },
      { line: 7, column: 'date' },
      { line: 8, column: undefined },
    ]);
    expect(issues[0].found).toBe('01/02/2027');
    expect(issues[4].message).toMatch(/already given on line 2/);
  });

  it('names the columns a header must have', () => {
    expect(parseMeasureCsv('when,value\n2027-01-01,3\n', 'count').issues).toEqual([{ line: 1, found: 'when,value', message: 'The header row must name the columns date, value' }]);
  });

  it('refuses a negative count or time', () => {
    expect(parseMeasureCsv('date,value\n2027-01-01,-3\n', 'time').issues).toMatchObject([{ line: 2, column: 'value' }]);
  });

  it('property: any list of distinct dated counts round-trips through a CSV', () => {
    const day = fc.integer({ min: 0, max: 2000 }).map((offset) => new Date(Date.UTC(2025, 0, 1 + offset)).toISOString().slice(0, 10));
    fc.assert(
      fc.property(fc.uniqueArray(fc.tuple(day, fc.nat(10_000)), { selector: ([on]) => on, maxLength: 50 }), (rows) => {
        const csv = ['date,value', ...rows.map(([on, value]) => `${on},${value}`)].join('\n');
        const { points, issues } = parseMeasureCsv(csv, 'count');
        expect(issues).toEqual([]);
        expect(points).toEqual([...rows].sort(([a], [b]) => a.localeCompare(b)).map(([on, value]) => ({ on, value })));
      }),
    );
  });
});
