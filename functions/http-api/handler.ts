// The HTTP API for staff, services, reviewers and committee members. On AWS an HTTP API sends
// every request here (route `$default`); locally the adapter in local/ builds the same event.
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import httpErrorHandler from '@middy/http-error-handler';
import { http5xxMetric } from '#commons/powertools/http-5xx-metric';
import { logger } from '#commons/powertools/logger';
import { withAuthorisation } from './authorisation.ts';
import type { HttpApiEvent, HttpApiResult } from './http.ts';
import { createRouter } from './router.ts';
import { cohortRoutes } from './routes/cohorts.ts';
import { cycleRecordRoutes } from './routes/cycle-records.ts';
import { cycleRoutes } from './routes/cycles.ts';
import { handPickedTeamRoutes } from './routes/hand-picked-team.ts';
import { networkRoutes } from './routes/networks.ts';
import { reviewerRoutes } from './routes/reviewers.ts';
import { serviceRoutes } from './routes/services.ts';
import { standardsRoutes } from './routes/standards.ts';
import { taskRoutes } from './routes/tasks.ts';
import { withdrawalRoutes } from './routes/withdrawal.ts';

// The workflow's stage routes: standards, reviewer pool and invitations, the team and report, withdrawal.
const workflowRoutes = [...standardsRoutes, ...reviewerRoutes, ...cycleRecordRoutes, ...handPickedTeamRoutes, ...withdrawalRoutes];
const routes = [...networkRoutes, ...serviceRoutes, ...cycleRoutes, ...cohortRoutes, ...taskRoutes, ...workflowRoutes];
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

export { handler, httpApi, routes };
