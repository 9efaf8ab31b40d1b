import { afterEach, describe, expect, it, vi } from 'vitest';
import middy from '@middy/core';
import httpErrorHandler from '@middy/http-error-handler';
import { createError } from '@middy/util';
import { CustomMetric } from '#contracts/custom-metrics';

// Powertools prints EMF through the global console in dev mode; metrics stay on with DISABLED=false.
const loadMiddleware = async () => {
  vi.resetModules();
  vi.stubEnv('POWERTOOLS_DEV', 'true');
  vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'false');
  vi.stubEnv('POWERTOOLS_METRICS_NAMESPACE', 'accreditation-test');
  return import('#commons/powertools/http-5xx-metric');
};

const serverErrorCounts = (spy: { mock: { calls: unknown[][] } }): number[] =>
  spy.mock.calls
    .map((call) => JSON.parse(String(call[0])) as Record<string, unknown>)
    .filter((document) => CustomMetric.apiServerErrors in document)
    .map((document) => document[CustomMetric.apiServerErrors] as number);

describe('Middleware: http5xxMetric', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  it.each([
    ['a thrown error the error handler turns into a 500', () => Promise.reject(new Error('DynamoDB unavailable')), 500, [1]],
    ['a 503 the route returns itself', () => Promise.resolve({ statusCode: 503, body: '{}' }), 503, [1]],
    ['a 4xx client error', () => Promise.reject(createError(404, 'No such cycle', { expose: true })), 404, []],
    ['a 200', () => Promise.resolve({ statusCode: 200, body: '{}' }), 200, []],
  ])('%s', async (_case, route, status, expected) => {
    // Prepare
    const spy = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const { http5xxMetric } = await loadMiddleware();
    const handler = middy(route as () => Promise<{ statusCode: number }>).use(http5xxMetric()).use(httpErrorHandler({ logger: false }));
    // Act
    const response = (await handler({}, {} as never)) as { statusCode: number };
    // Assess
    expect(response.statusCode).toBe(status);
    expect(serverErrorCounts(spy)).toEqual(expected);
  });
});
