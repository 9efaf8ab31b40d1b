import { isExpression } from './json.ts';
import { Messages } from './messages.ts';
import { checkNumber } from './numbers.ts';
import { child } from './pointer.ts';
import { ProblemCode, problem, type DefinitionProblem } from './problems.ts';
import type { StateRef } from './state-ref.ts';

const MAX_WAIT_SECONDS = 99_999_999;
// ASL: a Timestamp literal is RFC 3339 with an uppercase "T" and, when UTC, an uppercase "Z".
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/u;

const checkTimestamp = (ref: StateRef): DefinitionProblem[] => {
  const value = ref.body.Timestamp;
  if (isExpression(value) || (typeof value === 'string' && RFC3339.test(value) && !Number.isNaN(Date.parse(value)))) return [];
  return [
    problem({
      code: ProblemCode.SchemaValidationFailed,
      message: Messages.mustBe('Timestamp', 'an RFC 3339 timestamp or a JSONata expression'),
      path: child(ref.path, 'Timestamp'),
      state: ref.name,
      field: 'Timestamp',
    }),
  ];
};

// ASL: a Wait state has exactly one of Seconds or Timestamp (the *Path forms are JSONPath-only).
const checkWait = (ref: StateRef): DefinitionProblem[] => {
  const present = ['Seconds', 'Timestamp'].filter((field) => Object.hasOwn(ref.body, field));
  if (present.length !== 1) {
    const message = present.length === 0 ? Messages.exactlyOne(['Seconds', 'Timestamp']) : Messages.onlyOne(['Seconds', 'Timestamp']);
    return [problem({ code: ProblemCode.SchemaValidationFailed, message, path: ref.path, state: ref.name, field: 'Seconds' })];
  }
  if (present[0] === 'Timestamp') return checkTimestamp(ref);
  return checkNumber({
    value: ref.body.Seconds,
    path: child(ref.path, 'Seconds'),
    state: ref.name,
    field: 'Seconds',
    min: 0,
    max: MAX_WAIT_SECONDS,
    integer: true,
    allowExpression: true,
  });
};

export { checkWait };
