import type { ParallelState } from '../../definition.ts';
import type { Json } from '../../jsonata.ts';
import type { StateApi, StateOutcome } from '../state-api.ts';

/**
 * Each branch gets the state's Arguments (or its input); the result is the array of outputs.
 * AWS records ParallelStateStarted per attempt and ParallelStateFailed once, when the state
 * has failed for good; Succeeded and Exited point at the last event of the branches.
 */
const execute = (state: ParallelState, input: Json, ctx: StateApi): Promise<StateOutcome> =>
  ctx.withRetryAndCatch(
    state,
    async (attempt) => {
      const branchInput = state.Arguments === undefined ? input : await ctx.evaluate(state.Arguments, 'Arguments');
      ctx.record('ParallelStateStarted');
      const results = await ctx.runChildren(
        'branch',
        state.Branches.map((branch, index) => ({ key: `a${attempt}.b${index}`, run: (child) => child.runStates(branch, branchInput) })),
      );
      ctx.record('ParallelStateSucceeded', undefined, { chain: false });
      return ctx.finish(state, results, state, { result: results });
    },
    'ParallelStateFailed',
  );

export { execute };
