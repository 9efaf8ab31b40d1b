// Request/response helpers for the HTTP API (API Gateway HTTP API, payload format 2.0).
// Client errors are built with createError and `expose`, so @middy/http-error-handler answers
// with their JSON body; anything else becomes a bare 500 with no internals leaked.
import { createError } from '@middy/util';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { safeParse } from 'zod/v4/core';
import type { $ZodError, $ZodType, output } from 'zod/v4/core';

type HttpApiEvent = APIGatewayProxyEventV2;
type HttpApiResult = APIGatewayProxyStructuredResultV2;

const json = (statusCode: number, body: unknown): HttpApiResult => ({
  statusCode,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

const httpError = (statusCode: number, error: string, message: string, detail: Record<string, unknown> = {}) =>
  createError(statusCode, JSON.stringify({ error, message, ...detail }), { expose: true });

/** `what` names the value itself when the issue is not inside it (e.g. a path parameter). */
const issuesOf = (error: $ZodError, what: string) =>
  error.issues.map((issue) => ({ field: issue.path.map(String).join('.') || what, message: issue.message }));

/** Validates a value (a zod or zod/mini schema: both are core schemas); a 400 names every offending field. */
const validate = <S extends $ZodType>(schema: S, value: unknown, what: string): output<S> => {
  const result = safeParse(schema, value);
  if (result.success) return result.data;
  const issues = issuesOf(result.error, what);
  const summary = issues.map((issue) => `${issue.field}: ${issue.message}`).join('; ');
  throw httpError(400, 'ValidationError', `Invalid ${what}: ${summary}`, { issues });
};

const readJsonBody = (event: HttpApiEvent): unknown => {
  if (event.body === undefined || event.body === '') return {};
  const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  try {
    return JSON.parse(text);
  } catch (error) {
    throw httpError(400, 'ValidationError', 'The request body is not valid JSON', { cause: String(error) });
  }
};

const parseBody = <S extends $ZodType>(schema: S, event: HttpApiEvent): output<S> =>
  validate(schema, readJsonBody(event), 'request body');

export { httpError, json, parseBody, validate };
export type { HttpApiEvent, HttpApiResult };
