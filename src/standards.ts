// Standards as networks keep them: a CSV of id, section (or domain), type 1/2/3, text and
// optional guidance. A set is versioned by the declared version AND a hash of its content,
// so a cycle can pin exactly the standards it started with even if a file is edited
// without bumping its version.
import { createHash } from 'node:crypto';
import type { CsvError } from 'csv-parse/sync';
import * as z from './zod-mini.ts';
import { type CsvRecord, readRecords } from './csv-records.ts';
import { type ConfigIssue, StandardsImportError } from './errors.ts';
import { STANDARD_TYPES, type StandardType } from './vocabulary.ts';
import { describeZodIssues } from './zod-issues.ts';

interface Standard {
  id: string;
  section: string;
  type: StandardType;
  text: string;
  guidance?: string;
}

interface StandardsSet {
  /** The version the network declares (network.yaml `standards.version`). */
  version: string;
  /** sha256 of the canonical content, hex. */
  contentHash: string;
  /** `version+hash12`: what a cycle records as the standards it started with. */
  versionId: string;
  standards: Standard[];
}

/**
 * What one standards version may hold (README, "Configure a network"). The largest network
 * catalogues run to a few hundred standards; 10,000 leaves room for any real one, and the field
 * limits keep one standard's stored form under about 7 KB, so a set is stored in chunks well under
 * DynamoDB's 400 KB item limit. The CSV's own limit (STANDARDS_CSV_MAX_BYTES) keeps a request inside
 * Lambda's 6 MB synchronous payload, the narrower of the two limits in front of the API.
 */
const StandardsLimits = {
  standards: 10_000,
  idCharacters: 40,
  sectionCharacters: 200,
  textCharacters: 2_000,
  guidanceCharacters: 4_000,
  csvBytes: 4_000_000,
} as const;

const REQUIRED_COLUMNS = ['id', 'section', 'type', 'text'] as const;
const OPTIONAL_COLUMNS = ['guidance'] as const;
/** Mind & Body and others group standards in "domains"; same column. */
const COLUMN_ALIASES: Record<string, string> = { domain: 'section', standard: 'text', 'standard type': 'type' };

