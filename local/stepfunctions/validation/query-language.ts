import { Messages } from './messages.ts';
import { child } from './pointer.ts';
import { ProblemCode, problem, type DefinitionProblem } from './problems.ts';

const QueryLanguage = { JSONata: 'JSONata', JSONPath: 'JSONPath' } as const;
type QueryLanguage = (typeof QueryLanguage)[keyof typeof QueryLanguage];

const isQueryLanguage = (value: unknown): value is QueryLanguage => value === 'JSONata' || value === 'JSONPath';

// ASL: a state without QueryLanguage inherits the machine's, which defaults to JSONPath.
// States nested in Map/Parallel inherit the machine's, not the enclosing state's (floci-io/floci#2968).
const isJsonata = (state: Record<string, unknown>, machine: QueryLanguage): boolean =>
  (state.QueryLanguage ?? machine) === QueryLanguage.JSONata;

const invalidValue = (path: string, state?: string): DefinitionProblem =>
  problem({
    code: ProblemCode.SchemaValidationFailed,
    message: Messages.mustBe('QueryLanguage', 'JSONata or JSONPath'),
    path: child(path, 'QueryLanguage'),
    state,
    field: 'QueryLanguage',
  });

const checkStateQueryLanguage = (
  state: Record<string, unknown>,
  path: string,
  name: string,
  machine: QueryLanguage,
): DefinitionProblem[] => {
  const value = state.QueryLanguage;
  if (value === undefined) return [];
  if (!isQueryLanguage(value)) return [invalidValue(path, name)];
  if (value === QueryLanguage.JSONPath && machine === QueryLanguage.JSONata) {
    return [problem({ code: ProblemCode.SchemaValidationFailed, message: Messages.jsonPathStateInJsonataMachine(), path, state: name, field: 'QueryLanguage' })];
  }
  return [];
};

// The runtime evaluates JSONata only, so a JSONPath machine (including one that omits
// QueryLanguage) is refused as a whole; JSONata states inside it are still checked in full.
const checkMachineQueryLanguage = (value: unknown): DefinitionProblem[] => {
  if (value !== undefined && !isQueryLanguage(value)) return [invalidValue('/')];
  if (value === QueryLanguage.JSONata) return [];
  return [
    problem({
      code: ProblemCode.UnsupportedFeature,
      message: `QueryLanguage 'JSONPath' is not supported by the local runtime; set "QueryLanguage": "JSONata" at the top level`,
      path: '/QueryLanguage',
      field: 'QueryLanguage',
    }),
  ];
};

const machineLanguage = (value: unknown): QueryLanguage => (value === QueryLanguage.JSONata ? QueryLanguage.JSONata : QueryLanguage.JSONPath);

export { QueryLanguage, isJsonata, checkStateQueryLanguage, checkMachineQueryLanguage, machineLanguage };
