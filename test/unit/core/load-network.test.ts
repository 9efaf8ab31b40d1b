import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { NetworkConfigError } from '#core/errors';
import { parseNetworkFiles, readNetworkFolder } from '#core/load-network';

const exampleDir = fileURLToPath(new URL('../../../examples/networks/ccqi-accreditation-example/', import.meta.url));
const configText = readFileSync(`${exampleDir}network.yaml`, 'utf8');
const standardsText = readFileSync(`${exampleDir}standards.csv`, 'utf8');

const issuesOf = (files: Parameters<typeof parseNetworkFiles>[0]) => {
  try {
    parseNetworkFiles(files);
  } catch (error) {
    if (error instanceof NetworkConfigError) return error.issues;
    throw error;
  }
  throw new Error('expected the files to be rejected');
};

describe('Function: parseNetworkFiles', () => {
  it('reports the mistakes of network.yaml and standards.csv at once, each with file, line and column', () => {
    // Prepare
    const config = { fileName: 'network.yaml', text: configText.replace('type2: 80', 'type2: 180') };
    const standards = { fileName: 'standards.csv', text: `${standardsText.trimEnd()}\nX-1,Safety,1,Text, with, two commas\n` };
    const lastLine = standards.text.trimEnd().split('\n').length;
    // Act
    const issues = issuesOf({ config, standards });
    // Assess
    expect(issues).toEqual([
      expect.objectContaining({ file: 'network.yaml', path: 'thresholds.type2', line: configText.split('\n').findIndex((line) => line.includes('type2: 80')) + 1, column: expect.any(Number) }),
      expect.objectContaining({ file: 'standards.csv', line: lastLine, column: 6, message: 'Too many columns' }),
    ]);
  });

  it('checks the standards even when network.yaml does not parse', () => {
    // Act
    const issues = issuesOf({ config: { fileName: 'network.yaml', text: 'id: [unclosed' }, standards: { fileName: 'standards.csv', text: 'id,section,type,text\n1,S,9,T' } });
    // Assess
    expect(issues.map((issue) => issue.file)).toEqual(['network.yaml', 'standards.csv']);
  });

  it('names the missing standards file', () => {
    // Act
    const issues = issuesOf({ config: { fileName: 'network.yaml', text: configText } });
    // Assess
    expect(issues).toEqual([expect.objectContaining({ path: 'standards.file', found: '"standards.csv" (not found)' })]);
  });

  it('reads a folder: the configuration, the standards it names and the reviewer pool', () => {
    // Act
    const files = readNetworkFolder(exampleDir);
    const loaded = parseNetworkFiles(files);
    // Assess
    expect(files.reviewers?.fileName).toMatch(/reviewers\.json$/);
    expect(loaded.config.id).toBe('ccqi-accreditation-example');
    expect(loaded.standards.version).toBe(loaded.config.standards.version);
  });
});
