import type { SucceedState } from '../../definition.ts';
import type { Json } from '../../jsonata.ts';
import type { StateApi, StateOutcome } from '../state-api.ts';

const execute = (state: SucceedState, input: Json, ctx: StateApi): Promise<StateOutcome> =>
  ctx.finish({ Output: state.Output }, input, { End: true });

export { execute };
