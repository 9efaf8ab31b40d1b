import { isObject, type JsonObject } from './json.ts';
import { Messages } from './messages.ts';
import { child, indexed } from './pointer.ts';
import { ProblemCode, problem, type DefinitionProblem } from './problems.ts';

interface Scope {
  // Location of the object holding StartAt and States: "/" for the machine, "/States/P/Branches[0]" for a branch.
  path: string;
  startAt: unknown;
  states: JsonObject;
}

interface Transition {
  from: string;
  target: unknown;
  path: string;
}

const statePath = (scope: Scope, name: string): string => child(child(scope.path, 'States'), name);

const listTargets = (list: unknown, base: string, field: string, from: string): Transition[] =>
  Array.isArray(list)
    ? list.map((element, index) => ({ from, target: isObject(element) ? element.Next : undefined, path: child(indexed(child(base, field), index), 'Next') }))
    : [];

// Every way a state names another: Next, a Choice Rule's Next, Default, a Catcher's Next.
const transitionsOf = (scope: Scope, name: string, state: unknown): Transition[] => {
  if (!isObject(state)) return [];
  const base = statePath(scope, name);
  const direct = (['Next', 'Default'] as const)
    .filter((field) => state[field] !== undefined)
    .map((field) => ({ from: name, target: state[field], path: child(base, field) }));
  return [...direct, ...listTargets(state.Choices, base, 'Choices', name), ...listTargets(state.Catch, base, 'Catch', name)].filter(
    ({ target }) => typeof target === 'string',
  );
};

const isTerminal = (state: unknown): boolean =>
  isObject(state) && (state.Type === 'Succeed' || state.Type === 'Fail' || state.End === true);

// AWS reports a missing StartAt target with the same words as a missing Next:
// "MISSING_TRANSITION_TARGET: Missing 'Next' target: X at /StartAt" (serverless-step-functions#250).
const missingTargets = (scope: Scope, transitions: Transition[]): DefinitionProblem[] => {
  const start = typeof scope.startAt === 'string' && !Object.hasOwn(scope.states, scope.startAt)
    ? [problem({ code: ProblemCode.MissingTransitionTarget, message: Messages.missingNext(scope.startAt), path: child(scope.path, 'StartAt'), field: 'StartAt' })]
    : [];
  const dangling = transitions
    .filter(({ target }) => !Object.hasOwn(scope.states, target as string))
    .map(({ from, target, path }) =>
      problem({ code: ProblemCode.MissingTransitionTarget, message: Messages.missingNext(target as string), path, state: from, field: 'Next' }),
    );
  return [...start, ...dangling];
};

// AWS's notion of "reachable" is "named by StartAt or by some transition", not a walk from
// StartAt: with StartAt missing, only states nothing names are reported (cfn-lint#4074 quotes
// AWS flagging "Pass One" but not the "Success" it points to).
const referencedNames = (scope: Scope, transitions: Transition[]): Set<string> =>
  new Set([...(typeof scope.startAt === 'string' ? [scope.startAt] : []), ...transitions.map(({ target }) => target as string)]);

// Measured on AWS (floci-io/floci#2786): with no terminal state anywhere, AWS reports only
// MISSING_END_STATE (no location) and skips the reachability walk; otherwise every state that
// nothing names is "not reachable". A Next may not leave its own branch or Map scope.
const checkGraph = (scope: Scope): DefinitionProblem[] => {
  const names = Object.keys(scope.states);
  const transitions = names.flatMap((name) => transitionsOf(scope, name, scope.states[name]));
  const missing = missingTargets(scope, transitions);
  if (!names.some((name) => isTerminal(scope.states[name]))) {
    return [...missing, problem({ code: ProblemCode.MissingEndState, message: Messages.noTerminalState(), path: scope.path === '/' ? '' : scope.path })];
  }
  const reached = referencedNames(scope, transitions);
  const unreachable = names
    .filter((name) => !reached.has(name))
    .map((name) => problem({ code: ProblemCode.MissingTransitionTarget, message: Messages.unreachable(name), path: statePath(scope, name), state: name }));
  return [...missing, ...unreachable];
};

export { checkGraph, statePath };
export type { Scope };
