import { Messages } from './messages.ts';
import { child } from './pointer.ts';
import { ProblemCode, problem, type DefinitionProblem } from './problems.ts';
import type { JsonObject } from './json.ts';

interface KeyRules {
  object: JsonObject;
  path: string;
  state?: string;
  allowed: ReadonlySet<string>;
  jsonPathOnly?: ReadonlySet<string>;
  required?: readonly string[];
}

// AWS places "not supported" diagnostics on the object that holds the field, not on the field.
const checkKeys = ({ object, path, state, allowed, jsonPathOnly, required = [] }: KeyRules): DefinitionProblem[] => {
  const unknown = Object.keys(object)
    .filter((key) => !allowed.has(key))
    .map((key) =>
      problem({
        code: ProblemCode.SchemaValidationFailed,
        message: jsonPathOnly?.has(key) ? Messages.jsonPathOnly(key) : Messages.notSupported(key),
        path,
        state,
        field: key,
      }),
    );
  const missing = required
    .filter((key) => !Object.hasOwn(object, key))
    .map((key) =>
      problem({ code: ProblemCode.SchemaValidationFailed, message: Messages.required(key), path: child(path, key), state, field: key }),
    );
  return [...unknown, ...missing];
};

export { checkKeys };
export type { KeyRules };
