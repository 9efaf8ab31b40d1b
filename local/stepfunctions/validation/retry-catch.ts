import { CATCHER_FIELDS, RETRIER_FIELDS } from './field-tables.ts';
import { isObject } from './json.ts';
import { checkKeys } from './keys.ts';
import { Messages } from './messages.ts';
import { checkNumber } from './numbers.ts';
import { child, indexed } from './pointer.ts';
import { ProblemCode, problem, type DefinitionProblem } from './problems.ts';
import type { StateRef } from './state-ref.ts';

// Step Functions quotas: IntervalSeconds and MaxAttempts at most 99999999, MaxDelaySeconds below
// 31622401 (one year); ASL spec: IntervalSeconds >= 1, MaxAttempts >= 0, BackoffRate >= 1.0.
const MAX_SECONDS = 99_999_999;
const MAX_DELAY_SECONDS = 31_622_400;
const JITTER_STRATEGIES: ReadonlySet<unknown> = new Set(['FULL', 'NONE']);
const ALL_ERRORS = 'States.ALL';

type Kind = 'Retry' | 'Catch';

const schema = (path: string, state: string, field: string, message: string): DefinitionProblem =>
  problem({ code: ProblemCode.SchemaValidationFailed, message, path, state, field });

// ASL: ErrorEquals is a non-empty array of strings; "States.ALL" must appear alone
// and only in the last Retrier or Catcher.
const checkErrorEquals = (value: unknown, path: string, state: string, isLast: boolean): DefinitionProblem[] => {
  const at = child(path, 'ErrorEquals');
  if (!Array.isArray(value) || value.length === 0 || !value.every((name) => typeof name === 'string')) {
    return [schema(at, state, 'ErrorEquals', Messages.mustBe('ErrorEquals', 'a non-empty array of error names'))];
  }
  if (!value.includes(ALL_ERRORS)) return [];
  if (value.length > 1) return [schema(at, state, 'ErrorEquals', `'${ALL_ERRORS}' must appear alone in 'ErrorEquals'`)];
  if (!isLast) return [schema(at, state, 'ErrorEquals', `'${ALL_ERRORS}' must appear in the last element only`)];
  return [];
};

const checkRetrierValues = (retrier: Record<string, unknown>, path: string, state: string): DefinitionProblem[] => {
  const numeric = [
    { field: 'IntervalSeconds', min: 1, max: MAX_SECONDS, integer: true },
    { field: 'MaxAttempts', min: 0, max: MAX_SECONDS, integer: true },
    { field: 'BackoffRate', min: 1, integer: false },
    { field: 'MaxDelaySeconds', min: 1, max: MAX_DELAY_SECONDS, integer: true },
  ].filter(({ field }) => Object.hasOwn(retrier, field));
  const numberProblems = numeric.flatMap(({ field, ...rule }) =>
    checkNumber({ ...rule, value: retrier[field], path: child(path, field), state, field, allowExpression: false }),
  );
  const jitter = Object.hasOwn(retrier, 'JitterStrategy') && !JITTER_STRATEGIES.has(retrier.JitterStrategy)
    ? [schema(child(path, 'JitterStrategy'), state, 'JitterStrategy', Messages.mustBe('JitterStrategy', 'FULL or NONE'))]
    : [];
  return [...numberProblems, ...jitter];
};

const checkCatcherNext = (catcher: Record<string, unknown>, path: string, state: string): DefinitionProblem[] =>
  typeof catcher.Next === 'string' || !Object.hasOwn(catcher, 'Next')
    ? []
    : [schema(child(path, 'Next'), state, 'Next', Messages.mustBe('Next', 'a state name'))];

const checkElement = (kind: Kind, element: unknown, path: string, ref: StateRef, isLast: boolean): DefinitionProblem[] => {
  if (!isObject(element)) return [schema(path, ref.name, kind, Messages.mustBe(kind, 'an array of objects'))];
  const allowed = kind === 'Retry' ? RETRIER_FIELDS : CATCHER_FIELDS;
  const required = kind === 'Retry' ? ['ErrorEquals'] : ['ErrorEquals', 'Next'];
  const jsonPathOnly = new Set(['ResultPath']);
  return [
    ...checkKeys({ object: element, path, state: ref.name, allowed, jsonPathOnly, required }),
    ...(Object.hasOwn(element, 'ErrorEquals') ? checkErrorEquals(element.ErrorEquals, path, ref.name, isLast) : []),
    ...(kind === 'Retry' ? checkRetrierValues(element, path, ref.name) : checkCatcherNext(element, path, ref.name)),
  ];
};

const checkList = (kind: Kind, ref: StateRef): DefinitionProblem[] => {
  if (!Object.hasOwn(ref.body, kind)) return [];
  const list = ref.body[kind];
  const path = child(ref.path, kind);
  if (!Array.isArray(list)) return [schema(path, ref.name, kind, Messages.mustBe(kind, 'an array'))];
  return list.flatMap((element, index) => checkElement(kind, element, indexed(path, index), ref, index === list.length - 1));
};

const checkRetryAndCatch = (ref: StateRef): DefinitionProblem[] => [...checkList('Retry', ref), ...checkList('Catch', ref)];

export { checkRetryAndCatch };
