// Errors of the domain core. Each `name` is stable so Step Functions `Catch` blocks
// (ErrorEquals) and handlers can match on it the same way on AWS and locally.

/** One problem found in a coordinator-supplied file, precise enough to fix without reading code. */
interface ConfigIssue {
  file: string;
  /** Dotted JSON/YAML path, e.g. `thresholds.type2`; absent for CSV issues. */
  path?: string;
  /** 1-based line in the file (YAML/JSON: where the value sits; CSV: the record's line). */
  line?: number;
  /** CSV data row, 1-based, not counting the header. */
  row?: number;
  /** CSV column name (header) or YAML/JSON column number. */
  column?: string | number;
  expected: string;
  found: string;
  message: string;
}

/** Where to look: `network.yaml, line 28, column 26, thresholds.type2`. */
const issueLocation = (issue: Omit<ConfigIssue, 'message' | 'expected' | 'found'>): string =>
  [
    issue.file,
    issue.row === undefined ? undefined : `row ${issue.row}`,
    issue.line === undefined ? undefined : `line ${issue.line}`,
    issue.column === undefined ? undefined : `column ${issue.column}`,
    issue.path === undefined || issue.path === '' ? undefined : issue.path,
  ]
    .filter((part) => part !== undefined)
    .join(', ');

const formatIssue = (issue: ConfigIssue): string => `${issueLocation(issue)}: ${issue.message} (expected ${issue.expected}, found ${issue.found})`;

/** Base for every invalid-file error; carries ALL issues, not only the first. */
class ConfigFileError extends Error {
  public readonly issues: ConfigIssue[];

  public constructor(summary: string, issues: ConfigIssue[], options?: ErrorOptions) {
    super(`${summary}\n${issues.map((issue) => `  - ${formatIssue(issue)}`).join('\n')}`, options);
    this.name = 'ConfigFileError';
    this.issues = issues;
  }
}

/** The issues a check of a coordinator's file throws, or none: checks of several files report together. */
const configIssuesOf = (check: () => void): ConfigIssue[] => {
  try {
    check();
    return [];
  } catch (error) {
    if (error instanceof ConfigFileError) return error.issues;
    throw error;
  }
};

class NetworkConfigError extends ConfigFileError {
  public constructor(issues: ConfigIssue[], options?: ErrorOptions) {
    super(`Invalid network configuration (${issues.length} issue${issues.length === 1 ? '' : 's'})`, issues, options);
    this.name = 'NetworkConfigError';
  }
}

class StandardsImportError extends ConfigFileError {
  public constructor(issues: ConfigIssue[], options?: ErrorOptions) {
    super(`Invalid standards file (${issues.length} issue${issues.length === 1 ? '' : 's'})`, issues, options);
    this.name = 'StandardsImportError';
  }
}

/** A value that should be an ISO calendar date (YYYY-MM-DD) is not one. */
class InvalidDateError extends Error {
  public readonly value: string;

  public constructor(value: string, options?: ErrorOptions) {
    super(`Not an ISO calendar date (YYYY-MM-DD): ${JSON.stringify(value)}`, options);
    this.name = 'InvalidDateError';
    this.value = value;
  }
}

/** Working-day arithmetic reached a year the bank-holiday file does not cover. */
class CalendarCoverageError extends Error {
  public readonly year: number;
  public readonly coveredFrom: number;
  public readonly coveredTo: number;
  /** The request field that carried the date, when one did: the API names it in its 400. */
  public readonly field?: string;

  public constructor(year: number, coveredFrom: number, coveredTo: number, options?: ErrorOptions & { field?: string }) {
    super(
      `${options?.field ? `${options.field}: ` : ''}Bank holidays are known for ${coveredFrom}–${coveredTo} only; ${year} is outside. ` +
        'Update data/bank-holidays-england-and-wales.json from GOV.UK.',
      options,
    );
    this.name = 'CalendarCoverageError';
    this.year = year;
    this.coveredFrom = coveredFrom;
    this.coveredTo = coveredTo;
    this.field = options?.field;
  }
}

/** The membership type is not one the network offers. */
class UnknownMembershipTypeError extends Error {
  public readonly membershipType: string;

  public constructor(membershipType: string, offered: readonly string[], options?: ErrorOptions) {
    super(`Membership type ${JSON.stringify(membershipType)} is not offered by this network (offered: ${offered.join(', ')})`, options);
    this.name = 'UnknownMembershipTypeError';
    this.membershipType = membershipType;
  }
}

/** Ratings refer to standards outside the set, or repeat one; scoring would be wrong. */
class InvalidRatingsError extends Error {
  public readonly problems: { standardId: string; source: 'self' | 'peer'; problem: 'unknown-standard' | 'duplicate' }[];

  public constructor(problems: InvalidRatingsError['problems'], options?: ErrorOptions) {
    super(
      `Invalid ratings: ${problems.map((p) => `${p.source} ${p.standardId} (${p.problem})`).join(', ')}`,
      options,
    );
    this.name = 'InvalidRatingsError';
    this.problems = problems;
  }
}

/** A recommendation was asked for while some applicable standards have no rating at all. */
class IncompleteRatingsError extends Error {
  public readonly unratedStandardIds: string[];

  public constructor(unratedStandardIds: string[], options?: ErrorOptions) {
    super(`Cannot recommend an outcome: ${unratedStandardIds.length} standard(s) unrated (${unratedStandardIds.slice(0, 10).join(', ')}${unratedStandardIds.length > 10 ? ', …' : ''})`, options);
    this.name = 'IncompleteRatingsError';
    this.unratedStandardIds = unratedStandardIds;
  }
}

export {
  CalendarCoverageError,
  ConfigFileError,
  IncompleteRatingsError,
  InvalidDateError,
  InvalidRatingsError,
  NetworkConfigError,
  configIssuesOf,
  issueLocation,
  StandardsImportError,
  UnknownMembershipTypeError,
};
export type { ConfigIssue };
