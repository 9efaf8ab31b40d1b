// Which Retry rule applies to an error, and how long to wait (AWS: "Retrying after an error").
import type { Retrier } from '../definition.ts';
import { statesErrorNames, type StatesError } from '../errors.ts';

/**
 * AWS: States.ALL matches every error name except States.Runtime (never catchable);
 * States.TaskFailed "matches any known error name except for States.Timeout".
 */
const errorMatches = (errorEquals: readonly string[], error: StatesError): boolean =>
  error.catchable &&
  errorEquals.some(
    (name) =>
      name === error.name ||
      error.aliases.includes(name) ||
      name === statesErrorNames.all ||
      (name === statesErrorNames.taskFailed && error.name !== statesErrorNames.timeout),
  );

/** Only the first retrier whose ErrorEquals matches is considered, even when it is exhausted. */
const findRetrier = (retriers: readonly Retrier[] | undefined, error: StatesError): number =>
  (retriers ?? []).findIndex((retrier) => errorMatches(retrier.ErrorEquals, error));

const retryDefaults = { intervalSeconds: 1, maxAttempts: 3, backoffRate: 2 } as const;

const maxAttempts = (retrier: Retrier): number => retrier.MaxAttempts ?? retryDefaults.maxAttempts;

/** Delay before retry number `attempt` (0 for the first retry) of this retrier, in ms. */
const retryDelayMs = (retrier: Retrier, attempt: number, random: () => number): number => {
  const interval = retrier.IntervalSeconds ?? retryDefaults.intervalSeconds;
  const backoff = retrier.BackoffRate ?? retryDefaults.backoffRate;
  let seconds = interval * backoff ** attempt;
  if (retrier.MaxDelaySeconds !== undefined) seconds = Math.min(seconds, retrier.MaxDelaySeconds);
  // FULL jitter picks a random delay between zero and the computed one.
  if (retrier.JitterStrategy === 'FULL') seconds *= random();
  return Math.round(seconds * 1000);
};

export { errorMatches, findRetrier, maxAttempts, retryDelayMs };
