import { isObject } from './json.ts';
import { Messages } from './messages.ts';
import { child, indexed } from './pointer.ts';
import { ProblemCode, problem, type DefinitionProblem } from './problems.ts';
import type { StateRef } from './state-ref.ts';

// AWS Developer Guide, "Passing data between states with variables" § Variable name syntax:
// names follow Unicode identifier rules (UAX #31: ID_Start then ID_Continue characters), at most
// 80 characters, and "states" is the one reserved variable ($states).
const VARIABLE_NAME = /^\p{ID_Start}\p{ID_Continue}*$/u;
const MAX_VARIABLE_NAME_LENGTH = 80;
const RESERVED_VARIABLES: ReadonlySet<string> = new Set(['states']);

const nameProblem = (name: string): string | undefined => {
  if (RESERVED_VARIABLES.has(name)) return `Variable name '${name}' is reserved`;
  if ([...name].length > MAX_VARIABLE_NAME_LENGTH) return `Variable name '${name}' is longer than ${MAX_VARIABLE_NAME_LENGTH} characters`;
  if (!VARIABLE_NAME.test(name)) return `Variable name '${name}' is not a valid identifier`;
  return undefined;
};

const checkAssignObject = (assign: unknown, path: string, state: string): DefinitionProblem[] => {
  if (assign === undefined) return [];
  if (!isObject(assign)) {
    return [problem({ code: ProblemCode.SchemaValidationFailed, message: Messages.mustBe('Assign', 'an object'), path, state, field: 'Assign' })];
  }
  return Object.keys(assign).flatMap((name) => {
    const message = nameProblem(name);
    return message === undefined
      ? []
      : [problem({ code: ProblemCode.SchemaValidationFailed, message, path: child(path, name), state, field: 'Assign' })];
  });
};

const assignLocations = (ref: StateRef): { value: unknown; path: string }[] => {
  const nested = (list: unknown, field: string) =>
    Array.isArray(list)
      ? list.map((element, index) => ({
          value: isObject(element) ? element.Assign : undefined,
          path: child(indexed(child(ref.path, field), index), 'Assign'),
        }))
      : [];
  return [
    { value: ref.body.Assign, path: child(ref.path, 'Assign') },
    ...nested(ref.body.Choices, 'Choices'),
    ...nested(ref.body.Catch, 'Catch'),
  ];
};

const checkAssign = (ref: StateRef): DefinitionProblem[] =>
  assignLocations(ref).flatMap(({ value, path }) => checkAssignObject(value, path, ref.name));

export { checkAssign };
