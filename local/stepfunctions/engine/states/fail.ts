import type { FailState } from '../../definition.ts';
import { StatesError } from '../../errors.ts';
import type { Json } from '../../jsonata.ts';
import type { StateApi, StateOutcome } from '../state-api.ts';

/** Error and Cause may be JSONata expressions; a Fail state has no Exited event. */
const execute = async (state: FailState, _input: Json, ctx: StateApi): Promise<StateOutcome> => {
  const error = state.Error === undefined ? '' : await ctx.evaluate(state.Error, 'Error');
  const cause = state.Cause === undefined ? '' : await ctx.evaluate(state.Cause, 'Cause');
  throw new StatesError(asText(error), asText(cause));
};

const asText = (value: Json): string => (typeof value === 'string' ? value : JSON.stringify(value));

export { execute };
