// The network set-up page's file checks in the browser: network.yaml located at its line by the
// core's parser, the wrong kind of file or an empty one named against its field, and the API's
// dry-run issues placed against the file each names (the browser's own network.yaml findings win).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { apiProblems, checkChosenFiles, FileField } from '../../../web/src/pages/network-files.ts';

const example = (name: string) => readFileSync(fileURLToPath(new URL(`../../../examples/networks/ccqi-accreditation-example/${name}`, import.meta.url)), 'utf8');
const yaml = example('network.yaml');
const csv = example('standards.csv');

describe('Function: checkChosenFiles', () => {
  it('sends good files to the dry run as the CLI does: network.yaml parsed, the CSV as text', async () => {
    // Act
    const checked = await checkChosenFiles({ network: new File([yaml], 'network.yaml'), standards: new File([csv], 'standards.csv') });

    // Assess
    expect(checked.problems).toEqual([]);
    expect(checked.networkId).toBe('ccqi-accreditation-example');
    expect(checked.body).toMatchObject({ network: { fileName: 'network.yaml', config: { id: 'ccqi-accreditation-example', thresholds: { type2: 80 } } }, standards: { fileName: 'standards.csv', text: csv } });
  });

  it('locates a network.yaml mistake at its line and still sends the document for the other files to be checked', async () => {
    // Prepare
    const broken = yaml.replace('type2: 80', 'type2: 180');
    const line = broken.split('\n').findIndex((text) => text.startsWith('thresholds:')) + 1;

    // Act
    const checked = await checkChosenFiles({ network: new File([broken], 'network.yaml'), standards: new File([csv], 'standards.csv') });

    // Assess
    expect(checked.problems).toEqual([{ field: FileField.network, text: expect.stringMatching(new RegExp(`^network\\.yaml, line ${line}, column \\d+, thresholds\\.type2: `)) }]);
    expect(checked.body?.network.config).toMatchObject({ thresholds: { type2: 180 } });
  });

  it('names the wrong kind of file, an empty file and reviewers.json that is not JSON against their fields', async () => {
    // Act
    const checked = await checkChosenFiles({
      network: new File([csv], 'standards.csv'),
      standards: new File(['\n'], 'standards.csv'),
      reviewers: new File(['{ "reviewers": ['], 'reviewers.json'),
    });

    // Assess
    expect(checked.body).toBeUndefined();
    expect(checked.problems).toEqual([
      { field: FileField.network, text: 'standards.csv is not the network configuration: choose a .yaml or .json file (network.yaml)' },
      { field: FileField.standards, text: 'standards.csv is empty: choose the file with the standards in it' },
      { field: FileField.reviewers, text: expect.stringMatching(/^reviewers\.json is not valid JSON: /) },
    ]);
  });
});

describe('Function: apiProblems', () => {
  const body = { network: { fileName: 'network.yaml', config: {} }, standards: { fileName: 'standards.csv', text: '' }, reviewers: { fileName: 'reviewers.json', content: {} } };
  const issues = [
    { file: 'network.yaml', field: 'network.yaml, thresholds.type2', message: 'Too big' },
    { file: 'standards.csv', field: 'standards.csv, row 2, line 3, column type', message: 'Type must be 1, 2 or 3' },
    { file: 'reviewers.json', field: 'reviewers.json, reviewers.0.email', message: 'Invalid email' },
    { field: 'startDate', message: 'the bank-holiday calendar ends in 2027' },
  ];

  it('puts each issue against the field of the file it names, and a start date issue against the date', () => {
    // Act
    const problems = apiProblems(issues, body, false);

    // Assess
    expect(problems).toEqual([
      { field: FileField.network, text: 'network.yaml, thresholds.type2: Too big' },
      { field: FileField.standards, text: 'standards.csv, row 2, line 3, column type: Type must be 1, 2 or 3' },
      { field: FileField.reviewers, text: 'reviewers.json, reviewers.0.email: Invalid email' },
      { field: 'start-date', text: 'the bank-holiday calendar ends in 2027' },
    ]);
  });

  it('leaves out the API’s network.yaml findings when the browser located that file’s mistakes itself', () => {
    // Act
    const problems = apiProblems(issues, body, true);

    // Assess
    expect(problems.map((problem) => problem.field)).toEqual([FileField.standards, FileField.reviewers, 'start-date']);
  });
});
