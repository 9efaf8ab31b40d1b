// The parts of a jsonata AST this validator reads; the package's own ExprNode type leaves out
// several node shapes ("path", "bind", "apply", "condition") that the parser does produce.
interface AstNode {
  type: string;
  value?: unknown;
  steps?: AstNode[];
  expressions?: AstNode[];
  expression?: AstNode;
  arguments?: AstNode[];
  lhs?: AstNode | AstNode[][];
  rhs?: AstNode;
  condition?: AstNode;
  then?: AstNode;
  else?: AstNode;
}

const children = (nodes: (AstNode | undefined)[]): AstNode[] => nodes.filter((node): node is AstNode => node !== undefined);

const variableReference = (node: AstNode): string[] => {
  if (node.value === '') return ['$'];
  if (node.value === '$') return ['$$'];
  return [];
};

const unaryOperands = (node: AstNode): AstNode[] => {
  if (node.value === '-') return children([node.expression]);
  if (node.value === '[') return node.expressions ?? [];
  if (node.value === '{' && Array.isArray(node.lhs)) return node.lhs.flat();
  return [];
};

// ASL (JSONata): an expression "MUST NOT reference '$' or unqualified field names at the top
// level"; AWS refuses them at creation with UNSUPPORTED_JSONATA_EXPRESSION (floci-io/floci#2670).
// Only the top level is walked: names inside predicates, lambdas and later path steps are nested.
const topLevelReferences = (node: AstNode): string[] => {
  const walk = (nodes: AstNode[]): string[] => nodes.flatMap(topLevelReferences);
  switch (node.type) {
    case 'name':
      return [String(node.value)];
    case 'variable':
      return variableReference(node);
    case 'path':
      return walk(children([node.steps?.[0]]));
    case 'binary':
    case 'apply':
      return walk(children([node.lhs as AstNode | undefined, node.rhs]));
    case 'bind':
      return walk(children([node.rhs]));
    case 'unary':
      return walk(unaryOperands(node));
    case 'condition':
      return walk(children([node.condition, node.then, node.else]));
    case 'block':
      return walk(node.expressions ?? []);
    case 'function':
    case 'partial':
      return walk(node.arguments ?? []);
    default:
      return [];
  }
};

// ASL (JSONata Restrictions): "a JSONata expression MUST NOT reference $$", at any depth, unlike
// `$` and bare names, which are refused only at the top level.
const referencesRootAnywhere = (node: unknown): boolean => {
  if (Array.isArray(node)) return node.some(referencesRootAnywhere);
  if (node === null || typeof node !== 'object') return false;
  const candidate = node as AstNode;
  if (candidate.type === 'variable' && candidate.value === '$') return true;
  return Object.values(candidate).some(referencesRootAnywhere);
};

export { topLevelReferences, referencesRootAnywhere };
export type { AstNode };
