import type { WaitState } from '../../definition.ts';
import { QueryEvaluationError } from '../../errors.ts';
import type { Json } from '../../jsonata.ts';
import type { StateContext, StateOutcome } from '../state-context.ts';

/**
 * Waits on the run's clock from the state's entered time, which the history keeps: after a
 * restart the execution waits only for what is left.
 */
const execute = async (state: WaitState, input: Json, ctx: StateContext): Promise<StateOutcome> => {
  const dueAt = state.Seconds !== undefined ? await dueAfterSeconds(state, ctx) : await dueAtTimestamp(state, ctx);
  await ctx.run.history.flush();
  await ctx.strand.sleepUntil(dueAt);
  return ctx.finish(state, input, state);
};

const dueAfterSeconds = async (state: WaitState, ctx: StateContext): Promise<number> => {
  const seconds = (await ctx.evaluateInteger(state.Seconds, 'Seconds', 0)) as number;
  return ctx.entered.timestamp + seconds * 1000;
};

// AWS requires an ISO-8601 timestamp with a time zone designator ("Z" or an offset).
const isoTimestamp = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

const dueAtTimestamp = async (state: WaitState, ctx: StateContext): Promise<number> => {
  const timestamp = await ctx.evaluate(state.Timestamp, 'Timestamp');
  if (typeof timestamp !== 'string' || !isoTimestamp.test(timestamp) || Number.isNaN(Date.parse(timestamp))) {
    throw new QueryEvaluationError(
      `An error occurred while executing the state '${ctx.name}'. The Timestamp field must be an ISO-8601 timestamp string, but was ${JSON.stringify(timestamp)}.`,
    );
  }
  return Date.parse(timestamp);
};

export { execute };
