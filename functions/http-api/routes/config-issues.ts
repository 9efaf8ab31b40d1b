// A coordinator's file that does not check out is a 400 listing every issue, each with the file,
// line, column (or row, or YAML path) it is at, so the CLI and the web app can show them all at once.
import { type ConfigIssue, issueLocation } from '#core/errors';
import { httpError } from '../http.ts';

const configIssuesError = (issues: readonly ConfigIssue[], what: string) =>
  httpError(400, 'ValidationError', `${what}: ${issues.length} problem${issues.length === 1 ? '' : 's'}`, {
    issues: issues.map(({ message, ...issue }) => ({ ...issue, field: issueLocation(issue), message: `${message} (expected ${issue.expected}, found ${issue.found})` })),
  });

export { configIssuesError };
