import jsonata from 'jsonata';
import { referencesRootAnywhere, topLevelReferences, type AstNode } from './jsonata-ast.ts';
import { expressionBody, isExpression, isObject } from './json.ts';
import { Messages } from './messages.ts';
import { child, indexed } from './pointer.ts';
import { ProblemCode, problem, type DefinitionProblem } from './problems.ts';
import type { StateRef } from './state-ref.ts';

// Fields whose strings may hold JSONata expressions (ASL spec, JSONata revision).
const STATE_EXPRESSION_FIELDS = [
  'Arguments', 'Output', 'Assign', 'Items', 'ItemSelector', 'MaxConcurrency',
  'TimeoutSeconds', 'HeartbeatSeconds', 'Seconds', 'Timestamp', 'Error', 'Cause',
] as const;
const CHOICE_RULE_EXPRESSION_FIELDS = ['Condition', 'Output', 'Assign'] as const;
const CATCHER_EXPRESSION_FIELDS = ['Output', 'Assign'] as const;

interface Located {
  text: string;
  path: string;
  field: string;
}

const collectStrings = (value: unknown, path: string, field: string): Located[] => {
  if (isExpression(value)) return [{ text: value, path, field }];
  if (Array.isArray(value)) return value.flatMap((element, index) => collectStrings(element, indexed(path, index), field));
  if (isObject(value)) return Object.entries(value).flatMap(([key, element]) => collectStrings(element, child(path, key), field));
  return [];
};

const collectFrom = (object: unknown, fields: readonly string[], path: string): Located[] =>
  isObject(object) ? fields.flatMap((field) => collectStrings(object[field], child(path, field), field)) : [];

const collectList = (list: unknown, fields: readonly string[], path: string): Located[] =>
  Array.isArray(list) ? list.flatMap((element, index) => collectFrom(element, fields, indexed(path, index))) : [];

const collectExpressions = (ref: StateRef): Located[] => [
  ...collectFrom(ref.body, STATE_EXPRESSION_FIELDS, ref.path),
  ...collectList(ref.body.Choices, CHOICE_RULE_EXPRESSION_FIELDS, child(ref.path, 'Choices')),
  ...collectList(ref.body.Catch, CATCHER_EXPRESSION_FIELDS, child(ref.path, 'Catch')),
];

// jsonata throws plain objects ({ code, position, token, message }), not Error instances.
const parserMessage = (error: unknown): string =>
  isObject(error) && typeof error.message === 'string' ? error.message : String(error);

// AWS parses every expression at creation and reports the parser's message without its
// "S0xxx" code: "INVALID_JSONATA_EXPRESSION: Unexpected end of expression at /States/Main/Output"
// (floci-io/floci#2745, measured on AWS). jsonata's Error.message already omits the code.
const checkExpression = ({ text, path, field }: Located, state: string): DefinitionProblem[] => {
  let ast: AstNode;
  try {
    ast = jsonata(expressionBody(text)).ast() as unknown as AstNode;
  } catch (error) {
    return [problem({ code: ProblemCode.InvalidJsonataExpression, message: parserMessage(error), path, state, field })];
  }
  const references = new Set(topLevelReferences(ast));
  if (referencesRootAnywhere(ast)) references.add('$$');
  return [...references].map((name) =>
    problem({ code: ProblemCode.UnsupportedJsonataExpression, message: Messages.topLevelReference(name), path, state, field }),
  );
};

const checkExpressions = (ref: StateRef): DefinitionProblem[] =>
  collectExpressions(ref).flatMap((located) => checkExpression(located, ref.name));

export { checkExpressions };
