import { CHOICE_RULE_FIELDS, JSONPATH_CHOICE_RULE_FIELDS } from './field-tables.ts';
import { isExpression, isObject } from './json.ts';
import { checkKeys } from './keys.ts';
import { Messages } from './messages.ts';
import { child, indexed } from './pointer.ts';
import { ProblemCode, problem, type DefinitionProblem } from './problems.ts';
import type { StateRef } from './state-ref.ts';

const schema = (path: string, state: string, field: string, message: string): DefinitionProblem =>
  problem({ code: ProblemCode.SchemaValidationFailed, message, path, state, field });

// ASL (JSONata): each Choice Rule has "Condition" (a boolean or an expression) and "Next".
const checkRule = (rule: unknown, path: string, state: string): DefinitionProblem[] => {
  if (!isObject(rule)) return [schema(path, state, 'Choices', Messages.mustBe('Choices', 'an array of Choice Rules'))];
  const keyProblems = checkKeys({
    object: rule,
    path,
    state,
    allowed: CHOICE_RULE_FIELDS,
    jsonPathOnly: JSONPATH_CHOICE_RULE_FIELDS,
    required: ['Condition', 'Next'],
  });
  const condition = rule.Condition;
  const conditionProblems =
    condition === undefined || typeof condition === 'boolean' || isExpression(condition)
      ? []
      : [schema(child(path, 'Condition'), state, 'Condition', Messages.mustBe('Condition', 'a boolean or a JSONata expression'))];
  const nextProblems =
    rule.Next === undefined || typeof rule.Next === 'string'
      ? []
      : [schema(child(path, 'Next'), state, 'Next', Messages.mustBe('Next', 'a state name'))];
  return [...keyProblems, ...conditionProblems, ...nextProblems];
};

const checkChoice = (ref: StateRef): DefinitionProblem[] => {
  const choices = ref.body.Choices;
  const path = child(ref.path, 'Choices');
  if (choices === undefined) return [];
  if (!Array.isArray(choices) || choices.length === 0) {
    return [schema(path, ref.name, 'Choices', Messages.mustBe('Choices', 'a non-empty array'))];
  }
  const defaultProblems =
    ref.body.Default === undefined || typeof ref.body.Default === 'string'
      ? []
      : [schema(child(ref.path, 'Default'), ref.name, 'Default', Messages.mustBe('Default', 'a state name'))];
  return [...choices.flatMap((rule, index) => checkRule(rule, indexed(path, index), ref.name)), ...defaultProblems];
};

export { checkChoice };
