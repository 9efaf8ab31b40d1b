// A fourth entry point of the HTTP API: what follows a review (issue 13), the measures with their run
// and SPC charts, the network report of a cohort, the good-practice library, and what the last
// review's plan did, shown by a follow-up cycle's self-review. The HTTP API sends
// these routes here (contracts/function-catalogue.ts, httpRoutes) so that the chart rules, the SVG
// renderer and the CSV parser and writer are bundled with this function only, and every other
// request's function starts without them.
import { apiHandlerFor } from '../http-api/api-handler.ts';
import { goodPracticeRoutes } from '../http-api/routes/good-practice.ts';
import { lastReviewRoutes } from '../http-api/routes/last-review.ts';
import { measureRoutes } from '../http-api/routes/measures.ts';
import { networkReportRoutes } from '../http-api/routes/network-report.ts';

const routes = [...measureRoutes, ...networkReportRoutes, ...goodPracticeRoutes, ...lastReviewRoutes];
const { handler, httpApi } = apiHandlerFor(routes);

export { handler, httpApi, routes };
