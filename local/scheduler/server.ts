// The EventBridge Scheduler API over HTTP as @aws-sdk/client-scheduler speaks it: restJson1
// (REST paths, JSON bodies, the error name in x-amzn-ErrorType), not the AWS JSON 1.0 protocol
// that Step Functions uses. Only the operations the application needs are served.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { SchedulerApiError } from './errors.ts';
import type { ScheduleService } from './schedules.ts';

const readBody = (request: IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });

const send = (response: ServerResponse, status: number, body: unknown, errorType?: string) => {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...(errorType ? { 'x-amzn-errortype': errorType } : {}),
  });
  response.end(text);
};

const parseJson = (text: string): Record<string, unknown> => {
  if (text.trim() === '') return {};
  try {
    const parsed = JSON.parse(text) as unknown;
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // answered below, as the service would
  }
  throw new SchedulerApiError('ValidationException', 400, 'The request body is not a JSON object');
};

const SCHEDULE_PATH = /^\/schedules\/([^/]+)$/;

const route = async (service: ScheduleService, method: string, url: URL, body: string): Promise<unknown> => {
  const query = (name: string) => url.searchParams.get(name) ?? undefined;
  if (url.pathname === '/schedules' && method === 'GET') {
    return service.list({ group: query('ScheduleGroup'), namePrefix: query('NamePrefix'), state: query('State') });
  }
  const match = SCHEDULE_PATH.exec(url.pathname);
  if (match) {
    const name = decodeURIComponent(match[1]);
    if (method === 'POST') return service.create(name, parseJson(body));
    if (method === 'PUT') return service.update(name, parseJson(body));
    if (method === 'GET') return service.get(name, query('groupName'));
    if (method === 'DELETE') return service.delete(name, query('groupName'));
  }
  throw new SchedulerApiError('ValidationException', 400, `The local scheduler does not serve ${method} ${url.pathname}`);
};

const createSchedulerServer = (service: ScheduleService): Server =>
  createServer(async (request, response) => {
    try {
      const url = new URL(request.url ?? '/', 'http://localhost');
      send(response, 200, (await route(service, request.method ?? 'GET', url, await readBody(request))) ?? {});
    } catch (error) {
      const apiError = error instanceof SchedulerApiError ? error : new SchedulerApiError('InternalServerException', 500, String((error as Error).message ?? error));
      send(response, apiError.statusCode, { Message: apiError.message }, apiError.name);
    }
  });

export { createSchedulerServer };
