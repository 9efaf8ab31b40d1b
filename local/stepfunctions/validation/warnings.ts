// Definitions AWS accepts but that behave in a way a reader may not expect. They are reported with
// severity WARNING (ValidateStateMachineDefinition's diagnostics) and never block creation.
import { statePath } from './graph.ts';
import { isObject } from './json.ts';
import { child } from './pointer.ts';
import type { DefinitionProblem } from './problems.ts';
import { nestedContainers, type Container } from './scope.ts';

const WarningCode = {
  // The runtime's own code: AWS's diagnostic list has none for this case.
  ChoiceDefaultOnlyField: 'CHOICE_DEFAULT_ONLY_FIELD',
} as const;

// The developer guide reads as if a Choice state's own Assign applied whichever rule matched;
// AWS's recorded answers (localstack/localstack#12075, #13775) apply it, and the state-level
// Output, only when Default is taken. A definition that needs the values on every path should
// assign them in a Pass state before the Choice.
const choiceStateLevelFields = (name: string, path: string, state: Record<string, unknown>): DefinitionProblem[] =>
  state.Type !== 'Choice'
    ? []
    : (['Assign', 'Output'] as const)
        .filter((field) => Object.hasOwn(state, field))
        .map((field) => ({
          code: WarningCode.ChoiceDefaultOnlyField,
          message: `The state-level ${field} of Choice state '${name}' applies only when Default is taken, not when a rule matches; set it in a Pass state before the Choice, or in each rule`,
          path: child(path, field),
          state: name,
          field,
        }));

const containerWarnings = (container: Container): DefinitionProblem[] => {
  const states = container.body.States;
  if (!isObject(states)) return [];
  const scope = { path: container.path, startAt: container.body.StartAt, states };
  return Object.entries(states).flatMap(([name, state]) => {
    if (!isObject(state)) return [];
    const path = statePath(scope, name);
    return [...choiceStateLevelFields(name, path, state), ...nestedContainers(path, state).flatMap(containerWarnings)];
  });
};

/** Warnings for a definition that parses; [] for one that does not (its errors say why). */
const definitionWarnings = (definition: string): DefinitionProblem[] => {
  let value: unknown;
  try {
    value = JSON.parse(definition);
  } catch {
    return [];
  }
  return isObject(value) ? containerWarnings({ path: '/', body: value }) : [];
};

export { definitionWarnings, WarningCode };
