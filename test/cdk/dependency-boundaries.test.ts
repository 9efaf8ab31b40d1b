// The boundaries issue 11 item 6 drew: functions/ and lib/ meet only in contracts/, and the local
// stack (npm start) never loads the CDK. Checked on the runtime import graph, transitively.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { functionCatalogue } from '#contracts/function-catalogue';
import { projectPaths } from '../../lib/project-paths.ts';
import { typeScriptFilesUnder, walkImports } from './import-graph.ts';

const cdkPackages = ['aws-cdk-lib', 'aws-cdk', 'constructs', 'cdk-nag'];
const relative = (file: string): string => path.relative(projectPaths.root, file);

describe('Dependency boundaries', () => {
  it('nothing under local/ loads aws-cdk-lib, directly or through what it imports', () => {
    // Prepare: local/lambda-invoker.ts loads every catalogue handler by a computed path.
    const handlers = functionCatalogue.map((spec) => path.join(projectPaths.functions, spec.name, 'handler.ts'));
    // Act
    const graph = walkImports([...typeScriptFilesUnder('local'), ...handlers]);
    // Assess
    expect(graph.files.size).toBeGreaterThan(20);
    expect(cdkPackages.flatMap((name) => [...(graph.packages.get(name) ?? [])].map((file) => `${file} -> ${name}`))).toEqual([]);
    expect([...graph.files].map(relative).filter((file) => file.startsWith('lib/'))).toEqual([]);
  });

  it('functions/ loads nothing from lib/, and lib/ loads nothing from functions/', () => {
    // Act
    const fromFunctions = walkImports(typeScriptFilesUnder('functions'));
    const fromLib = walkImports(typeScriptFilesUnder('lib'));
    // Assess
    expect([...fromFunctions.files].map(relative).filter((file) => file.startsWith('lib/'))).toEqual([]);
    expect([...fromLib.files].map(relative).filter((file) => file.startsWith('functions/'))).toEqual([]);
  });

  it('contracts/ is plain data: it imports no project folder and no package', () => {
    // Act
    const graph = walkImports(typeScriptFilesUnder('contracts'));
    // Assess
    expect([...graph.files].map(relative).filter((file) => !file.startsWith('contracts/'))).toEqual([]);
    expect([...graph.packages.keys()]).toEqual([]);
  });
});
