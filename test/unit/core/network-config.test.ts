import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NetworkConfigError } from '#core/errors';
import { parseNetworkConfig } from '#core/network-config-file';
import { loadNetwork } from '#core/load-network';

const exampleDir = (name: string) => new URL(`../../../examples/networks/${name}/`, import.meta.url).pathname;
const ccqiYaml = readFileSync(`${exampleDir('ccqi-accreditation-example')}network.yaml`, 'utf8');

const issuesOf = (text: string, fileName = 'network.yaml') => {
  try {
    parseNetworkConfig(text, fileName);
  } catch (error) {
    if (error instanceof NetworkConfigError) return error.issues;
    throw error;
  }
  throw new Error('expected the configuration to be rejected');
};

describe('Function: parseNetworkConfig', () => {
  it.each([
    ['ccqi-accreditation-example', ['accreditation', 'developmental']],
    ['mind-and-body-example', ['developmental']],
  ])('accepts the example network %s', (name, membershipTypes) => {
    // Prepare
    const text = readFileSync(`${exampleDir(name)}network.yaml`, 'utf8');
    // Act
    const config = parseNetworkConfig(text, 'network.yaml');
    // Assess
    expect(config.membershipTypes).toEqual(membershipTypes);
  });

  it('fills the QNPICU thresholds and the 28/14/7/1 reminder norm when omitted', () => {
    // Prepare
    const text = ccqiYaml.replace(/^thresholds:.*$/m, '').replace(/^  beforeWorkingDays:.*$/m, '');
    // Act
    const config = parseNetworkConfig(text, 'network.yaml');
    // Assess
    expect(config.thresholds).toEqual({ type1: 100, type2: 80, type3: 60 });
    expect(config.reminders.beforeWorkingDays).toEqual([28, 14, 7, 1]);
  });

  it('reads the same configuration from JSON', () => {
    // Prepare
    const fromYaml = parseNetworkConfig(ccqiYaml, 'network.yaml');
    // Act
    const fromJson = parseNetworkConfig(JSON.stringify(fromYaml), 'network.json');
    // Assess
    expect(fromJson).toEqual(fromYaml);
  });

  it.each([
    ['a threshold above 100', [/^thresholds:.*$/m, 'thresholds: { type1: 100, type2: 180, type3: 60 }'], 'thresholds.type2', 'at most 100', 'number 180'],
    ['an unknown membership type', [/^membershipTypes:.*$/m, 'membershipTypes: [accreditation, associate]'], 'membershipTypes.1', 'one of "accreditation", "developmental"', '"associate"'],
    ['a misspelt key', [/self-review: \{ months: 3 \}/, 'selfreview: { months: 3 }'], 'stageDurations.accreditation.selfreview', 'only known keys (check spelling)', 'unknown key "selfreview"'],
    ['a duration with two units', [/visit: \{ weeks: 4 \}/, 'visit: { weeks: 4, days: 2 }'], 'stageDurations.accreditation.visit', 'exactly one of days, workingDays, weeks, months (e.g. { weeks: 4 })', 'an object with keys days, weeks'],
    ['a missing appeal window for accreditation', [/^appealWindow:.*$/m, ''], 'appealWindow', 'a duration, e.g. { days: 15 }', 'nothing (missing)'],
    ['min above max in the team', [/professionalPeers: \{ min: 1, max: 3 \}/, 'professionalPeers: { min: 4, max: 3 }'], 'reviewTeam.professionalPeers', 'min <= max', '"min 4, max 3"'],
    ['a text where a number belongs', [/maxBlockingStandards: 5/, 'maxBlockingStandards: five'], 'deferral.maxBlockingStandards', 'number', '"five"'],
  ] as const)('reports %s with path, expected and found', (_label, [pattern, replacement], path, expected, found) => {
    // Prepare
    const text = ccqiYaml.replace(pattern, replacement);
    // Act
    const issues = issuesOf(text);
    // Assess
    expect(issues).toContainEqual(expect.objectContaining({ file: 'network.yaml', path, expected, found }));
  });

  it('reports every issue at once, each with the line it is on', () => {
    // Prepare
    const text = ccqiYaml
      .replace(/type2: 80/, 'type2: 180')
      .replace(/maxBlockingStandards: 5/, 'maxBlockingStandards: -1')
      .replace(/version: "2025.1"/, 'version: ""');
    const lineOf = (needle: string) => text.split('\n').findIndex((line) => line.includes(needle)) + 1;
    // Act
    const issues = issuesOf(text);
    // Assess
    expect(issues.map((issue) => [issue.path, issue.line])).toEqual([
      ['thresholds.type2', lineOf('type2: 180')],
      ['deferral.maxBlockingStandards', lineOf('maxBlockingStandards: -1')],
      ['standards.version', lineOf('version: ""')],
    ]);
  });

  it('reports a YAML syntax error with its line', () => {
    // Prepare
    const text = 'id: x\nname: [unclosed\nmembershipTypes: []\n';
    // Act
    const issues = issuesOf(text);
    // Assess
    expect(issues[0]).toEqual(expect.objectContaining({ file: 'network.yaml', expected: 'valid YAML' }));
    expect(issues[0].line).toBeGreaterThanOrEqual(2);
  });

  it('throws NetworkConfigError whose message lists the issues', () => {
    // Prepare
    const text = ccqiYaml.replace(/type3: 60/, 'type3: -5');
    // Act / Assess
    expect(() => parseNetworkConfig(text, 'network.yaml')).toThrow(/thresholds\.type3/);
    expect(() => parseNetworkConfig(text, 'network.yaml')).toThrow(NetworkConfigError);
  });
});

describe('Function: loadNetwork', () => {
  it.each([
    ['ccqi-accreditation-example', 40],
    ['mind-and-body-example', 14],
  ])('loads %s with its standards', (name, count) => {
    // Act
    const network = loadNetwork(exampleDir(name));
    // Assess
    expect(network.standards.standards).toHaveLength(count);
    expect(network.standards.version).toBe(network.config.standards.version);
  });

  it('refuses a folder without a network file', () => {
    // Act / Assess
    expect(() => loadNetwork(new URL('.', import.meta.url).pathname)).toThrow(NetworkConfigError);
  });
});
