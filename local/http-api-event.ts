// Builds the API Gateway HTTP API (payload format 2.0) event for one request, as API Gateway
// would for a `$default` route, so the local server calls the very handler AWS runs.
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';

interface PlainRequest {
  method: string;
  /** Path and query, e.g. `/cycles?networkId=x`. */
  url: string;
  headers?: Record<string, string | string[] | undefined>;
  body?: string;
  sourceIp?: string;
  now?: Date;
}

const singleValued = (headers: PlainRequest['headers'] = {}): Record<string, string> =>
  Object.fromEntries(
    Object.entries(headers)
      .filter(([, value]) => value !== undefined)
      .map(([name, value]) => [name.toLowerCase(), Array.isArray(value) ? value.join(',') : (value as string)]),
  );

const queryParameters = (search: URLSearchParams): Record<string, string> | undefined => {
  const entries = [...search.keys()].map((key) => [key, search.getAll(key).join(',')] as const);
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
};

/**
 * The claims Cognito's JWT authoriser would pass on AWS, for the identity the local caller names in
 * `x-local-user: <group>[:<organisationId>[:<reviewerId>[:<email>]]]` (e.g. `service:trust-a`,
 * `reviewer:trust-b:rev-7`, the service lead `service:trust-a::lead@trust-a.example.org`); network
 * staff when the header is absent. There is no sign-in locally:
 * the console and the CLI act as any role, and the handler enforces the same rules as on AWS.
 */
const LOCAL_USER_HEADER = 'x-local-user';
const localClaims = (header: string | undefined): Record<string, string> => {
  const [group = 'staff', organisationId, reviewerId, email] = (header ?? 'staff').split(':').map((part) => part.trim());
  return {
    sub: `local-${group}${organisationId ? `-${organisationId}` : ''}${reviewerId ? `-${reviewerId}` : ''}${email ? `-${email}` : ''}`,
    'cognito:groups': `[${group}]`,
    ...(organisationId ? { 'custom:organisationId': organisationId } : {}),
    ...(reviewerId ? { 'custom:reviewerId': reviewerId } : {}),
    ...(email ? { email } : {}),
  };
};

const buildHttpApiEvent = ({ method, url, headers, body, sourceIp = '127.0.0.1', now = new Date() }: PlainRequest): APIGatewayProxyEventV2WithJWTAuthorizer => {
  const parsed = new URL(url, 'http://localhost');
  const headerMap = singleValued(headers);
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: parsed.pathname,
    rawQueryString: parsed.search.replace(/^\?/, ''),
    headers: headerMap,
    queryStringParameters: queryParameters(parsed.searchParams),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: headerMap.host ?? 'localhost',
      domainPrefix: 'local',
      http: { method: method.toUpperCase(), path: parsed.pathname, protocol: 'HTTP/1.1', sourceIp, userAgent: headerMap['user-agent'] ?? '' },
      authorizer: { principalId: '', integrationLatency: 0, jwt: { claims: localClaims(headerMap[LOCAL_USER_HEADER]), scopes: [] } },
      requestId: randomUUID(),
      routeKey: '$default',
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    ...(body !== undefined && body !== '' ? { body } : {}),
    isBase64Encoded: false,
  };
};

export { LOCAL_USER_HEADER, buildHttpApiEvent, localClaims };
export type { PlainRequest };
