import { isExpression, isInteger } from './json.ts';
import { Messages } from './messages.ts';
import { ProblemCode, problem, type DefinitionProblem } from './problems.ts';

interface NumberRule {
  value: unknown;
  path: string;
  state?: string;
  field: string;
  min: number;
  max?: number;
  integer: boolean;
  allowExpression: boolean;
}

const schemaProblem = (rule: NumberRule, message: string): DefinitionProblem =>
  problem({ code: ProblemCode.SchemaValidationFailed, message, path: rule.path, state: rule.state, field: rule.field });

const checkNumber = (rule: NumberRule): DefinitionProblem[] => {
  const { value, min, max, integer, allowExpression, field } = rule;
  if (allowExpression && isExpression(value)) return [];
  const kind = integer ? 'an integer' : 'a number';
  const accepted = allowExpression ? `${kind} or a JSONata expression` : kind;
  if (typeof value !== 'number' || (integer && !isInteger(value))) return [schemaProblem(rule, Messages.mustBe(field, accepted))];
  if (value < min) return [schemaProblem(rule, Messages.minimum(min))];
  if (max !== undefined && value > max) return [schemaProblem(rule, Messages.maximum(max))];
  return [];
};

export { checkNumber };
export type { NumberRule };
