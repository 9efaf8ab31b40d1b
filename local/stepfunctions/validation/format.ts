import type { DefinitionProblem } from './problems.ts';

// AWS's InvalidDefinition message: every diagnostic as "<CODE>: <message> at <location>", joined
// with ", " inside one quoted list, and "null" for a diagnostic without a location, e.g.
// "Invalid State Machine Definition: 'MISSING_TRANSITION_TARGET: Missing 'Next' target: pass3 at
// /States/pass1/Next, MISSING_TRANSITION_TARGET: State "pass2" is not reachable. at /States/pass2'"
// (localstack/localstack#12487 and floci-io/floci#2735 quote AWS verbatim).
const formatProblem = ({ code, message, path }: DefinitionProblem): string => `${code}: ${message} at ${path === '' ? 'null' : path}`;

const formatProblems = (problems: DefinitionProblem[]): string =>
  `Invalid State Machine Definition: '${problems.map(formatProblem).join(', ')}'`;

export { formatProblems };
