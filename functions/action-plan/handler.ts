// The action plan's entry point of the HTTP API (issue 13): a cycle's plan, its actions and their PDSA
// cycles, and staff's list of every plan. The HTTP API sends these routes here
// (contracts/function-catalogue.ts, httpRoutes), so the report drafting the proposals are rebuilt
// from is bundled with this function, not with the API's default one.
import { apiHandlerFor } from '../http-api/api-handler.ts';
import { actionPlanRoutes } from '../http-api/routes/action-plan.ts';
import { actionPlanListRoutes } from '../http-api/routes/action-plans.ts';
import { pdsaCycleRoutes } from '../http-api/routes/pdsa-cycles.ts';

const routes = [...actionPlanRoutes, ...pdsaCycleRoutes, ...actionPlanListRoutes];
const { handler, httpApi } = apiHandlerFor(routes);

export { handler, httpApi, routes };
