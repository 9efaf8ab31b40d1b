import type { ChoiceState } from '../../definition.ts';
import { QueryEvaluationError, StatesError, statesErrorNames } from '../../errors.ts';
import type { Json } from '../../jsonata.ts';
import type { StateApi, StateOutcome } from '../state-api.ts';

/**
 * Rules are tried in order; the first whose Condition is true wins, with its own Output and
 * Assign. The state-level Output and Assign apply only when Default is taken: so AWS answered
 * in the parity tests other emulators recorded against it (localstack/localstack#12075, whose
 * snapshots are AWS responses; #13775 for a rule and Default sharing a Next), although the
 * developer guide reads as if the state-level Assign applied whichever rule matched. The
 * validator warns about either field, so a definition does not depend on the reading.
 */
const execute = async (state: ChoiceState, input: Json, ctx: StateApi): Promise<StateOutcome> => {
  for (const [index, rule] of state.Choices.entries()) {
    const verdict = await ctx.evaluate(rule.Condition, `Choices[${index}].Condition`);
    if (typeof verdict !== 'boolean') {
      throw new QueryEvaluationError(ctx.errorCause(`The Condition of Choices[${index}] must evaluate to a boolean, but returned ${JSON.stringify(verdict)}.`), {
        location: `Choices[${index}].Condition`,
      });
    }
    if (verdict) return ctx.finish(rule, input, { Next: rule.Next });
  }
  if (state.Default === undefined) {
    throw new StatesError(statesErrorNames.noChoiceMatched, `No Choice Rule matched and no Default was given in state '${ctx.name}'`);
  }
  return ctx.finish(state, input, { Next: state.Default });
};

export { execute };
