type JsonObject = Record<string, unknown>;

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isInteger = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value);

// ASL: a JSONata expression is a whole string that opens with "{%" and closes with "%}";
// a string that merely contains "{%" is a literal.
const isExpression = (value: unknown): value is string =>
  typeof value === 'string' && value.startsWith('{%') && value.endsWith('%}') && value.length >= 4;

const expressionBody = (value: string): string => value.slice(2, -2);

export { isObject, isInteger, isExpression, expressionBody };
export type { JsonObject };
