// The domain core (src/) and the local Step Functions runtime (local/stepfunctions/) are meant to
// stand on their own (DESIGN §3: the runtime is worth publishing by itself; the core has no
// handler or AWS code). Each may import node builtins, npm packages and its own files; nothing
// else in the repository. The core also reads the bank-holiday data file it is built on.
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = new URL('../../../', import.meta.url).pathname;

interface Folder {
  dir: string;
  /** The package.json "imports" alias that points inside the folder. */
  alias: string;
  /** Repository folders outside it that it may still read (data, not code). */
  allowedOutside: readonly string[];
}

const folders: readonly Folder[] = [
  { dir: 'src', alias: '#core/', allowedOutside: ['data'] },
  { dir: 'local/stepfunctions', alias: '#sfn-local/', allowedOutside: [] },
];

const sourceFilesOf = (dir: string): string[] =>
  readdirSync(path.join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.(ts|mts|js|mjs)$/.test(file) && !file.includes('node_modules'))
    .map((file) => path.join(dir, file));

const specifiersOf = (file: string): string[] =>
  ts.preProcessFile(readFileSync(path.join(root, file), 'utf8'), true, true).importedFiles.map((imported) => imported.fileName);

const isBuiltin = (specifier: string) => specifier.startsWith('node:') || builtinModules.includes(specifier.split('/')[0]);
const isPackage = (specifier: string) => !specifier.startsWith('.') && !specifier.startsWith('/') && !specifier.startsWith('#');

/** Why an import leaves the folder, or undefined when it stays inside (or is a builtin or package). */
const escapeOf = (folder: Folder, file: string, specifier: string): string | undefined => {
  if (isBuiltin(specifier) || isPackage(specifier) || specifier.startsWith(folder.alias)) return undefined;
  if (specifier.startsWith('#')) return `${file} imports ${specifier}`;
  const target = path.relative(root, path.resolve(path.join(root, path.dirname(file)), specifier));
  const inside = [folder.dir, ...folder.allowedOutside].some((allowed) => target === allowed || target.startsWith(`${allowed}/`));
  return inside ? undefined : `${file} imports ${specifier} (${target})`;
};

describe.each(folders)('Rule: $dir imports nothing outside itself', (folder) => {
  const files = sourceFilesOf(folder.dir);

  it('has source files to check', () => {
    // Assess
    expect(files.length).toBeGreaterThan(5);
  });

  it('imports only its own files, node builtins and npm packages', () => {
    // Act
    const escapes = files.flatMap((file) => specifiersOf(file).map((specifier) => escapeOf(folder, file, specifier))).filter(Boolean);
    // Assess
    expect(escapes).toEqual([]);
  });

  it.each([
    ['a relative path out of the folder', '../../functions/commons/env.ts'],
    ['another alias', '#commons/env'],
  ])('would catch %s', (_label, specifier) => {
    // Act
    const escape = escapeOf(folder, `${folder.dir}/example.ts`, specifier);
    // Assess
    expect(escape).toContain(specifier);
  });
});
