// The single entry point for JSONata. Compiles each expression once, binds the variables and
// the functions Step Functions adds ($partition, $range, $hash, $random, $uuid, $parse), and
// turns every failure into States.QueryEvaluationError, as AWS does for JSONata states.
// AWS supports JSONata 2.0.6 "with one exception: $eval is not available — use $parse".
import jsonata from 'jsonata';
import { createHash } from 'node:crypto';
import { QueryEvaluationError, stateErrorCause } from './errors.ts';
import { seededRandom } from './engine/random.ts';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

interface EvaluationScope {
  /** Visible workflow variables, innermost scope winning. */
  variables: Record<string, Json>;
  /** The reserved $states variable. */
  states: Record<string, unknown>;
  /** The time $now() and $millis() report (the strand's latest event, so a replay agrees); read only when called. */
  nowMs: () => number;
  /** Deterministic per evaluation (seeded by execution, event and field), so a replay agrees. */
  random: () => number;
  /** Names the field in error causes, e.g. "Output" or "Arguments". */
  field: string;
  stateName: string;
  /** The id of the state's Entered event as GetExecutionHistory shows it, for error causes. */
  enteredEventId: number;
}

const expressionPattern = /^\{%([\s\S]*)%\}$/;
/** One `{% … %}` string, compiled once: a loop evaluates the same few expressions thousands of times. */
interface CompiledExpression {
  body: string;
  /** Parsed lazily, so a syntax error surfaces as the evaluation's error. */
  expression?: jsonata.Expression;
  /** Whether it names a function that reads the evaluation's clock or random draws. */
  usesScope: boolean;
}

const compiled = new Map<string, CompiledExpression>();
const scopedFunctionReference = /\$(random|uuid|millis|now)\b/;

const compileTemplate = (source: string): CompiledExpression => {
  let entry = compiled.get(source);
  if (!entry) {
    const body = expressionBody(source);
    entry = { body, usesScope: scopedFunctionReference.test(body) };
    compiled.set(source, entry);
  }
  return entry;
};

/** Parses a JSONata body with the functions that need no evaluation scope bound once. */
const compile = (body: string): jsonata.Expression => {
  const expression = jsonata(body);
  for (const [name, implementation] of Object.entries(staticFunctions)) expression.assign(name, implementation);
  return expression;
};

const isExpression = (value: unknown): value is string => typeof value === 'string' && expressionPattern.test(value);

const expressionBody = (value: string): string => (expressionPattern.exec(value)?.[1] ?? '').trim();

