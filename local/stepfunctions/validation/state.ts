import { checkAssign } from './assign.ts';
import { checkChoice } from './choice.ts';
import { checkExpressions } from './expressions.ts';
import { checkFail } from './fail.ts';
import { ALLOWED_FIELDS, JSONPATH_ONLY_FIELDS, REQUIRED_FIELDS, isStateType, type StateType } from './field-tables.ts';
import { checkFlow } from './flow.ts';
import { isObject } from './json.ts';
import { checkKeys } from './keys.ts';
import { checkMap } from './map.ts';
import { Messages } from './messages.ts';
import { checkParallel } from './parallel.ts';
import { child } from './pointer.ts';
import { ProblemCode, problem, type DefinitionProblem } from './problems.ts';
import { checkRetryAndCatch } from './retry-catch.ts';
import type { StateRef } from './state-ref.ts';
import { checkArguments, checkTask } from './task.ts';
import { checkRuntimeSupport } from './unsupported.ts';
import { checkWait } from './wait.ts';
import { QueryLanguage, checkStateQueryLanguage, isJsonata } from './query-language.ts';

type Check = (ref: StateRef) => DefinitionProblem[];

const TYPE_CHECKS = {
  Pass: [],
  Task: [checkTask],
  Choice: [checkChoice],
  Wait: [checkWait],
  Succeed: [],
  Fail: [checkFail],
  Parallel: [checkParallel, checkArguments],
  Map: [checkMap],
} satisfies Record<StateType, Check[]>;

const checkFields: Check = (ref) =>
  checkKeys({
    object: ref.body,
    path: ref.path,
    state: ref.name,
    allowed: ALLOWED_FIELDS[ref.type],
    jsonPathOnly: JSONPATH_ONLY_FIELDS,
    required: REQUIRED_FIELDS[ref.type],
  });

// Full checks for JSONata states. A JSONPath state (only possible in a machine the runtime already
// refuses as a whole) gets the language-neutral checks, so JSONPath fields raise no false alarms.
const JSONATA_CHECKS: Check[] = [checkFields, checkFlow, checkRetryAndCatch, checkAssign, checkExpressions, checkRuntimeSupport];
const JSONPATH_CHECKS: Check[] = [checkFlow];

const checkType = (body: Record<string, unknown>, path: string, name: string): DefinitionProblem[] => {
  if (isStateType(body.Type)) return [];
  const message = body.Type === undefined ? Messages.required('Type') : Messages.mustBe('Type', `one of ${Object.keys(ALLOWED_FIELDS).join(', ')}`);
  return [problem({ code: ProblemCode.SchemaValidationFailed, message, path: child(path, 'Type'), state: name, field: 'Type' })];
};

interface StateInput {
  name: string;
  path: string;
  body: unknown;
  machineLanguage: QueryLanguage;
}

const validateState = ({ name, path, body, machineLanguage }: StateInput): DefinitionProblem[] => {
  if (!isObject(body)) {
    return [problem({ code: ProblemCode.SchemaValidationFailed, message: 'A state must be a JSON object', path, state: name })];
  }
  const typeProblems = checkType(body, path, name);
  if (typeProblems.length > 0) return typeProblems;
  const languageProblems = checkStateQueryLanguage(body, path, name, machineLanguage);
  const ref: StateRef = { name, path, body, type: body.Type as StateType, jsonata: isJsonata(body, machineLanguage) };
  const checks = ref.jsonata ? [...JSONATA_CHECKS, ...TYPE_CHECKS[ref.type]] : JSONPATH_CHECKS;
  return [...languageProblems, ...checks.flatMap((check) => check(ref))];
};

export { validateState };
export type { StateInput };
