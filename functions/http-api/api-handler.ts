// One HTTP API entry point over a list of routes: authorisation, routing, the 5xx metric and
// error responses, the same for every function behind the API (http-api and network-setup).
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import httpErrorHandler from '@middy/http-error-handler';
import { http5xxMetric } from '#commons/powertools/http-5xx-metric';
import { logger } from '#commons/powertools/logger';
import { withAuthorisation } from './authorisation.ts';
import type { HttpApiEvent, HttpApiResult } from './http.ts';
import { createRouter } from './router.ts';
import type { Route } from './router.ts';

const apiHandlerFor = (routes: Route[]) => {
  const httpApi: (event: HttpApiEvent) => Promise<HttpApiResult> = createRouter(withAuthorisation(routes));
  const handler = middy(httpApi)
    .use(injectLambdaContext(logger))
    // Before the error handler, so it sees the 500 response that handler builds.
    .use(http5xxMetric())
    .use(
      httpErrorHandler({
        // Client errors are expected answers; only server errors are worth an error log.
        logger: (error: { statusCode?: number }) => {
          if (!error.statusCode || error.statusCode >= 500) logger.error('Request failed', { error: error as Error });
        },
        fallbackMessage: JSON.stringify({ error: 'InternalError', message: 'The request could not be completed' }),
      }),
    );
  return { handler, httpApi };
};

export { apiHandlerFor };
