// Wording copied from AWS diagnostics where it is documented (floci-io/floci#2735, #2968, #3733,
// #2786; serverless-step-functions#250); the rest follows the same terse style.
const Messages = {
  notSupported: (field: string) => `Field '${field}' is not supported`,
  jsonPathOnly: (field: string) =>
    `The QueryLanguage is set to 'JSONata', but field '${field}' is only supported for the 'JSONPath' QueryLanguage`,
  jsonPathStateInJsonataMachine: () => `'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine`,
  required: (field: string) => `Field '${field}' is required`,
  onlyOne: (fields: readonly string[]) => `There should only be one of the following fields: [${fields.join(', ')}]`,
  exactlyOne: (fields: readonly string[]) => `Exactly one of the following fields is required: [${fields.join(', ')}]`,
  minimum: (min: number) => `Minimum value is ${min}`,
  maximum: (max: number) => `Maximum value is ${max}`,
  mustBe: (field: string, what: string) => `Field '${field}' must be ${what}`,
  missingNext: (target: string) => `Missing 'Next' target: ${target}`,
  unreachable: (state: string) => `State "${state}" is not reachable.`,
  noTerminalState: () => 'Workflow has no terminal state',
  topLevelReference: (name: string) => `Reference to '${name}' at the top level is not supported.`,
} as const;

export { Messages };
