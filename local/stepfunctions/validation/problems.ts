// Diagnostic codes Step Functions itself uses, from the ValidateStateMachineDefinitionDiagnostic
// API reference (docs.aws.amazon.com/step-functions/latest/apireference/API_ValidateStateMachineDefinitionDiagnostic.html),
// plus the two JSONata codes AWS returns at creation (INVALID_JSONATA_EXPRESSION,
// UNSUPPORTED_JSONATA_EXPRESSION; measured against AWS in floci-io/floci#2745 and #2670).
// UNSUPPORTED_FEATURE is this runtime's own: valid ASL that the local interpreter does not execute.
const ProblemCode = {
  InvalidJson: 'INVALID_JSON_DESCRIPTION',
  MissingDescription: 'MISSING_DESCRIPTION',
  SchemaValidationFailed: 'SCHEMA_VALIDATION_FAILED',
  InvalidResource: 'INVALID_RESOURCE',
  MissingEndState: 'MISSING_END_STATE',
  DuplicateStateName: 'DUPLICATE_STATE_NAME',
  InvalidStateName: 'INVALID_STATE_NAME',
  MissingTransitionTarget: 'MISSING_TRANSITION_TARGET',
  InvalidJsonataExpression: 'INVALID_JSONATA_EXPRESSION',
  UnsupportedJsonataExpression: 'UNSUPPORTED_JSONATA_EXPRESSION',
  UnsupportedFeature: 'UNSUPPORTED_FEATURE',
} as const;

type ProblemCode = (typeof ProblemCode)[keyof typeof ProblemCode];

interface DefinitionProblem {
  code: string;
  message: string;
  path: string;
  state?: string;
  field?: string;
}

interface ProblemInit {
  code: ProblemCode;
  message: string;
  path: string;
  state?: string;
  field?: string;
}

const problem = ({ code, message, path, state, field }: ProblemInit): DefinitionProblem => ({
  code,
  message,
  path,
  ...(state === undefined ? {} : { state }),
  ...(field === undefined ? {} : { field }),
});

export { ProblemCode, problem };
export type { DefinitionProblem, ProblemInit };
