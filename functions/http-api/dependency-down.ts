// A dependency that is down or busy is the service's problem for a moment, not a fault of the
// request: 503 with Retry-After, so a client (the web app, the CLI, a script) waits and tries again,
// never a 500 (issue 12: a cohort launch right after a restart met DynamoDB Local not yet up).
// The names are the ones the state machine retries (commons/clients/dependency-errors.ts), plus
// a transaction DynamoDB cancelled only for a conflict or for throughput, never for a condition.
import { createError } from '@middy/util';
import { TRANSIENT_ERROR_NAMES, isNetworkFailure } from '#commons/clients/dependency-errors';

/** Long enough for a restarting local stack or a throttled table to recover; short enough for a person waiting. */
const RETRY_AFTER_SECONDS = 5;
const TRANSIENT_NAMES: ReadonlySet<string> = new Set([...TRANSIENT_ERROR_NAMES, 'TransactionInProgressException', 'ServiceUnavailableError']);
/** CancellationReasons codes that say "try again", not "your condition failed" (`None` marks the items that were fine). */
const TRANSIENT_CANCELLATIONS: ReadonlySet<string> = new Set(['TransactionConflict', 'ThrottlingError', 'ProvisionedThroughputExceeded', 'RequestLimitExceeded']);

const cancelledForLoad = (error: Error): boolean => {
  if (error.name !== 'TransactionCanceledException') return false;
  const codes = ((error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? []).map((reason) => reason.Code ?? 'None');
  return codes.some((code) => TRANSIENT_CANCELLATIONS.has(code)) && codes.every((code) => code === 'None' || TRANSIENT_CANCELLATIONS.has(code));
};

/** Whether the error, or one it was caused by, is a dependency that could not answer now. */
const isDependencyDown = (error: unknown, depth = 0): boolean => {
  if (!(error instanceof Error) || depth > 5) return false;
  if (TRANSIENT_NAMES.has(error.name) || isNetworkFailure(error) || cancelledForLoad(error)) return true;
  return isDependencyDown(error.cause, depth + 1);
};

const dependencyUnavailable = (cause: Error) =>
  Object.assign(
    createError(503, JSON.stringify({ error: 'ServiceUnavailable', message: 'A service this request needs is unavailable or busy; try again shortly', retryAfterSeconds: RETRY_AFTER_SECONDS }), {
      expose: true,
      cause,
    }),
    { headers: { 'Retry-After': String(RETRY_AFTER_SECONDS) } },
  );

export { dependencyUnavailable, isDependencyDown, RETRY_AFTER_SECONDS };
