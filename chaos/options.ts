// `npm run chaos -- --services 30 --kills 5 --seed 7`: what one run of the harness does.
import { parseArgs } from 'node:util';

interface ChaosOptions {
  /** Services in the cohort (each one cycle driven to a committee decision). */
  services: number;
  /** SIGKILLs of the whole local stack during the run. */
  kills: number;
  /** Seeds every random choice (when and where to kill), so a run can be repeated. */
  seed: number;
  /** Wall-clock minutes after which the driver gives up and reports what is not decided as stuck. */
  timeoutMinutes: number;
  /** Data folder of the stack (DynamoDB Local, the SES store); a fresh temporary one when left out. */
  dataDir?: string;
  /** Keep the data folder after the run (to inspect it). */
  keepData: boolean;
  /** Print each kill, restart and phase as it happens. */
  verbose: boolean;
}

class ChaosOptionsError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ChaosOptionsError';
  }
}

const positiveInteger = (name: string, value: string | undefined, fallback: number, min: number): number => {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < min) throw new ChaosOptionsError(`--${name} must be an integer >= ${min}, got "${value}"`);
  return parsed;
};

const parseChaosOptions = (args: readonly string[]): ChaosOptions => {
  const { values } = parseArgs({
    args: [...args],
    options: {
      services: { type: 'string' },
      kills: { type: 'string' },
      seed: { type: 'string' },
      'timeout-minutes': { type: 'string' },
      'data-dir': { type: 'string' },
      'keep-data': { type: 'boolean', default: false },
      verbose: { type: 'boolean', default: false },
    },
    strict: true,
  });
  return {
    services: positiveInteger('services', values.services, 30, 1),
    kills: positiveInteger('kills', values.kills, 5, 0),
    seed: positiveInteger('seed', values.seed, Date.now() % 1_000_000, 0),
    timeoutMinutes: positiveInteger('timeout-minutes', values['timeout-minutes'], 30, 1),
    dataDir: values['data-dir'],
    keepData: values['keep-data'] === true,
    verbose: values.verbose === true,
  };
};

export { ChaosOptionsError, parseChaosOptions };
export type { ChaosOptions };
