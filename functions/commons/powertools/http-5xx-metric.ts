// Counts HTTP API responses with a 5xx status (ApiServerErrors) for the 5xx alarm. Middy's
// http-error-handler turns a thrown error into a 500 *response*, so the invocation succeeds and
// Lambda's Errors metric never sees it.
//
// Use it before httpErrorHandler: middy runs onError middlewares last-used first, so this one
// then sees the response the error handler built; `after` catches a 5xx a route returns itself.
//   middy(httpApi).use(injectLambdaContext(logger)).use(http5xxMetric()).use(httpErrorHandler(...))
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type middy from '@middy/core';
import { CustomMetric } from '#contracts/custom-metrics';
import { metrics, metricsEnabled } from './metrics.ts';

const countServerError = (request: middy.Request): void => {
  const statusCode = (request.response as { statusCode?: unknown } | undefined)?.statusCode;
  if (!metricsEnabled || typeof statusCode !== 'number' || statusCode < 500) return;
  // A single metric is written at once, so nothing waits for a flush the error path may skip.
  metrics.singleMetric().addMetric(CustomMetric.apiServerErrors, MetricUnit.Count, 1);
};

const http5xxMetric = (): middy.MiddlewareObj => ({ after: countServerError, onError: countServerError });

export { http5xxMetric };
