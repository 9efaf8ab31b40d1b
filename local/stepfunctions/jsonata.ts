// The single entry point for JSONata. Compiles each expression once, binds the variables and
// the functions Step Functions adds ($partition, $range, $hash, $random, $uuid, $parse), and
// turns every failure into States.QueryEvaluationError, as AWS does for JSONata states.
// AWS supports JSONata 2.0.6 "with one exception: $eval is not available — use $parse".
import jsonata from 'jsonata';
import { createHash } from 'node:crypto';
import { QueryEvaluationError } from './errors.ts';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

interface EvaluationScope {
  /** Visible workflow variables, innermost scope winning. */
  variables: Record<string, Json>;
  /** The reserved $states variable. */
  states: Record<string, unknown>;
  /** The time $now() and $millis() report: the state's entered time, so a replay agrees. */
  nowMs: number;
  /** Deterministic per evaluation (seeded by execution, event and field), so a replay agrees. */
  random: () => number;
  /** Names the field in error causes, e.g. "Output" or "Arguments". */
  field: string;
  stateName: string;
}

const expressionPattern = /^\{%([\s\S]*)%\}$/;
const compiled = new Map<string, jsonata.Expression>();

const compile = (source: string): jsonata.Expression => {
  let expression = compiled.get(source);
  if (!expression) {
    expression = jsonata(source);
    compiled.set(source, expression);
  }
  return expression;
};

const isExpression = (value: unknown): value is string => typeof value === 'string' && expressionPattern.test(value);

const expressionBody = (value: string): string => (expressionPattern.exec(value)?.[1] ?? '').trim();

const hashAlgorithms: Record<string, string> = { MD5: 'md5', 'SHA-1': 'sha1', 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512' };

const fail = (message: string): never => {
  throw Object.assign(new Error(message), { code: 'States' });
};

const stepFunctionsFunctions = (scope: EvaluationScope) => ({
  partition: (array: unknown[], size: number) => {
    if (!Array.isArray(array)) fail('$partition expects an array');
    if (!Number.isInteger(size) || size < 1) fail('$partition expects a positive integer size');
    const chunks: unknown[][] = [];
    for (let index = 0; index < array.length; index += size) chunks.push(array.slice(index, index + size));
    return chunks;
  },
  range: (start: number, end: number, step: number) => {
    if (![start, end, step].every(Number.isInteger) || step === 0) fail('$range expects integer start, end and a non-zero step');
    const values: number[] = [];
    for (let value = start; step > 0 ? value <= end : value >= end; value += step) values.push(value);
    return values;
  },
  hash: (data: string, algorithm: string) => {
    const nodeAlgorithm = hashAlgorithms[algorithm];
    if (!nodeAlgorithm) return fail(`$hash does not support the algorithm '${algorithm}'`);
    return createHash(nodeAlgorithm).update(String(data)).digest('hex');
  },
  random: () => scope.random(),
  uuid: () => {
    const bytes = Array.from({ length: 16 }, () => Math.floor(scope.random() * 256));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const hex = bytes.map((byte) => byte.toString(16).padStart(2, '0')).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  },
  parse: (text: string) => {
    try {
      return JSON.parse(text);
    } catch (error) {
      return fail(`$parse could not parse its argument as JSON: ${(error as Error).message}`);
    }
  },
  eval: () => fail('$eval is not available in Step Functions; use $parse'),
  millis: () => scope.nowMs,
  now: async (picture?: string, timezone?: string) =>
    picture === undefined && timezone === undefined
      ? new Date(scope.nowMs).toISOString()
      : compile('$fromMillis($ms, $picture, $timezone)').evaluate({}, { ms: scope.nowMs, picture, timezone }),
});

/** Evaluates one `{% … %}` string. */
const evaluateExpression = async (source: string, scope: EvaluationScope): Promise<Json | undefined> => {
  const body = expressionBody(source);
  try {
    const expression = compile(body);
    const result = await expression.evaluate(scope.states.input ?? {}, {
      ...scope.variables,
      ...stepFunctionsFunctions(scope),
      states: scope.states,
    });
    return normalise(result);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    const code = (error as { code?: string }).code;
    throw new QueryEvaluationError(
      `An error occurred while executing the state '${scope.stateName}'. The JSONata expression '${body}' specified for the field '${scope.field}' threw an error during evaluation. ${code && code !== 'States' ? `${code}: ` : ''}${detail}`,
      { cause: error },
    );
  }
};

// JSONata sequences are arrays carrying a `sequence` flag; results must be plain JSON.
const normalise = (value: unknown): Json | undefined => {
  if (value === undefined) return undefined;
  if (typeof value === 'function') return undefined;
  if (typeof value === 'number' && !Number.isFinite(value)) {
    throw Object.assign(new Error('The expression returned a number that is not finite'), { code: 'States' });
  }
  if (Array.isArray(value)) return value.map((item) => normalise(item) ?? null) as Json[];
  if (value !== null && typeof value === 'object') {
    const out: Record<string, Json> = {};
    for (const [key, item] of Object.entries(value)) {
      const normalised = normalise(item);
      if (normalised !== undefined) out[key] = normalised;
    }
    return out;
  }
  return value as Json;
};

/**
 * Evaluates a field that may hold JSONata anywhere inside it: a whole `{% … %}` string, or
 * an object/array whose string leaves are expressions. Keys whose value is undefined are dropped
 * (as JSON serialisation drops them); a whole field that is undefined is an error.
 */
const evaluateTemplate = async (template: unknown, scope: EvaluationScope): Promise<Json> => {
  const value = await evaluateNode(template, scope);
  if (value === undefined) {
    throw new QueryEvaluationError(
      `An error occurred while executing the state '${scope.stateName}'. The JSONata expression specified for the field '${scope.field}' returned nothing (undefined).`,
    );
  }
  return value;
};

const evaluateNode = async (node: unknown, scope: EvaluationScope): Promise<Json | undefined> => {
  if (isExpression(node)) return evaluateExpression(node, scope);
  if (Array.isArray(node)) {
    const items = await Promise.all(node.map((item) => evaluateNode(item, scope)));
    return items.map((item) => item ?? null);
  }
  if (node !== null && typeof node === 'object') {
    const out: Record<string, Json> = {};
    for (const [key, value] of Object.entries(node)) {
      const evaluated = await evaluateNode(value, scope);
      if (evaluated !== undefined) out[key] = evaluated;
    }
    return out;
  }
  return node as Json;
};

/** For syntax checks at definition time: throws the jsonata parse error, if any. */
const parseExpression = (source: string): void => {
  compile(expressionBody(source));
};

export { evaluateExpression, evaluateTemplate, isExpression, expressionBody, parseExpression };
export type { Json, EvaluationScope };
