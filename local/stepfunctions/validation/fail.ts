import { Messages } from './messages.ts';
import { child } from './pointer.ts';
import { ProblemCode, problem, type DefinitionProblem } from './problems.ts';
import type { StateRef } from './state-ref.ts';

// ASL: Fail "Error" and "Cause" are strings (a literal or, in JSONata, an expression).
const checkFail = (ref: StateRef): DefinitionProblem[] =>
  (['Error', 'Cause'] as const)
    .filter((field) => Object.hasOwn(ref.body, field) && typeof ref.body[field] !== 'string')
    .map((field) =>
      problem({
        code: ProblemCode.SchemaValidationFailed,
        message: Messages.mustBe(field, 'a string'),
        path: child(ref.path, field),
        state: ref.name,
        field,
      }),
    );

export { checkFail };
