// Routes each HTTP API request to the function API Gateway would send it to: the catalogue's
// `httpRoutes` ("METHOD /path/{param}") go to their function, everything else to the default
// ('$default') function. The event's routeKey is set as API Gateway sets it.
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { Handler } from './lambda-invoker.ts';

interface RoutedFunction {
  routes: readonly string[];
  handler: Handler;
}

/** `PUT /networks/{networkId}` -> a matcher of the method and path (a parameter is one path segment). */
const matcherOf = (routeKey: string) => {
  const [method, path] = routeKey.split(' ');
  const pattern = new RegExp(`^${path.split('/').map((segment) => (/^\{[^}]+\}$/.test(segment) ? '[^/]+' : segment.replace(/[.*+?^$()|[\]\\]/g, '\\$&'))).join('/')}$`);
  return (event: APIGatewayProxyEventV2) => event.requestContext.http.method === method && pattern.test(event.rawPath);
};

const routeApiRequests = (defaultHandler: Handler, routed: readonly RoutedFunction[]): Handler => {
  const table = routed.flatMap(({ routes, handler }) => routes.map((routeKey) => ({ routeKey, matches: matcherOf(routeKey), handler })));
  return (event, context) => {
    const request = event as APIGatewayProxyEventV2;
    const route = table.find((candidate) => candidate.matches(request));
    return route ? route.handler({ ...request, routeKey: route.routeKey }, context) : defaultHandler(event, context);
  };
};

export { routeApiRequests };
export type { RoutedFunction };
