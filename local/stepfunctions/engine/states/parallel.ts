import type { ParallelState } from '../../definition.ts';
import { StatesError } from '../../errors.ts';
import type { Json } from '../../jsonata.ts';
import { runChildren } from '../branches.ts';
import type { StateContext, StateOutcome } from '../state-context.ts';

/** Each branch gets the state's Arguments (or its input); the result is the array of outputs. */
const execute = (state: ParallelState, input: Json, ctx: StateContext): Promise<StateOutcome> =>
  ctx.withRetryAndCatch(state, async (attempt) => {
    const branchInput = state.Arguments === undefined ? input : await ctx.evaluate(state.Arguments, 'Arguments');
    ctx.strand.emit('ParallelStateStarted');
    try {
      const result = await runChildren(
        ctx.strand,
        state.Branches.map((branch, index) => ({
          pathSuffix: `${ctx.entered.key}.a${attempt}.b${index}`,
          run: (child) => ctx.run.runStates(child, branch, branchInput),
        })),
      );
      ctx.strand.emit('ParallelStateSucceeded');
      return await ctx.finish(state, result, state, { result });
    } catch (error) {
      if (error instanceof StatesError) ctx.strand.emit('ParallelStateFailed', { error: error.name, cause: error.cause_ });
      throw error;
    }
  });

export { execute };
