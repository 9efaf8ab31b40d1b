// A small walk of the runtime import graph: which project files a file loads and which npm
// packages they pull in. Type-only imports are skipped (erased before anything runs); relative
// paths and the package.json "imports" aliases (#core/*, #contracts/*, ...) are followed.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { projectPaths } from '../../lib/project-paths.ts';

interface ImportGraph {
  /** Every project file reached, the roots included. */
  files: Set<string>;
  /** npm package name -> the project files that import it. */
  packages: Map<string, Set<string>>;
}

const aliases = (JSON.parse(readFileSync(path.join(projectPaths.root, 'package.json'), 'utf8')) as { imports: Record<string, string> }).imports;

/** Specifiers a file loads at run time: value imports, re-exports and literal import() calls. */
const runtimeSpecifiers = (file: string): string[] => {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && !node.importClause?.isTypeOnly && ts.isStringLiteral(node.moduleSpecifier)) found.push(node.moduleSpecifier.text);
    if (ts.isExportDeclaration(node) && !node.isTypeOnly && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) found.push(node.moduleSpecifier.text);
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteralLike(node.arguments[0])) {
      found.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
};

const resolveAlias = (specifier: string): string | undefined => {
  for (const [pattern, target] of Object.entries(aliases)) {
    const prefix = pattern.replace('*', '');
    if (specifier.startsWith(prefix)) return path.join(projectPaths.root, target.replace('*', specifier.slice(prefix.length)));
  }
  return undefined;
};

const existingFile = (candidate: string): string | undefined =>
  [candidate, `${candidate}.ts`, path.join(candidate, 'index.ts')].find((option) => existsSync(option) && statSync(option).isFile());

const packageNameOf = (specifier: string): string =>
  specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0];

const walkImports = (roots: readonly string[]): ImportGraph => {
  const graph: ImportGraph = { files: new Set(), packages: new Map() };
  const pending = [...roots];
  while (pending.length > 0) {
    const file = pending.pop() as string;
    if (graph.files.has(file)) continue;
    graph.files.add(file);
    for (const specifier of runtimeSpecifiers(file)) {
      if (specifier.startsWith('node:')) continue;
      const local = specifier.startsWith('.') ? path.resolve(path.dirname(file), specifier) : resolveAlias(specifier);
      if (local === undefined) {
        const name = packageNameOf(specifier);
        graph.packages.set(name, (graph.packages.get(name) ?? new Set()).add(path.relative(projectPaths.root, file)));
        continue;
      }
      const resolved = existingFile(local);
      if (resolved === undefined) throw new Error(`${file} imports ${specifier}, which resolves to no file`);
      if (resolved.endsWith('.ts')) pending.push(resolved);
    }
  }
  return graph;
};

/** Every .ts file under a project folder. */
const typeScriptFilesUnder = (folder: string): string[] =>
  readdirSync(path.join(projectPaths.root, folder), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => path.join(entry.parentPath, entry.name));

export { typeScriptFilesUnder, walkImports };
export type { ImportGraph };
