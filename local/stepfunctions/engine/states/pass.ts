import type { PassState } from '../../definition.ts';
import type { Json } from '../../jsonata.ts';
import type { StateApi, StateOutcome } from '../state-api.ts';

/** A JSONata Pass state passes its input through unless Output says otherwise. */
const execute = (state: PassState, input: Json, ctx: StateApi): Promise<StateOutcome> => ctx.finish(state, input, state);

export { execute };
