import type { ChoiceState } from '../../definition.ts';
import { QueryEvaluationError, StatesError, statesErrorNames } from '../../errors.ts';
import type { Json } from '../../jsonata.ts';
import type { StateContext, StateOutcome } from '../state-context.ts';

/**
 * Rules are tried in order; the first whose Condition is true wins. A matching rule's Output
 * and Assign are used; the state-level Assign applies whichever way the choice goes, and a
 * rule's Assign wins over it for the same name.
 */
const execute = async (state: ChoiceState, input: Json, ctx: StateContext): Promise<StateOutcome> => {
  for (const [index, rule] of state.Choices.entries()) {
    const verdict = await ctx.evaluate(rule.Condition, `Choices[${index}].Condition`);
    if (typeof verdict !== 'boolean') {
      throw new QueryEvaluationError(
        `An error occurred while executing the state '${ctx.name}'. The Condition of Choices[${index}] must evaluate to a boolean, but returned ${JSON.stringify(verdict)}.`,
      );
    }
    if (verdict) {
      const assign = state.Assign || rule.Assign ? { ...state.Assign, ...rule.Assign } : undefined;
      return ctx.finish({ Output: rule.Output ?? state.Output, Assign: assign }, input, { Next: rule.Next });
    }
  }
  if (state.Default === undefined) {
    throw new StatesError(statesErrorNames.noChoiceMatched, `No Choice Rule matched and no Default was given in state '${ctx.name}'`);
  }
  return ctx.finish(state, input, { Next: state.Default });
};

export { execute };