const hashAlgorithms: Record<string, string> = { MD5: 'md5', 'SHA-1': 'sha1', 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512' };

/** Marks an array as a JSONata sequence, which the evaluator collapses to its item when it has one. */
const asSequence = <T>(values: T[]): T[] => Object.assign(values, { sequence: true });

/** A JSONata lambda or function reference: no JSON value, so AWS refuses it as a field's result. */
const isFunctionValue = (value: unknown): boolean =>
  typeof value === 'function' || (value !== null && typeof value === 'object' && ('_jsonata_lambda' in value || '_jsonata_function' in value));

const fail = (message: string): never => {
  throw Object.assign(new Error(message), { code: 'States' });
};

// Functions Step Functions adds, or removes ($eval), that do not depend on the evaluation.
const staticFunctions = {
  partition: (array: unknown[], size: number) => {
    if (!Array.isArray(array)) fail('$partition expects an array');
    if (!Number.isInteger(size) || size < 1) fail('$partition expects a positive integer size');
    const chunks: unknown[][] = [];
    for (let index = 0; index < array.length; index += size) chunks.push(array.slice(index, index + size));
    return chunks;
  },
  // A JSONata sequence, not an array: AWS returns $range(1, 9, 9) as 1, not [1] (recorded on AWS in
  // localstack/localstack test_array_jsonata.snapshot.json, test_array_range); $partition of one
  // chunk stays [[0]] there, so it is a plain array.
  range: (start: number, end: number, step: number) => {
    if (![start, end, step].every(Number.isInteger) || step === 0) fail('$range expects integer start, end and a non-zero step');
    const values: number[] = [];
    for (let value = start; step > 0 ? value <= end : value >= end; value += step) values.push(value);
    return asSequence(values);
  },
  hash: (data: string, algorithm: string) => {
    const nodeAlgorithm = hashAlgorithms[algorithm];
    if (!nodeAlgorithm) return fail(`$hash does not support the algorithm '${algorithm}'`);
    return createHash(nodeAlgorithm).update(String(data)).digest('hex');
  },
  parse: (text: string) => {
    try {
      return JSON.parse(text);
    } catch (error) {
      return fail(`$parse could not parse its argument as JSON: ${(error as Error).message}`);
    }
  },
  eval: () => fail('$eval is not available in Step Functions; use $parse'),
};

const fromMillis = jsonata('$fromMillis($ms, $picture, $timezone)');

// Functions that read the evaluation's clock or seeded random draws, bound per evaluation.
const scopedFunctions = (scope: EvaluationScope) => ({
  // AWS: "$random([seed])": the same seed gives the same number.
  random: (seed?: unknown) => (seed === undefined ? scope.random() : seededRandom(JSON.stringify(seed))()),
  uuid: () => {
    const bytes = Array.from({ length: 16 }, () => Math.floor(scope.random() * 256));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const hex = bytes.map((byte) => byte.toString(16).padStart(2, '0')).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  },
  millis: () => scope.nowMs(),
  now: async (picture?: string, timezone?: string) =>
    picture === undefined && timezone === undefined
      ? new Date(scope.nowMs()).toISOString()
      : fromMillis.evaluate({}, { ms: scope.nowMs(), picture, timezone }),
});

const causeOf = (scope: EvaluationScope, detail: string) => stateErrorCause(scope.stateName, scope.enteredEventId, detail);

/** Evaluates one `{% … %}` string; `field` is the path of the value inside the state, e.g. Output/result. */
const evaluateExpression = async (source: string, scope: EvaluationScope, field = scope.field): Promise<Json> => {
  const entry = compileTemplate(source);
  const body = entry.body;
  let raw: unknown;
  let result: Json | undefined;
  try {
    entry.expression ??= compile(body);
    const bindings = entry.usesScope ? { ...scope.variables, ...scopedFunctions(scope), states: scope.states } : { ...scope.variables, states: scope.states };
    raw = await entry.expression.evaluate(scope.states.input ?? {}, bindings);
    result = isFunctionValue(raw) ? undefined : normalise(raw);
  } catch (error) {
    // jsonata throws plain objects ({code, message, …}), not Error instances.
    const detail = error !== null && typeof error === 'object' && 'message' in error ? String(error.message) : String(error);
    const code = (error as { code?: string }).code;
    throw new QueryEvaluationError(
      causeOf(scope, `The JSONata expression '${body}' specified for the field '${field}' threw an error during evaluation. ${code && code !== 'States' ? `${code}: ` : ''}${detail}`),
      { location: field },
    );
  }
  // Recorded on AWS (localstack/localstack test_base_scenarios.snapshot.json,
  // test_map_state_items_eval_jsonata_fail[function]).
  if (isFunctionValue(raw)) {
    throw new QueryEvaluationError(causeOf(scope, `The JSONata expression '${body}' specified for the field '${field}' returned an unsupported result type.`), {
      location: field,
    });
  }
  // JSON cannot represent undefined: AWS fails the state rather than dropping the value.
  if (result === undefined) {
    throw new QueryEvaluationError(causeOf(scope, `The JSONata expression '${body}' specified for the field '${field}' returned nothing (undefined).`), {
      location: field,
    });
  }
  return result;
};

// JSONata sequences are arrays carrying a `sequence` flag; results must be plain JSON.
const normalise = (value: unknown): Json | undefined => {
  if (value === undefined) return undefined;
  if (isFunctionValue(value)) return undefined;
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
 * Evaluates a field that may hold JSONata anywhere inside it: a whole `{% … %}` string, or an
 * object/array whose string leaves are expressions. Any expression that yields nothing is an
 * error naming its place (AWS: "returned nothing (undefined)" for the field 'Output/result').
 */
const evaluateTemplate = (template: unknown, scope: EvaluationScope): Promise<Json> => evaluateNode(template, scope, scope.field);

const evaluateNode = async (node: unknown, scope: EvaluationScope, field: string): Promise<Json> => {
  if (isExpression(node)) return evaluateExpression(node, scope, field);
  if (Array.isArray(node)) return Promise.all(node.map((item, index) => evaluateNode(item, scope, `${field}/${index}`)));
  if (node !== null && typeof node === 'object') {
    const out: Record<string, Json> = {};
    for (const [key, value] of Object.entries(node)) out[key] = await evaluateNode(value, scope, `${field}/${key}`);
    return out;
  }
  return node as Json;
};

/** For syntax checks at definition time: throws the jsonata parse error, if any. */
const parseExpression = (source: string): void => {
  const entry = compileTemplate(source);
  entry.expression ??= compile(entry.body);
};

export { evaluateExpression, evaluateTemplate, isExpression, expressionBody, parseExpression };
export type { Json, EvaluationScope };
