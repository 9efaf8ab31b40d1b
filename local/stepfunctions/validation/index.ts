import { formatProblems } from './format.ts';
import { validateMachine } from './machine.ts';
import type { DefinitionProblem } from './problems.ts';
import { definitionWarnings } from './warnings.ts';

// Validates a definition as CreateStateMachine / UpdateStateMachine do, plus the refusals of
// features this runtime does not execute (code UNSUPPORTED_FEATURE). Returns [] when valid.
const validateDefinition = (definition: string): DefinitionProblem[] => validateMachine(definition);

export { validateDefinition, definitionWarnings, formatProblems };
export type { DefinitionProblem };
