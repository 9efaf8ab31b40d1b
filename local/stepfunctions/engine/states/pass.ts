import type { PassState } from '../../definition.ts';
import type { Json } from '../../jsonata.ts';
import type { StateContext, StateOutcome } from '../state-context.ts';

/** A JSONata Pass state passes its input through unless Output says otherwise. */
const execute = (state: PassState, input: Json, ctx: StateContext): Promise<StateOutcome> => ctx.finish(state, input, state);

export { execute };
