// A small router: on AWS the HTTP API sends every request to this one function (route `$default`),
// and locally the adapter does the same, so routing lives here once.
import { CalendarCoverageError } from '#core/errors';
import { dependencyUnavailable, isDependencyDown } from './dependency-down.ts';
import { httpError } from './http.ts';
import type { HttpApiEvent, HttpApiResult } from './http.ts';

type RouteHandler = (event: HttpApiEvent, params: Record<string, string>) => Promise<HttpApiResult>;

interface Route {
  method: string;
  /** e.g. `/cycles/{cycleId}/tasks/{stage}` */
  path: string;
  handle: RouteHandler;
}

const compile = (path: string): RegExp =>
  new RegExp(`^${path.replace(/\{([A-Za-z]+)\}/g, (_match, name: string) => `(?<${name}>[^/]+)`)}/?$`);

/**
 * A path parameter as the route sees it. A malformed %-escape is the caller's mistake, so it is
 * a 400 naming the parameter, not the URIError decodeURIComponent throws.
 */
const decodeParameter = (name: string, value: string): string => {
  try {
    return decodeURIComponent(value);
  } catch (error) {
    if (!(error instanceof URIError)) throw error;
    const message = 'malformed percent-encoding (each % must start an escape such as %2F of valid UTF-8)';
    throw httpError(400, 'ValidationError', `Invalid path parameter: ${name}: ${message}`, { issues: [{ field: name, message }] });
  }
};

/**
 * Working days cannot be counted outside the bank-holiday data's years, so a date there is a
 * date the workflow cannot handle: whichever route meets it, the caller gets a 400 naming the
 * field and the covered years, not a 500.
 */
const outsideCalendar = (error: CalendarCoverageError) => {
  const field = error.field ?? 'date';
  const message = `${error.year} is outside the years the bank-holiday data covers (${error.coveredFrom}–${error.coveredTo})`;
  return httpError(400, 'DateOutsideCalendar', `${field}: ${message}`, {
    issues: [{ field, message }],
    coveredYears: { from: error.coveredFrom, to: error.coveredTo },
  });
};

const createRouter = (routes: readonly Route[]) => {
  const compiled = routes.map((route) => ({ ...route, pattern: compile(route.path) }));
  return async (event: HttpApiEvent): Promise<HttpApiResult> => {
    const method = event.requestContext.http.method.toUpperCase();
    const path = event.rawPath;
    const matches = compiled
      .map((route) => ({ route, match: route.pattern.exec(path) }))
      .filter((candidate) => candidate.match !== null);
    if (matches.length === 0) throw httpError(404, 'NotFound', `No route for ${path}`);
    const found = matches.find(({ route }) => route.method === method);
    if (!found?.match) throw httpError(405, 'MethodNotAllowed', `${method} is not allowed on ${path}`);
    const params = Object.fromEntries(
      Object.entries(found.match.groups ?? {}).map(([name, value]) => [name, decodeParameter(name, value)]),
    );
    try {
      return await found.route.handle(event, params);
    } catch (error) {
      if (error instanceof CalendarCoverageError) throw outsideCalendar(error);
      if (isDependencyDown(error)) throw dependencyUnavailable(error as Error);
      throw error;
    }
  };
};

export { createRouter };
export type { Route, RouteHandler };
