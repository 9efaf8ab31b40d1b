// The Step Functions API over HTTP, AWS JSON 1.0 protocol: POST / with
// `X-Amz-Target: AWSStepFunctions.<Operation>`, so @aws-sdk/client-sfn works unchanged.
// Also serves the runtime's own clock at /_local/clock (not an AWS API).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { ApiError, apiErrors } from '../errors.ts';

type Operation = (request: Record<string, unknown>) => Promise<unknown>;

interface ClockEndpoint {
  show(): { now: string; mode: string };
  advance(request: Record<string, unknown>): Promise<{ now: string }>;
}

const targetPrefix = 'AWSStepFunctions.';
const jsonContentType = 'application/x-amz-json-1.0';

const readBody = (request: IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });

const send = (response: ServerResponse, status: number, body: unknown, contentType = jsonContentType) => {
  const text = JSON.stringify(body, (_key, value) => (value === undefined ? undefined : value));
  response.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(text) });
  response.end(text);
};

const sendError = (response: ServerResponse, error: unknown) => {
  const apiError = error instanceof ApiError ? error : new ApiError('InternalFailure', error instanceof Error ? error.message : String(error), 500);
  response.setHeader('x-amzn-errortype', apiError.type);
  send(response, apiError.statusCode, { __type: apiError.type, message: apiError.message });
};

const parseBody = (text: string): Record<string, unknown> => {
  if (text.trim() === '') return {};
  try {
    const parsed = JSON.parse(text) as unknown;
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // fall through to the AWS-shaped error below
  }
  throw new ApiError('SerializationException', 'The request body is not a JSON object');
};

const createApiServer = (operations: Record<string, Operation>, clock: ClockEndpoint): Server =>
  createServer(async (request, response) => {
    try {
      const url = new URL(request.url ?? '/', 'http://localhost');
      if (url.pathname === '/_local/clock') {
        if (request.method === 'GET') return send(response, 200, clock.show(), 'application/json');
        if (request.method === 'POST') return send(response, 200, await clock.advance(parseBody(await readBody(request))), 'application/json');
      }
      const target = request.headers['x-amz-target'];
      if (request.method !== 'POST' || typeof target !== 'string' || !target.startsWith(targetPrefix)) {
        throw new ApiError('UnknownOperationException', 'Expected POST with X-Amz-Target: AWSStepFunctions.<Operation>', 400);
      }
      const name = target.slice(targetPrefix.length);
      const operation = operations[name];
      if (!operation) throw apiErrors.unknownOperation(name);
      send(response, 200, (await operation(parseBody(await readBody(request)))) ?? {});
    } catch (error) {
      sendError(response, error);
    }
  });

export { createApiServer };
export type { Operation, ClockEndpoint };
