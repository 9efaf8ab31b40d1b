import { BRANCH_FIELDS } from './field-tables.ts';
import { isObject } from './json.ts';
import { checkKeys } from './keys.ts';
import { Messages } from './messages.ts';
import { child, indexed } from './pointer.ts';
import { ProblemCode, problem, type DefinitionProblem } from './problems.ts';
import type { StateRef } from './state-ref.ts';

const checkParallel = (ref: StateRef): DefinitionProblem[] => {
  const branches = ref.body.Branches;
  const path = child(ref.path, 'Branches');
  if (branches === undefined) return [];
  if (!Array.isArray(branches) || branches.length === 0) {
    return [
      problem({
        code: ProblemCode.SchemaValidationFailed,
        message: Messages.mustBe('Branches', 'a non-empty array'),
        path,
        state: ref.name,
        field: 'Branches',
      }),
    ];
  }
  return branches.flatMap((branch, index) => {
    const at = indexed(path, index);
    if (!isObject(branch)) {
      return [problem({ code: ProblemCode.SchemaValidationFailed, message: Messages.mustBe('Branches', 'an array of objects'), path: at, state: ref.name, field: 'Branches' })];
    }
    return checkKeys({ object: branch, path: at, state: ref.name, allowed: BRANCH_FIELDS, required: ['StartAt', 'States'] });
  });
};

export { checkParallel };
