// A coordinator's YAML or JSON file checked against a zod schema, with every problem located at
// its line and column: the YAML parser keeps each node's position, so a zod issue's path leads
// back to the text. Used for network.yaml and a network's reviewers.json.
import { isAlias, isMap, isSeq, LineCounter, parseDocument, visit, type Alias, type Document, type Node } from 'yaml';
import type * as z from './zod-mini.ts';
import type { ConfigIssue } from './errors.ts';
import { describeZodIssues } from './zod-issues.ts';

type DocumentResult<T> = { ok: true; value: T } | { ok: false; issues: ConfigIssue[] };

/** The line and column of the deepest node that exists along `path`. */
const locate = (doc: Document, lineCounter: LineCounter, path: PropertyKey[]): { line?: number; column?: number } => {
  for (let depth = path.length; depth >= 0; depth -= 1) {
    const prefix = path.slice(0, depth);
    const node = prefix.length === 0 ? doc.contents : doc.getIn(prefix as (string | number)[], true);
    const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
    if (range !== undefined && (depth === path.length || isMap(node) || isSeq(node))) {
      const pos = lineCounter.linePos(range[0]);
      return { line: pos.line, column: pos.col };
    }
  }
  return {};
};

const syntaxIssues = (doc: Document, fileName: string): ConfigIssue[] =>
  doc.errors.map((error) => ({
    file: fileName,
    line: error.linePos?.[0].line,
    column: error.linePos?.[0].col,
    expected: fileName.endsWith('.json') ? 'valid JSON' : 'valid YAML',
    found: error.code,
    message: error.message.split('\n')[0],
  }));

/**
 * yaml's own guard against the "billion laughs" (aliases of aliases expanding exponentially): an
 * alias may stand for at most this many nodes. A network file needs a handful of aliases at most.
 */
const MAX_ALIAS_COUNT = 100;

const containsAlias = (node: Node): boolean => {
  let found = false;
  visit(node, {
    Alias: () => {
      found = true;
      return visit.BREAK;
    },
  });
  return found;
};

/** Where the expansion multiplies: the first alias of an anchor that itself holds aliases (else the first alias). */
const expandingAlias = (doc: Document): Alias | undefined => {
  let first: Alias | undefined;
  let nested: Alias | undefined;
  visit(doc, {
    Alias: (_key, alias) => {
      first ??= alias;
      const target = alias.resolve(doc);
      if (target === undefined || isAlias(target) || !containsAlias(target)) return undefined;
      nested = alias;
      return visit.BREAK;
    },
  });
  return nested ?? first;
};

const aliasExpansionIssue = (doc: Document, lineCounter: LineCounter, fileName: string): ConfigIssue => {
  const offset = expandingAlias(doc)?.range?.[0];
  const pos = offset === undefined ? undefined : lineCounter.linePos(offset);
  return {
    file: fileName,
    ...(pos && { line: pos.line, column: pos.col }),
    expected: `YAML aliases that expand to at most ${MAX_ALIAS_COUNT} nodes`,
    found: 'aliases of aliases that expand exponentially ("billion laughs")',
    message: 'Refused: the aliases from here on would expand beyond any real configuration',
  };
};

/** The document as plain data; an exponential alias expansion is an issue with its line, not a bare ReferenceError. */
const toPlainData = (doc: Document, lineCounter: LineCounter, fileName: string): { ok: true; data: unknown } | { ok: false; issue: ConfigIssue } => {
  try {
    return { ok: true, data: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) };
  } catch (error) {
    if (!(error instanceof ReferenceError)) throw error;
    return { ok: false, issue: aliasExpansionIssue(doc, lineCounter, fileName) };
  }
};

/** Pure: parses YAML or JSON text (JSON is YAML 1.2) and validates it; every issue, located. */
const parseConfigDocument = <S extends z.ZodMiniType>(text: string, fileName: string, schema: S): DocumentResult<z.infer<S>> => {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  const syntax = syntaxIssues(doc, fileName);
  if (syntax.length > 0) return { ok: false, issues: syntax };
  const plain = toPlainData(doc, lineCounter, fileName);
  if (!plain.ok) return { ok: false, issues: [plain.issue] };
  const result = schema.safeParse(plain.data, { reportInput: true });
  if (result.success) return { ok: true, value: result.data };
  const issues = describeZodIssues(result.error).map(
    (issue): ConfigIssue => ({
      file: fileName,
      path: issue.path.map(String).join('.'),
      ...locate(doc, lineCounter, issue.path),
      expected: issue.expected,
      found: issue.found,
      message: issue.message,
    }),
  );
  return { ok: false, issues };
};

export { parseConfigDocument };
export type { DocumentResult };
