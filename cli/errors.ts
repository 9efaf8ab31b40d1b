// What the CLI prints when a command cannot do its job, so every failure says what was wrong and
// where, exactly once, and exits 1. Commander prints its own usage errors before it throws them.
import { CommanderError, InvalidArgumentError } from 'commander';
import { ApiError } from './api-client.ts';

/** Something the user gave the CLI itself (a file, a template name) is wrong; nothing was sent. */
class CliInputError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'CliInputError';
  }
}

/** The command ran and printed its answer, but the answer is a failure (e.g. a service was refused). */
class CommandFailedError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'CommandFailedError';
  }
}

interface ApiIssue {
  field: string;
  message: string;
}

const apiIssues = (error: ApiError): ApiIssue[] =>
  Array.isArray(error.body.issues) ? (error.body.issues as ApiIssue[]).filter((issue) => typeof issue?.field === 'string') : [];

/**
 * The lines to print for an error, or none when commander has printed it already. An API
 * validation error's message repeats its issues, so with issues only the heading and the list print.
 */
const errorLines = (error: unknown): string[] => {
  if (error instanceof CommanderError && !(error instanceof InvalidArgumentError)) return [];
  if (error instanceof ApiError) {
    const issues = apiIssues(error);
    if (issues.length === 0) return [`Error: ${error.message}`];
    return [
      `Error: ${error.status} ${String(error.body.error ?? 'Error')}: ${issues.length} problem${issues.length === 1 ? '' : 's'}`,
      ...issues.map((issue) => `  ${issue.field}: ${issue.message}`),
    ];
  }
  return [`Error: ${error instanceof Error ? error.message : String(error)}`];
};

/** Exit status: commander's own (0 for --help and --version), 1 for everything else. */
const exitCodeOf = (error: unknown): number =>
  error instanceof CommanderError && !(error instanceof InvalidArgumentError) ? error.exitCode : 1;

export { CliInputError, CommandFailedError, errorLines, exitCodeOf };
