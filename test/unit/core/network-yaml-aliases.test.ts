import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { NetworkConfigError } from '#core/errors';
import { loadNetwork } from '#core/load-network';

const exampleDir = new URL('../../../examples/networks/ccqi-accreditation-example/', import.meta.url).pathname;
const folders: string[] = [];

/** A copy of the example network whose network.yaml is changed by `edit`. */
const networkFolderWith = (edit: (yaml: string) => string): string => {
  const dir = mkdtempSync(join(tmpdir(), 'network-'));
  folders.push(dir);
  writeFileSync(join(dir, 'network.yaml'), edit(readFileSync(join(exampleDir, 'network.yaml'), 'utf8')));
  copyFileSync(join(exampleDir, 'standards.csv'), join(dir, 'standards.csv'));
  return dir;
};

/** The "billion laughs": each anchor is a list of ten aliases of the one before. */
const billionLaughs = (levels: number): string =>
  [
    'laughs:',
    '  l0: &l0 "lol"',
    ...Array.from({ length: levels }, (_unused, level) => `  l${level + 1}: &l${level + 1} [${Array(10).fill(`*l${level}`).join(', ')}]`),
  ].join('\n');

const rejection = (dir: string): NetworkConfigError => {
  try {
    loadNetwork(dir);
  } catch (error) {
    if (error instanceof NetworkConfigError) return error;
    throw error;
  }
  throw new Error('expected the network folder to be refused');
};

describe('Function: loadNetwork', () => {
  afterEach(() => {
    for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a billion-laughs network.yaml with its file and the line of the expanding alias (issue 12, defect 10c)', () => {
    // Prepare
    const dir = networkFolderWith((yaml) => `${yaml}\n${billionLaughs(9)}`);
    const expandingLine = readFileSync(join(dir, 'network.yaml'), 'utf8').split('\n').findIndex((line) => line.includes('&l2 ')) + 1;

    // Act
    const error = rejection(dir);

    // Assess
    expect(error.issues).toHaveLength(1);
    expect(error.issues[0]).toMatchObject({ file: join(dir, 'network.yaml'), line: expandingLine });
    expect(error.message).toContain(`${join(dir, 'network.yaml')}`);
    expect(error.message).toContain(`line ${expandingLine}`);
  });

  it('still accepts a few ordinary aliases', () => {
    // Prepare
    const dir = networkFolderWith((yaml) =>
      yaml.replace('    visit: { weeks: 4 }', '    visit: &visitWindow { weeks: 4 }').replace(/(developmental:[\s\S]*?)visit: \{ weeks: 4 \}/, '$1visit: *visitWindow'),
    );

    // Act
    const { config } = loadNetwork(dir);

    // Assess
    expect(config.stageDurations.developmental?.visit).toEqual({ weeks: 4 });
    expect(readFileSync(join(dir, 'network.yaml'), 'utf8')).toContain('visit: *visitWindow');
  });
});
