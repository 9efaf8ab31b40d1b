// Transient failures of a dependency (DynamoDB, SES, Step Functions, the Scheduler), by the names
// a handler's error carries, so the state machine retries them and nothing else (issue 12,
// defect 3: a resumed task failed its execution on one ECONNREFUSED).
//
// The SDK names throttling and 5xx answers after the service's exception; a failure to reach the
// service at all (connection refused or reset, a DNS hiccup) surfaces as a bare `Error`, which
// the Retry cannot tell from a bug. Clients passed through `nameNetworkFailures` rethrow those as
// DependencyUnavailable, after the SDK's own retries have given up.
import type { MiddlewareStack } from '@smithy/types';

class DependencyUnavailableError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'DependencyUnavailable';
  }
}

/** Error names a task retries with back-off: the ASL's second retrier lists exactly these. */
const TRANSIENT_ERROR_NAMES = [
  'DependencyUnavailable',
  // Throttling: DynamoDB, SES v2, Step Functions, EventBridge Scheduler.
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'TooManyRequestsException',
  // 5xx from a dependency.
  'InternalServerError',
  'InternalServerException',
  'InternalFailure',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  // The SDK's own request timeout.
  'TimeoutError',
] as const;

// Node's codes for a peer that could not be reached or dropped the connection; EAI_AGAIN is a
// DNS lookup that may succeed later (ENOTFOUND is a wrong endpoint, not transient).
const NETWORK_FAILURE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN']);

const isNetworkFailure = (error: unknown): error is Error & { code: string } =>
  error instanceof Error && NETWORK_FAILURE_CODES.has(String((error as { code?: unknown }).code));

/** Adds the renaming to a client, outside the SDK's retry (step `initialize`); returns the client. */
const nameNetworkFailures = <Client extends { middlewareStack: MiddlewareStack<any, any> }>(client: Client, dependency: string): Client => {
  client.middlewareStack.add(
    (next) => async (args) => {
      try {
        return await next(args);
      } catch (error) {
        if (!isNetworkFailure(error)) throw error;
        throw new DependencyUnavailableError(`${dependency} could not be reached (${error.code})`, { cause: error });
      }
    },
    { step: 'initialize', name: 'nameNetworkFailures', override: true },
  );
  return client;
};

export { DependencyUnavailableError, TRANSIENT_ERROR_NAMES, isNetworkFailure, nameNetworkFailures };
