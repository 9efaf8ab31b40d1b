import type { WaitState } from '../../definition.ts';
import { QueryEvaluationError } from '../../errors.ts';
import type { Json } from '../../jsonata.ts';
import type { StateApi, StateOutcome } from '../state-api.ts';

/**
 * Waits on the run's clock from the state's entered time, which the history keeps: after a
 * restart the execution waits only for what is left.
 */
const execute = async (state: WaitState, input: Json, ctx: StateApi): Promise<StateOutcome> => {
  const dueAt = state.Seconds !== undefined ? await dueAfterSeconds(state, ctx) : await dueAtTimestamp(state, ctx);
  await ctx.waitUntil(dueAt);
  return ctx.finish(state, input, state);
};

const dueAfterSeconds = async (state: WaitState, ctx: StateApi): Promise<number> => {
  const seconds = (await ctx.evaluateInteger(state.Seconds, 'Seconds', 0)) as number;
  return ctx.enteredAt + seconds * 1000;
};

// AWS wants an ISO-8601 extended offset date-time: a "T", and "Z" or an offset.
const isoTimestamp = /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** The epoch milliseconds of an ISO-8601 offset date-time, or undefined (Date.parse rolls 02-30 over to March). */
const parseTimestamp = (value: Json): number | undefined => {
  const parts = typeof value === 'string' ? isoTimestamp.exec(value) : null;
  if (!parts) return undefined;
  const [year, month, day] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth) return undefined;
  const epochMs = Date.parse(value as string);
  return Number.isNaN(epochMs) ? undefined : epochMs;
};

const dueAtTimestamp = async (state: WaitState, ctx: StateApi): Promise<number> => {
  const timestamp = await ctx.evaluate(state.Timestamp, 'Timestamp');
  const dueAt = parseTimestamp(timestamp);
  if (dueAt === undefined) {
    // Wording recorded on AWS: localstack/localstack test_base_scenarios.snapshot.json, test_wait_timestamp_jsonata.
    const shown = typeof timestamp === 'string' ? timestamp : JSON.stringify(timestamp);
    throw new QueryEvaluationError(ctx.errorCause(`The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: ${shown}`), {
      location: 'Timestamp',
    });
  }
  return dueAt;
};

export { execute };
