import { checkGraph, statePath, type Scope } from './graph.ts';
import { isObject } from './json.ts';
import { Messages } from './messages.ts';
import { child, indexed } from './pointer.ts';
import { ProblemCode, problem, type DefinitionProblem } from './problems.ts';
import type { QueryLanguage } from './query-language.ts';
import { validateState } from './state.ts';
import { processorField } from './map.ts';
import type { StateRef } from './state-ref.ts';

// ASL: state names are at most 80 Unicode characters.
const MAX_STATE_NAME_LENGTH = 80;

interface Container {
  path: string;
  body: Record<string, unknown>;
}

interface ScopeResult {
  problems: DefinitionProblem[];
  // Every state name with its location, nested scopes included, for the machine-wide uniqueness rule.
  names: { name: string; path: string }[];
}

const nestedContainers = (path: string, state: unknown): Container[] => {
  if (!isObject(state)) return [];
  if (state.Type === 'Parallel' && Array.isArray(state.Branches)) {
    return state.Branches.flatMap((branch, index) => (isObject(branch) ? [{ path: indexed(child(path, 'Branches'), index), body: branch }] : []));
  }
  if (state.Type === 'Map') {
    const field = processorField({ body: state } as StateRef);
    const processor = state[field];
    return isObject(processor) ? [{ path: child(path, field), body: processor }] : [];
  }
  return [];
};

const checkContainerShape = ({ path, body }: Container): DefinitionProblem[] => {
  const schema = (field: string, message: string) =>
    problem({ code: ProblemCode.SchemaValidationFailed, message, path: child(path, field), field });
  const startAt = body.StartAt === undefined || typeof body.StartAt === 'string' ? [] : [schema('StartAt', Messages.mustBe('StartAt', 'a state name'))];
  const states = body.States === undefined || (isObject(body.States) && Object.keys(body.States).length > 0)
    ? []
    : [schema('States', Messages.mustBe('States', 'a non-empty object'))];
  return [...startAt, ...states];
};

const checkName = (name: string, path: string): DefinitionProblem[] =>
  [...name].length > MAX_STATE_NAME_LENGTH
    ? [problem({ code: ProblemCode.InvalidStateName, message: `State name is longer than ${MAX_STATE_NAME_LENGTH} characters: ${name}`, path, state: name })]
    : [];

// Validates one StartAt/States container and, recursively, the branches and item processors
// inside it; each nested container is its own scope for transitions.
const validateScope = (container: Container, language: QueryLanguage): ScopeResult => {
  const shape = checkContainerShape(container);
  if (!isObject(container.body.States) || Object.keys(container.body.States).length === 0) return { problems: shape, names: [] };
  const scope: Scope = { path: container.path, startAt: container.body.StartAt, states: container.body.States };
  const results = Object.entries(scope.states).map(([name, body]) => {
    const path = statePath(scope, name);
    const own = [...checkName(name, path), ...validateState({ name, path, body, machineLanguage: language })];
    const nested = nestedContainers(path, body).map((inner) => validateScope(inner, language));
    return {
      problems: [...own, ...nested.flatMap((result) => result.problems)],
      names: [{ name, path }, ...nested.flatMap((result) => result.names)],
    };
  });
  return {
    problems: [...shape, ...results.flatMap((result) => result.problems), ...checkGraph(scope)],
    names: results.flatMap((result) => result.names),
  };
};

export { validateScope, nestedContainers };
export type { Container, ScopeResult };
