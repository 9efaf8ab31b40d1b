import { TRANSITIONING_TYPES } from './field-tables.ts';
import { Messages } from './messages.ts';
import { child } from './pointer.ts';
import { ProblemCode, problem, type DefinitionProblem } from './problems.ts';
import type { StateRef } from './state-ref.ts';

// ASL: a Pass, Task, Wait, Parallel or Map state has exactly one of "Next" or "End": true.
// Choice, Succeed and Fail refuse both through the field table.
const checkFlow = (ref: StateRef): DefinitionProblem[] => {
  if (!TRANSITIONING_TYPES.has(ref.type)) return [];
  const { Next: next, End: end } = ref.body;
  const hasNext = next !== undefined;
  const hasEnd = end !== undefined;
  const schema = (path: string, field: string, message: string) =>
    problem({ code: ProblemCode.SchemaValidationFailed, message, path, state: ref.name, field });
  if (hasNext && hasEnd) return [schema(ref.path, 'End', Messages.onlyOne(['End', 'Next']))];
  if (hasEnd && end !== true) return [schema(child(ref.path, 'End'), 'End', Messages.mustBe('End', 'true'))];
  if (hasNext && typeof next !== 'string') return [schema(child(ref.path, 'Next'), 'Next', Messages.mustBe('Next', 'a state name'))];
  if (!hasNext && !hasEnd) return [schema(ref.path, 'Next', Messages.exactlyOne(['Next', 'End']))];
  return [];
};

export { checkFlow };
