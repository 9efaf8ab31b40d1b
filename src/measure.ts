// A measure tells a team whether a change is an improvement (IHI Model for Improvement: "how will we
// know that a change is an improvement?"). It is a proportion (numerator over denominator, shown as
// a percentage), a count, or a time, with the direction that is better and, optionally, a target.
// Its data points are dated. Teams enter them in the app or import a CSV exported from their own
// systems; every mistake in the CSV is reported at once, at its line, as the standards import does.
import { enum as zEnum, maxLength, minLength, number, optional, strictObject, string, superRefine, trim } from './zod-mini.ts';
import type { z } from './zod-mini.ts';
import { type CsvRecord, readRecords } from './csv-records.ts';
import { isIsoDate } from './iso-date.ts';
import type { IsoDate } from './iso-date.ts';
import { IMPROVEMENT_DIRECTIONS } from './spc-chart.ts';

const MEASURE_KINDS = ['proportion', 'count', 'time'] as const;
type MeasureKind = (typeof MEASURE_KINDS)[number];

/** How many points one measure may hold: 10 years of daily data. */
const MAX_POINTS = 3_650;

const measureDefinitionSchema = strictObject({
  name: string().check(trim(), minLength(1), maxLength(200)),
  /** What is counted and how, so that anyone collecting it counts the same thing. */
  definition: string().check(trim(), minLength(1), maxLength(2_000)),
  kind: zEnum(MEASURE_KINDS),
  numerator: optional(string().check(trim(), minLength(1), maxLength(200))),
  denominator: optional(string().check(trim(), minLength(1), maxLength(200))),
  /** For a time: minutes, hours, days. For a count: what is counted. */
  unit: optional(string().check(trim(), minLength(1), maxLength(50))),
  improvement: zEnum(IMPROVEMENT_DIRECTIONS),
  // Numbers are finite in zod 4 (classic's .finite() was a no-op).
  target: optional(number()),
}).check(
  superRefine((measure, context) => {
    if (measure.kind !== 'proportion') return;
    for (const part of ['numerator', 'denominator'] as const) {
      if (!measure[part]) context.addIssue({ code: 'custom', path: [part], message: `A proportion names its ${part}` });
    }
    if (measure.target !== undefined && (measure.target < 0 || measure.target > 100)) {
      context.addIssue({ code: 'custom', path: ['target'], message: 'A proportion’s target is a percentage, 0 to 100' });
    }
  }),
);
type MeasureDefinition = z.infer<typeof measureDefinitionSchema>;

interface DataPoint {
  on: IsoDate;
  /** What is charted: the percentage for a proportion, else the count or time itself. */
  value: number;
  numerator?: number;
  denominator?: number;
}

interface DataIssue {
  line: number;
  column?: string;
  found?: string;
  message: string;
}

const COLUMNS: Record<MeasureKind, readonly string[]> = {
  proportion: ['date', 'numerator', 'denominator'],
  count: ['date', 'value'],
  time: ['date', 'value'],
};

/** A number as people type it in a spreadsheet: digits with an optional decimal part, no units. */
const NUMBER = /^-?\d+(\.\d+)?$/;

/** The point one row (already split into named cells) gives, or the issues that stop it. */
const pointOf = (kind: MeasureKind, cells: Record<string, string>, line: number): DataPoint | DataIssue[] => {
  const issues: DataIssue[] = [];
  const on = cells.date?.trim() ?? '';
  if (!isIsoDate(on)) issues.push({ line, column: 'date', found: on, message: 'A date is written YYYY-MM-DD' });
  const numberIn = (column: string): number | undefined => {
    const text = cells[column]?.trim() ?? '';
    if (!NUMBER.test(text)) {
      issues.push({ line, column, found: text, message: 'Not a number' });
      return undefined;
    }
    return Number(text);
  };
  if (kind === 'proportion') {
    const numerator = numberIn('numerator');
    const denominator = numberIn('denominator');
    if (numerator !== undefined && denominator !== undefined) {
      if (!Number.isInteger(numerator) || !Number.isInteger(denominator) || numerator < 0) issues.push({ line, message: 'A numerator and denominator are whole counts' });
      else if (denominator <= 0) issues.push({ line, column: 'denominator', found: String(denominator), message: 'The denominator must be more than 0' });
      else if (numerator > denominator) issues.push({ line, column: 'numerator', found: String(numerator), message: `More than the denominator (${denominator})` });
    }
    if (issues.length > 0 || numerator === undefined || denominator === undefined) return issues;
    return { on: on as IsoDate, value: (100 * numerator) / denominator, numerator, denominator };
  }
  const value = numberIn('value');
  if (value !== undefined && value < 0) issues.push({ line, column: 'value', found: String(value), message: `A ${kind} cannot be negative` });
  if (issues.length > 0 || value === undefined) return issues;
  return { on: on as IsoDate, value };
};

/**
 * The points of a CSV (a header row naming the kind's columns, then one row per date), sorted by
 * date, or every issue in it. A date given twice is an issue at its second line: which value is
 * right is the team's call, not ours.
 */
const parseMeasureCsv = (text: string, kind: MeasureKind): { points: DataPoint[]; issues: DataIssue[] } => {
  const records: CsvRecord[] = readRecords(text);
  const [header, ...rows] = records;
  const expected = COLUMNS[kind];
  const headers = (header?.record ?? []).map((cell) => cell.trim().toLowerCase());
  const missing = expected.filter((column) => !headers.includes(column));
  if (!header || header.error || missing.length > 0) {
    return { points: [], issues: [{ line: header?.line ?? 1, found: headers.join(',') || 'nothing', message: `The header row must name the columns ${expected.join(', ')}` }] };
  }
  const issues: DataIssue[] = [];
  const points: DataPoint[] = [];
  const seen = new Map<string, number>();
  for (const { line = 0, record, error } of rows) {
    if (error || !record) {
      issues.push({ line, message: `This row does not have the ${headers.length} columns of the header: ${error?.message ?? 'unreadable'}` });
      continue;
    }
    const point = pointOf(kind, Object.fromEntries(headers.map((name, index) => [name, record[index] ?? ''])), line);
    if (Array.isArray(point)) {
      issues.push(...point);
      continue;
    }
    const earlier = seen.get(point.on);
    if (earlier !== undefined) {
      issues.push({ line, column: 'date', found: point.on, message: `This date is already given on line ${earlier}` });
      continue;
    }
    seen.set(point.on, line);
    points.push(point);
  }
  if (points.length + issues.length > MAX_POINTS) issues.push({ line: rows.at(-1)?.line ?? 1, message: `At most ${MAX_POINTS} points per measure` });
  return { points: points.sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0)), issues };
};

export { MAX_POINTS, MEASURE_KINDS, measureDefinitionSchema, parseMeasureCsv, pointOf };
export type { DataIssue, DataPoint, MeasureDefinition, MeasureKind };
