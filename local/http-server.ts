// One local port for the HTTP API and the web app. Each API request becomes the API Gateway
// HTTP API event (payload 2.0) and goes to the SAME http-api handler AWS runs. The API answers
// under /api/ (where the web app calls it, as through CloudFront on AWS) and at / (the CLI); the
// web app is web/dist plus local-only endpoints (the sign-in picker, the runtime's clock).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { z } from 'zod';
import { serveSignIn } from './console/sign-in.ts';
import { serveWebApp } from './console/web-files.ts';
import { buildHttpApiEvent } from './http-api-event.ts';
import { inInvocation } from './invocation-scope.ts';
import { lambdaContext } from './lambda-context.ts';
import type { Handler } from './lambda-invoker.ts';
import { PayloadTooLargeError, UnreadableBodyError, readBody } from './request-body.ts';

interface LocalClockControl {
  now(): Date;
  mode: 'real' | 'manual';
  advance(ms: number): Promise<void>;
}

interface HttpServerOptions {
  host: string;
  port: number;
  apiHandler: Handler;
  clock: LocalClockControl;
  /** Shown by the console: where the SES inbox and the other local services are. */
  links: Record<string, string>;
  now: () => Date;
}


const send = (response: ServerResponse, status: number, body: string, headers: Record<string, string> = {}) => {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(body);
};

/** A century at most per request: far past any cycle, and the target stays a valid date. */
const MAX_ADVANCE_SECONDS = 100 * 366 * 24 * 60 * 60;
const clockAdvanceSchema = z.object(
  { advanceBySeconds: z.number({ error: 'a number of seconds >= 0' }).min(0).max(MAX_ADVANCE_SECONDS) },
  { error: 'the body must be a JSON object with advanceBySeconds' },
);

type ClockAdvance = { seconds: number } | { field: string; message: string };

const parseClockAdvance = (text: string): ClockAdvance => {
  let body: unknown;
  try {
    body = text.trim() === '' ? {} : JSON.parse(text);
  } catch {
    return { field: 'request body', message: 'not valid JSON' };
  }
  const parsed = clockAdvanceSchema.safeParse(body);
  if (parsed.success) return { seconds: parsed.data.advanceBySeconds };
  const [issue] = parsed.error.issues;
  return { field: issue.path.map(String).join('.') || 'advanceBySeconds', message: issue.message };
};

const serveClock = async (request: IncomingMessage, response: ServerResponse, clock: LocalClockControl) => {
  if (request.method === 'POST') {
    if (clock.mode !== 'manual') return send(response, 400, JSON.stringify({ error: 'RealClock', message: 'The clock is real time' }));
    const advance = parseClockAdvance(await readBody(request));
    if ('field' in advance) {
      const { field, message } = advance;
      return send(response, 400, JSON.stringify({ error: 'ValidationError', message: `${field}: ${message}`, issues: [{ field, message }] }));
    }
    await clock.advance(advance.seconds * 1000);
  }
  send(response, 200, JSON.stringify({ now: clock.now().toISOString(), mode: clock.mode }));
};

const serveApi = async (request: IncomingMessage, response: ServerResponse, options: HttpServerOptions, url = request.url ?? '/') => {
  const event = buildHttpApiEvent({
    method: request.method ?? 'GET',
    url,
    headers: request.headers,
    body: await readBody(request),
    sourceIp: request.socket.remoteAddress,
    now: options.now(),
  });
  const result = (await inInvocation('http-api', event, () => options.apiHandler(event, lambdaContext('http-api')))) as APIGatewayProxyStructuredResultV2;
  const headers = Object.fromEntries(Object.entries(result.headers ?? {}).map(([name, value]) => [name, String(value)]));
  send(response, result.statusCode ?? 200, result.body ?? '', headers);
};

/** What the local sign-in picker lists, read through the same handler as network staff. */
const readApiAsStaff = async (options: HttpServerOptions, url: string): Promise<Record<string, unknown>> => {
  const event = buildHttpApiEvent({ method: 'GET', url, headers: {}, now: options.now() });
  const result = (await options.apiHandler(event, lambdaContext('http-api'))) as APIGatewayProxyStructuredResultV2;
  return result.statusCode === 200 && result.body ? (JSON.parse(result.body) as Record<string, unknown>) : {};
};

const route = async (request: IncomingMessage, response: ServerResponse, options: HttpServerOptions) => {
  const path = new URL(request.url ?? '/', 'http://localhost').pathname;
  if (path === '/_local/config') return send(response, 200, JSON.stringify(options.links));
  if (path === '/_local/clock') return serveClock(request, response, options.clock);
  if (path === '/api' || path.startsWith('/api/')) return serveApi(request, response, options, (request.url ?? '/').slice('/api'.length) || '/');
  if (path === '/_local/sign-in') return serveSignIn(request, response, (url) => readApiAsStaff(options, url));
  if (await serveWebApp(request, response, { links: options.links })) return;
  return serveApi(request, response, options);
};

const startHttpServer = async (options: HttpServerOptions): Promise<{ url: string; server: Server; stop(): Promise<void> }> => {
  const server = createServer((request, response) => {
    route(request, response, options).catch((error: unknown) => {
      if (error instanceof PayloadTooLargeError || error instanceof UnreadableBodyError) {
        // Close the connection: the rest of the upload is not worth reading.
        return send(response, error.statusCode, JSON.stringify({ error: error.name, message: error.message }), { connection: 'close' });
      }
      send(response, 500, JSON.stringify({ error: 'LocalServerError', message: String(error) }));
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port, options.host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host}:${port}`,
    server,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
};

export { startHttpServer };
export type { HttpServerOptions, LocalClockControl };
