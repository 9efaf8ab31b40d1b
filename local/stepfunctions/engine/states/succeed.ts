import type { SucceedState } from '../../definition.ts';
import type { Json } from '../../jsonata.ts';
import type { StateContext, StateOutcome } from '../state-context.ts';

const execute = (state: SucceedState, input: Json, ctx: StateContext): Promise<StateOutcome> =>
  ctx.finish({ Output: state.Output }, input, { End: true });

export { execute };
