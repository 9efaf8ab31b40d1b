import type { MapState } from '../../definition.ts';
import { QueryEvaluationError, StatesError } from '../../errors.ts';
import { expressionBody, isExpression, type Json } from '../../jsonata.ts';
import { isSiblingStop } from '../branches.ts';
import type { StateApi, StateOutcome } from '../state-api.ts';

/**
 * Inline Map: Items (default: the state input) must be an array; ItemSelector, evaluated per
 * item with $states.context.Map.Item.{Index,Value}, shapes each iteration's input. Each
 * iteration runs in its own variable scope; MaxConcurrency 0 means no limit. AWS records
 * MapStateFailed once, when the state has failed for good, and MapIterationAborted for the
 * iterations stopped because another failed.
 */
const execute = (state: MapState, input: Json, ctx: StateApi): Promise<StateOutcome> =>
  ctx.withRetryAndCatch(
    state,
    async (attempt) => {
      const items = state.Items === undefined ? input : await ctx.evaluate(state.Items, 'Items');
      if (!Array.isArray(items)) throw notAnArray(state, items, ctx);
      const maxConcurrency = (await ctx.evaluateInteger(state.MaxConcurrency, 'MaxConcurrency', 0)) ?? 0;
      const processor = (state.ItemProcessor ?? state.Iterator) as NonNullable<MapState['ItemProcessor']>;
      ctx.record('MapStateStarted', { length: items.length });
      const results = await ctx.runChildren(
        'iteration',
        items.map((item, index) => ({
          key: `a${attempt}.i${index}`,
          run: async (child) => {
            child.record('MapIterationStarted', { name: ctx.name, index });
            try {
              const iterationInput =
                state.ItemSelector === undefined
                  ? item
                  : await ctx.evaluate(state.ItemSelector, 'ItemSelector', { context: { Map: { Item: { Index: index, Value: item } } } });
              const output = await child.runStates(processor, iterationInput);
              child.record('MapIterationSucceeded', { name: ctx.name, index });
              return output;
            } catch (error) {
              if (error instanceof StatesError) child.recordFinal('MapIterationFailed', { name: ctx.name, index });
              if (isSiblingStop(error)) child.recordFinal('MapIterationAborted', { name: ctx.name, index });
              throw error;
            }
          },
        })),
        maxConcurrency,
      );
      ctx.record('MapStateSucceeded', undefined, { chain: false });
      return ctx.finish(state, results, state, { result: results });
    },
    'MapStateFailed',
  );

/**
 * Wording and EvaluationFailed location recorded on AWS (localstack/localstack
 * test_base_scenarios.snapshot.json: test_map_state_items_eval_jsonata_fail, _input_types).
 */
const notAnArray = (state: MapState, items: Json, ctx: StateApi): QueryEvaluationError => {
  if (state.Items === undefined) return new QueryEvaluationError(ctx.errorCause(`Map state input must be an array but was: ${JSON.stringify(items)}`));
  const source = isExpression(state.Items) ? expressionBody(state.Items) : JSON.stringify(state.Items);
  const type = items === null ? 'null' : typeof items;
  return new QueryEvaluationError(
    ctx.errorCause(`The JSONata expression '${source}' specified for the field 'Items' returned an unexpected result type. Expected 'array', but was '${type}' for value: ${JSON.stringify(items)}`),
    { location: 'Items' },
  );
};

export { execute };
