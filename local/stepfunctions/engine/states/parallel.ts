import type { ParallelState } from '../../definition.ts';
import type { Json } from '../../jsonata.ts';
import { runChildren } from '../branches.ts';
import type { StateContext, StateOutcome } from '../state-context.ts';

/**
 * Each branch gets the state's Arguments (or its input); the result is the array of outputs.
 * AWS records ParallelStateStarted per attempt and ParallelStateFailed once, when the state
 * has failed for good; Succeeded and Exited point at the last event of the branches.
 */
const execute = (state: ParallelState, input: Json, ctx: StateContext): Promise<StateOutcome> =>
  ctx.withRetryAndCatch(
    state,
    async (attempt) => {
      const branchInput = state.Arguments === undefined ? input : await ctx.evaluate(state.Arguments, 'Arguments');
      ctx.strand.emit('ParallelStateStarted');
      const { results } = await runChildren(
        ctx.strand,
        'branch',
        state.Branches.map((branch, index) => ({
          pathSuffix: `${ctx.entered.key}.a${attempt}.b${index}`,
          run: (child) => ctx.run.runStates(child, branch, branchInput),
        })),
      );
      ctx.strand.emit('ParallelStateSucceeded', undefined, { chain: false });
      return ctx.finish(state, results, state, { result: results });
    },
    'ParallelStateFailed',
  );

export { execute };
