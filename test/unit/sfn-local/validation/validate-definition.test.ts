import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatProblems, validateDefinition } from '#sfn-local/validation/index';
import { ASSIGN, FIELDS, JSONATA, QUERY_LANGUAGE, RETRY_CATCH, STRUCTURE, UNSUPPORTED, lambda, machine, type InvalidCase } from './cases.ts';

const VALID_DIR = join(import.meta.dirname, 'fixtures', 'valid');
const validFixtures = readdirSync(VALID_DIR).map((file) => ({ file, definition: readFileSync(join(VALID_DIR, file), 'utf8') }));

const codesAndPaths = (definition: string) => validateDefinition(definition).map(({ code, path }) => [code, path]);

describe('validateDefinition: definitions AWS and the runtime accept', () => {
  it.each(validFixtures)('accepts $file', ({ definition }) => {
    // Act
    const problems = validateDefinition(definition);

    // Assess
    expect(problems).toEqual([]);
  });

  it.each([
    { name: 'TimeoutSeconds and HeartbeatSeconds as expressions', state: lambda({ TimeoutSeconds: '{% $deadline %}', HeartbeatSeconds: '{% 60 %}' }) },
    { name: 'a string that only contains "{%"', state: { Type: 'Pass', Output: { text: 'not {% an expression' }, End: true } },
    { name: 'names nested in predicates and lambdas', state: { Type: 'Pass', Output: '{% $map($states.input.items[price > 3], function($v) { $v.name }) %}', End: true } },
    { name: 'a Unicode variable name', state: { Type: 'Pass', Assign: { résumé_1: '{% $states.input %}' }, End: true } },
    { name: 'a reference to a variable no state assigns (AWS only warns)', state: { Type: 'Pass', Output: '{% $neverAssigned %}', End: true } },
  ])('accepts $name', ({ state }) => {
    // Prepare
    const definition = machine({ A: state });

    // Act
    const problems = validateDefinition(definition);

    // Assess
    expect(problems).toEqual([]);
  });
});

describe.each([
  { group: 'structure and transitions', cases: STRUCTURE },
  { group: 'QueryLanguage', cases: QUERY_LANGUAGE },
  { group: 'fields per state type', cases: FIELDS },
  { group: 'Retry and Catch', cases: RETRY_CATCH },
  { group: 'JSONata expressions', cases: JSONATA },
  { group: 'Assign', cases: ASSIGN },
  { group: 'features the runtime does not execute', cases: UNSUPPORTED },
])('validateDefinition: $group', ({ cases }: { cases: InvalidCase[] }) => {
  it.each(cases)('refuses $name', ({ definition, expected }) => {
    // Act
    const found = codesAndPaths(definition);

    // Assess
    expect(found).toEqual(expected);
  });
});

describe('validateDefinition: problems name the state and the field', () => {
  it.each([
    { definition: machine({ T: lambda({ Resource: 'arn:aws:states:::sqs:sendMessage' }) }), state: 'T', field: 'Resource' },
    { definition: machine({ A: { Type: 'Pass', TimeoutSeconds: 3, End: true } }), state: 'A', field: 'TimeoutSeconds' },
    { definition: machine({ A: { Type: 'Pass', Output: '{% 1 + %}', End: true } }), state: 'A', field: 'Output' },
  ])('names $state and $field', ({ definition, state, field }) => {
    // Act
    const [first] = validateDefinition(definition);

    // Assess
    expect(first).toMatchObject({ state, field });
  });

  it('carries the JSONata parser message without its code', () => {
    // Prepare
    const definition = machine({ A: { Type: 'Pass', Output: '{% 1 + %}', End: true } });

    // Act
    const [first] = validateDefinition(definition);

    // Assess
    expect(first.message).toBe('Unexpected end of expression');
  });
});

describe('formatProblems', () => {
  it.each([
    {
      name: 'joins several problems as AWS does',
      definition: machine({ pass1: { Type: 'Pass', Next: 'pass3' }, pass2: { Type: 'Pass', End: true } }, {}, 'pass1'),
      message: `Invalid State Machine Definition: 'MISSING_TRANSITION_TARGET: Missing 'Next' target: pass3 at /States/pass1/Next, MISSING_TRANSITION_TARGET: State "pass2" is not reachable. at /States/pass2'`,
    },
    {
      name: 'writes "null" for a problem without a location',
      definition: machine({ A: { Type: 'Pass', Next: 'B' }, B: { Type: 'Pass', Next: 'A' } }),
      message: `Invalid State Machine Definition: 'MISSING_END_STATE: Workflow has no terminal state at null'`,
    },
    {
      name: 'quotes a JSONata-only violation as AWS words it',
      definition: machine({ A: { Type: 'Pass', InputPath: '$', End: true } }),
      message: `Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: The QueryLanguage is set to 'JSONata', but field 'InputPath' is only supported for the 'JSONPath' QueryLanguage at /States/A'`,
    },
  ])('$name', ({ definition, message }) => {
    // Prepare
    const problems = validateDefinition(definition);

    // Act
    const formatted = formatProblems(problems);

    // Assess
    expect(formatted).toBe(message);
  });
});
