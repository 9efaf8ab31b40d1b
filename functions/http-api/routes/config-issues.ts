// A coordinator's file that does not check out is a 400 listing every issue, each with the file,
// line, column (or row, or YAML path) it is at, so the CLI and the web app can show them all at once.
import { type ConfigIssue } from '#core/errors';
import { httpError } from '../http.ts';

/** `network.yaml, line 28, column 26, thresholds.type2`: where to look. */
const issueField = (issue: Omit<ConfigIssue, 'message'>): string =>
  [
    issue.file,
    issue.row === undefined ? undefined : `row ${issue.row}`,
    issue.line === undefined ? undefined : `line ${issue.line}`,
    issue.column === undefined ? undefined : `column ${issue.column}`,
    issue.path === undefined || issue.path === '' ? undefined : issue.path,
  ]
    .filter((part) => part !== undefined)
    .join(', ');

const configIssuesError = (issues: readonly ConfigIssue[], what: string) =>
  httpError(400, 'ValidationError', `${what}: ${issues.length} problem${issues.length === 1 ? '' : 's'}`, {
    issues: issues.map(({ message, ...issue }) => ({ ...issue, field: issueField(issue), message: `${message} (expected ${issue.expected}, found ${issue.found})` })),
  });

export { configIssuesError };
