// Warnings: definitions AWS accepts whose behaviour a reader may misjudge. They never block creation.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { definitionWarnings, validateDefinition } from '#sfn-local/validation/index';
import { machine } from './cases.ts';

const choice = (extra: Record<string, unknown>) => ({ Type: 'Choice', Choices: [{ Condition: '{% true %}', Next: 'B' }], Default: 'B', ...extra });
const done = { Type: 'Succeed' };

describe('definitionWarnings: a Choice state with a state-level Assign or Output', () => {
  it.each([
    { case: 'Assign', state: choice({ Assign: { x: 1 } }), expected: [['CHOICE_DEFAULT_ONLY_FIELD', '/States/A/Assign']] },
    { case: 'Output', state: choice({ Output: { x: 1 } }), expected: [['CHOICE_DEFAULT_ONLY_FIELD', '/States/A/Output']] },
    {
      case: 'both',
      state: choice({ Assign: { x: 1 }, Output: 2 }),
      expected: [
        ['CHOICE_DEFAULT_ONLY_FIELD', '/States/A/Assign'],
        ['CHOICE_DEFAULT_ONLY_FIELD', '/States/A/Output'],
      ],
    },
    { case: 'neither (rule-level fields only)', state: { ...choice({}), Choices: [{ Condition: '{% true %}', Next: 'B', Assign: { x: 1 }, Output: 2 }] }, expected: [] },
  ])('$case', ({ state, expected }) => {
    // Prepare
    const definition = machine({ A: state, B: done });
    // Act
    const warnings = definitionWarnings(definition).map(({ code, path }) => [code, path]);
    // Assess: a warning, not an error, as AWS accepts the definition.
    expect(warnings).toEqual(expected);
    expect(validateDefinition(definition)).toEqual([]);
  });

  it('finds one inside a Map processor and a Parallel branch', () => {
    // Prepare
    const inner = { StartAt: 'C', States: { C: choice({ Assign: { y: 1 } }), B: done } };
    const definition = machine({
      P: { Type: 'Parallel', Branches: [inner], Next: 'M' },
      M: { Type: 'Map', ItemProcessor: inner, End: true },
    });
    // Act
    const paths = definitionWarnings(definition).map(({ path }) => path);
    // Assess
    expect(paths).toEqual(['/States/P/Branches[0]/States/C/Assign', '/States/M/ItemProcessor/States/C/Assign']);
  });
});

describe("The project's state machines", () => {
  const folder = join(import.meta.dirname, '../../../../statemachines');
  const files = readdirSync(folder).filter((file) => file.endsWith('.asl.json'));

  it('exist', () => {
    // Assess
    expect(files.length).toBeGreaterThan(0);
  });

  // Deployment defect (issue 11): ResumeCycle read $cycleId that only the RouteByResumeAt
  // Choice's state-level Assign set, which AWS applies only when Default is taken.
  it.each(files)('%s: no Choice state carries a state-level Assign or Output', (file) => {
    // Prepare
    const definition = readFileSync(join(folder, file), 'utf8');
    // Act
    const warnings = definitionWarnings(definition);
    // Assess
    expect(warnings.map(({ path }) => path)).toEqual([]);
  });
});
