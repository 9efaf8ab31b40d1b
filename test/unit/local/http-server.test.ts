// The local HTTP adapter's own edges (issue 12, defects 10a and 10b): the clock endpoint's body
// and the request size cap. The API handler and the clock are fakes: only the adapter is tested.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startHttpServer } from '../../../local/http-server.ts';

const MiB = 1024 * 1024;
const apiHandler = vi.fn(async (event: unknown) => ({ statusCode: 200, body: JSON.stringify({ length: String((event as { body?: string }).body ?? '').length }) }));
const clock = { now: () => new Date('2026-01-05T09:00:00.000Z'), mode: 'manual' as const, advance: vi.fn(async (_ms: number) => undefined) };
let server: Awaited<ReturnType<typeof startHttpServer>>;

const post = async (path: string, body: string | Buffer) => {
  const response = await fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  return { status: response.status, body: (await response.json()) as { error?: string; message?: string; issues?: { field: string }[] } };
};

/** A chunked upload (no Content-Length), so the cap must count bytes as they arrive. */
const postChunked = (path: string, chunks: number, chunkBytes: number) =>
  new Promise<number>((resolve, reject) => {
    const url = new URL(path, server.url);
    const outgoing = request({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { 'transfer-encoding': 'chunked' } }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    outgoing.on('error', reject);
    const chunk = Buffer.alloc(chunkBytes, 0x61);
    let sent = 0;
    const pump = () => {
      while (sent < chunks) {
        sent += 1;
        if (!outgoing.write(chunk)) return void outgoing.once('drain', pump);
      }
      outgoing.end();
    };
    pump();
  });

describe('Local HTTP server', () => {
  beforeAll(async () => {
    server = await startHttpServer({ host: '127.0.0.1', port: 0, apiHandler, clock, links: {}, now: clock.now });
  });
  afterAll(async () => {
    await server.stop();
  });

  it.each([
    { body: '{', field: 'request body' },
    { body: 'null', field: 'advanceBySeconds' },
    { body: '[1]', field: 'advanceBySeconds' },
    { body: '{"advanceBySeconds":-1}', field: 'advanceBySeconds' },
    { body: '{"advanceBySeconds":"60"}', field: 'advanceBySeconds' },
    { body: '{"advanceBySeconds":1e300}', field: 'advanceBySeconds' },
  ])('answers 400 naming $field for POST /_local/clock with $body (defect 10a)', async ({ body, field }) => {
    // Act
    const response = await post('/_local/clock', body);

    // Assess
    expect(response.status).toBe(400);
    expect(response.body.error).toBe('ValidationError');
    expect(response.body.issues?.map((issue) => issue.field)).toEqual([field]);
    expect(clock.advance).not.toHaveBeenCalled();
  });

  it('moves the clock for a well-formed advance', async () => {
    // Act
    const response = await post('/_local/clock', '{"advanceBySeconds":86400}');

    // Assess
    expect(response.status).toBe(200);
    expect(clock.advance).toHaveBeenCalledWith(86_400_000);
    clock.advance.mockClear();
  });

  it.each([
    { path: '/cycles', what: 'an API request' },
    { path: '/_local/clock', what: 'a clock request' },
  ])('answers 413 to $what over API Gateway HTTP API\'s 10 MB payload limit, before the handler sees it (defect 10b)', async ({ path }) => {
    // Prepare
    apiHandler.mockClear();

    // Act
    const declared = await post(path, Buffer.alloc(10 * MiB + 1, 0x20));
    const chunked = await postChunked(path, 12, MiB);

    // Assess
    expect(declared.status).toBe(413);
    expect(declared.body.error).toBe('PayloadTooLarge');
    expect(chunked).toBe(413);
    expect(apiHandler).not.toHaveBeenCalled();
    expect(clock.advance).not.toHaveBeenCalled();
  });

  it('passes a body of exactly 10 MB to the handler', async () => {
    // Prepare
    apiHandler.mockClear();

    // Act
    const response = await post('/cycles', Buffer.alloc(10 * MiB, 0x20));

    // Assess
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ length: 10 * MiB });
  });
});
