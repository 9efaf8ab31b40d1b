import { TOP_LEVEL_FIELDS } from './field-tables.ts';
import { isObject } from './json.ts';
import { checkKeys } from './keys.ts';
import { checkNumber } from './numbers.ts';
import { ProblemCode, problem, type DefinitionProblem } from './problems.ts';
import { checkMachineQueryLanguage, machineLanguage } from './query-language.ts';
import { validateScope, type ScopeResult } from './scope.ts';

const ROOT = '/';
const MAX_EXECUTION_SECONDS = 99_999_999;

const parse = (definition: string): { value?: unknown; problems: DefinitionProblem[] } => {
  if (definition.trim() === '') {
    return { problems: [problem({ code: ProblemCode.MissingDescription, message: 'Received a null or empty workflow input', path: '' })] };
  }
  try {
    return { value: JSON.parse(definition), problems: [] };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { problems: [problem({ code: ProblemCode.InvalidJson, message, path: '' })] };
  }
};

// ASL: "State names MUST be unique within the scope of the whole state machine", nested
// Parallel branches and Map processors included.
const duplicateNames = ({ names }: ScopeResult): DefinitionProblem[] => {
  const seen = new Set<string>();
  return names.flatMap(({ name, path }) => {
    if (!seen.has(name)) {
      seen.add(name);
      return [];
    }
    return [problem({ code: ProblemCode.DuplicateStateName, message: `Duplicate state name: ${name}`, path, state: name })];
  });
};

const checkTopLevel = (machine: Record<string, unknown>): DefinitionProblem[] => [
  ...checkKeys({ object: machine, path: ROOT, allowed: TOP_LEVEL_FIELDS, required: ['StartAt', 'States'] }),
  ...checkMachineQueryLanguage(machine.QueryLanguage),
  ...(Object.hasOwn(machine, 'TimeoutSeconds')
    ? checkNumber({ value: machine.TimeoutSeconds, path: '/TimeoutSeconds', field: 'TimeoutSeconds', min: 1, max: MAX_EXECUTION_SECONDS, integer: true, allowExpression: false })
    : []),
];

const validateMachine = (definition: string): DefinitionProblem[] => {
  const { value, problems } = parse(definition);
  if (problems.length > 0) return problems;
  if (!isObject(value)) {
    return [problem({ code: ProblemCode.SchemaValidationFailed, message: 'The state machine definition must be a JSON object', path: ROOT })];
  }
  const scope = validateScope({ path: ROOT, body: value }, machineLanguage(value.QueryLanguage));
  return [...checkTopLevel(value), ...scope.problems, ...duplicateNames(scope)];
};

export { validateMachine };