const rowSchema = z.object({
  id: z.string().check(z.trim(), z.maxLength(StandardsLimits.idCharacters), z.regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits, dot, hyphen or underscore, no spaces')),
  section: z.string().check(z.trim(), z.minLength(1, 'Section/domain is empty'), z.maxLength(StandardsLimits.sectionCharacters)),
  type: z.pipe(
    z.string().check(z.trim(), z.regex(/^[123]$/, 'Type must be 1, 2 or 3')),
    z.transform((value: string) => Number(value) as StandardType),
  ),
  text: z.string().check(z.trim(), z.minLength(1, 'Standard text is empty'), z.maxLength(StandardsLimits.textCharacters)),
  guidance: z.optional(z.string().check(z.trim(), z.maxLength(StandardsLimits.guidanceCharacters))),
});

const normaliseHeader = (header: string): string => {
  const name = header.trim().toLowerCase();
  return COLUMN_ALIASES[name] ?? name;
};

const headerIssues = (headers: string[], fileName: string): ConfigIssue[] => {
  const known = new Set<string>([...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS]);
  const missing = REQUIRED_COLUMNS.filter((column) => !headers.includes(column)).map(
    (column): ConfigIssue => ({
      file: fileName,
      line: 1,
      column,
      expected: `a header row with columns ${REQUIRED_COLUMNS.join(', ')} (guidance optional; "domain" may replace "section")`,
      found: headers.length === 0 ? 'no header row' : `columns ${headers.join(', ')}`,
      message: `Missing column "${column}"`,
    }),
  );
  const unknown = headers
    .filter((header) => !known.has(header))
    .map(
      (header): ConfigIssue => ({
        file: fileName,
        line: 1,
        column: header,
        expected: `only columns ${[...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS].join(', ')}`,
        found: `column "${header}"`,
        message: 'Unknown column (check spelling)',
      }),
    );
  return [...missing, ...unknown];
};

const hashStandards = (standards: Standard[]): string =>
  createHash('sha256')
    .update(JSON.stringify(standards.map((s) => [s.id, s.section, s.type, s.text, s.guidance ?? ''])))
    .digest('hex');

/** The issue for a record csv-parse refused: a wrong width names the first missing or extra column. */
const recordIssue = ({ line, error }: CsvRecord & { error: CsvError }, row: number | undefined, headers: string[], fileName: string): ConfigIssue => {
  const width = Array.isArray(error.record) ? error.record.length : undefined;
  if (error.code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH' && width !== undefined) {
    return {
      file: fileName,
      row,
      line,
      column: width > headers.length ? headers.length + 1 : (headers[width] ?? width + 1),
      expected: `${headers.length} columns (${headers.join(', ')}); put a text that contains a comma in double quotes`,
      found: `a row that has ${width} columns`,
      message: width > headers.length ? 'Too many columns' : 'Too few columns',
    };
  }
  return { file: fileName, row, line, expected: 'valid CSV (quotes closed, same delimiter throughout)', found: error.code, message: error.message };
};

interface ParseStandardsOptions {
  /** Declared version of the set, from the network configuration. */
  version?: string;
}

/** Pure: parses and validates a standards CSV. Throws StandardsImportError listing every bad cell. */
const parseStandardsCsv = (text: string, fileName: string, options: ParseStandardsOptions = {}): StandardsSet => {
  const [header, ...rows] = readRecords(text);
  if (header?.error) throw new StandardsImportError([recordIssue({ ...header, error: header.error }, undefined, [], fileName)]);
  const headers = (header?.record ?? []).map(normaliseHeader);
  const issues = headerIssues(headers, fileName);
  if (issues.some((issue) => issue.message.startsWith('Missing column'))) throw new StandardsImportError(issues);

  const standards: Standard[] = [];
  const firstRowOfId = new Map<string, number>();
  rows.forEach(({ line, record, error }, index) => {
    const row = index + 1;
    if (error || !record) {
      if (error) issues.push(recordIssue({ line, error }, row, headers, fileName));
      return;
    }
    const cells = Object.fromEntries(headers.map((name, i) => [name, record[i]]));
    if (cells.guidance === '') delete cells.guidance;
    const result = rowSchema.safeParse(cells, { reportInput: true });
    const rawId = (cells.id ?? '').trim();
    const previous = firstRowOfId.get(rawId);
    if (rawId !== '' && previous !== undefined) {
      issues.push({ file: fileName, row, line, column: 'id', expected: 'a unique id', found: `"${rawId}", already used on row ${previous}`, message: 'Duplicate standard id' });
    } else if (rawId !== '') {
      firstRowOfId.set(rawId, row);
    }
    if (!result.success) {
      for (const issue of describeZodIssues(result.error)) {
        issues.push({ file: fileName, row, line, column: String(issue.path[0]), expected: issue.expected, found: issue.found, message: issue.message });
      }
      return;
    }
    if (previous !== undefined) return;
    const { guidance, ...rest } = result.data;
    standards.push(guidance === undefined ? rest : { ...rest, guidance });
  });
  if (rows.length === 0) {
    issues.push({ file: fileName, line: 2, expected: 'at least one standard', found: 'no data rows', message: 'The file has no standards' });
  }
  if (rows.length > StandardsLimits.standards) {
    issues.push({ file: fileName, expected: `at most ${StandardsLimits.standards} standards`, found: `${rows.length} rows`, message: 'Too many standards in one version' });
  }
  if (issues.length > 0) throw new StandardsImportError(issues);

  const version = options.version ?? 'undeclared';
  const contentHash = hashStandards(standards);
  return { version, contentHash, versionId: `${version}+${contentHash.slice(0, 12)}`, standards };
};

/** Counts per type, for summaries and the CLI (a type may legitimately have 0 standards). */
const countByType = (standards: readonly Standard[]): Record<StandardType, number> => {
  const counts = Object.fromEntries(STANDARD_TYPES.map((type) => [type, 0])) as Record<StandardType, number>;
  for (const standard of standards) counts[standard.type] += 1;
  return counts;
};

export { StandardsLimits, countByType, hashStandards, parseStandardsCsv };
export type { ParseStandardsOptions, Standard, StandardsSet };
