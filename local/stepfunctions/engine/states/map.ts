import type { MapState } from '../../definition.ts';
import { QueryEvaluationError, StatesError } from '../../errors.ts';
import type { Json } from '../../jsonata.ts';
import { runChildren } from '../branches.ts';
import type { StateContext, StateOutcome } from '../state-context.ts';

/**
 * Inline Map: Items (default: the state input) must be an array; ItemSelector, evaluated per
 * item with $states.context.Map.Item.{Index,Value}, shapes each iteration's input. Each
 * iteration runs in its own variable scope; MaxConcurrency 0 means no limit.
 */
const execute = (state: MapState, input: Json, ctx: StateContext): Promise<StateOutcome> =>
  ctx.withRetryAndCatch(state, async (attempt) => {
    const items = state.Items === undefined ? input : await ctx.evaluate(state.Items, 'Items');
    if (!Array.isArray(items)) {
      throw new QueryEvaluationError(
        `An error occurred while executing the state '${ctx.name}'. The Items field must evaluate to a JSON array, but was ${JSON.stringify(items)}.`,
      );
    }
    const maxConcurrency = (await ctx.evaluateInteger(state.MaxConcurrency, 'MaxConcurrency', 0)) ?? 0;
    const processor = (state.ItemProcessor ?? state.Iterator) as NonNullable<MapState['ItemProcessor']>;
    ctx.strand.emit('MapStateStarted', { length: items.length });
    try {
      const result = await runChildren(
        ctx.strand,
        items.map((item, index) => ({
          pathSuffix: `${ctx.entered.key}.a${attempt}.i${index}`,
          run: async (child) => {
            child.emit('MapIterationStarted', { name: ctx.name, index });
            try {
              const iterationInput =
                state.ItemSelector === undefined
                  ? item
                  : await ctx.evaluate(state.ItemSelector, 'ItemSelector', { context: { Map: { Item: { Index: index, Value: item } } } });
              const output = await ctx.run.runStates(child, processor, iterationInput);
              child.emit('MapIterationSucceeded', { name: ctx.name, index });
              return output;
            } catch (error) {
              if (error instanceof StatesError) child.emit('MapIterationFailed', { name: ctx.name, index });
              throw error;
            }
          },
        })),
        maxConcurrency,
      );
      ctx.strand.emit('MapStateSucceeded');
      return await ctx.finish(state, result, state, { result });
    } catch (error) {
      if (error instanceof StatesError) ctx.strand.emit('MapStateFailed', { error: error.name, cause: error.cause_ });
      throw error;
    }
  });

export { execute };
