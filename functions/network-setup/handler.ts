// A second entry point of the HTTP API: loading a network from its files (network.yaml as the
// caller parsed it, standards.csv, reviewers). The HTTP API sends these routes here
// (contracts/function-catalogue.ts, httpRoutes) so that the CSV parser and the checks of a whole
// network are bundled with this function only, and every other request's function starts without them.
import { apiHandlerFor } from '../http-api/api-handler.ts';
import { networkLoadRoutes } from '../http-api/routes/network-load.ts';
import { standardsRoutes } from '../http-api/routes/standards.ts';

const routes = [...networkLoadRoutes, ...standardsRoutes];
const { handler, httpApi } = apiHandlerFor(routes);

export { handler, httpApi, routes };
