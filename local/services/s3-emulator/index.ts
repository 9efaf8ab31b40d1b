// A small S3-compatible store on 127.0.0.1 for the evidence files (issue 9), started by `npm start`.
// No npm S3 fake checks a POST policy's conditions (s3rver 3.7 checks the signature and expiry
// only), and the policy is what keeps an oversized or wrong-typed file out, so the emulator owns
// exactly what the app relies on: browser uploads by presigned POST (signature, expiry,
// content-length-range, the content type and the key, as S3 checks them), downloads by presigned
// GET and HeadObject by SigV4, answered with S3's status codes and XML errors. Nothing else of S3.
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import busboy from 'busboy';
import { folderStore, memoryStore } from './object-store.ts';
import type { ObjectStore } from './object-store.ts';
import { checkPostPolicy } from './post-policy.ts';
import type { SizeRange } from './post-policy.ts';
import { errorXml, S3Error, S3Errors } from './s3-errors.ts';
import { verifyAuthorizationHeader, verifyPresignedUrl } from './signing.ts';
import type { EmulatorCredentials, IncomingSigned } from './signing.ts';

interface S3EmulatorOptions {
  host: string;
  /** 0 picks a free port. */
  port: number;
  buckets: readonly string[];
  credentials: EmulatorCredentials;
  /** Origins a browser may upload from and read with (the bucket's CORS rule): the web app's. */
  allowedOrigins: readonly string[];
  /** Folder the objects are kept in; omit for memory only (tests). */
  dataDir?: string;
  /** Presigned requests are dated by the signer's real clock, so expiry is checked on it too. */
  now?: () => Date;
}

interface RunningS3Emulator {
  endpoint: string;
  stop(): Promise<void>;
}

/** The file and its policy's range: read in full only while it stays within the range's maximum. */
interface ReceivedFile {
  body: Buffer;
  size: number;
  name: string;
  range: SizeRange;
}

const send = (response: ServerResponse, status: number, headers: Record<string, string | number> = {}, body?: Buffer | string) => {
  response.writeHead(status, headers);
  response.end(body);
};

const sendError = (response: ServerResponse, error: S3Error, resource: string, method: string) => {
  // HEAD answers carry no body: the SDK reads the status alone (NotFound, Forbidden).
  if (method === 'HEAD') return send(response, error.status, { 'x-amz-error-code': error.code });
  send(response, error.status, { 'content-type': 'application/xml' }, errorXml(error, resource));
};

/** Reads the multipart form: fields before the file (S3 ignores those after it), the file checked against the policy as it streams. */
const receiveForm = (request: IncomingMessage, bucket: string, credentials: EmulatorCredentials, now: () => Date) =>
  new Promise<{ fields: Map<string, string>; file: ReceivedFile }>((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: request.headers });
    } catch {
      return reject(S3Errors.malformedPost());
    }
    const fields = new Map<string, string>([['bucket', bucket]]);
    let file: ReceivedFile | undefined;
    let failure: unknown;
    parser.on('field', (name, value) => {
      if (!file) fields.set(name.toLowerCase(), value);
    });
    parser.on('file', (name, stream, info) => {
      if (name.toLowerCase() !== 'file' || file || failure) return stream.resume();
      try {
        const range = checkPostPolicy(fields, credentials, now());
        const chunks: Buffer[] = [];
        const received: ReceivedFile = { body: Buffer.alloc(0), size: 0, name: info.filename ?? '', range };
        file = received;
        stream.on('data', (chunk: Buffer) => {
          received.size += chunk.length;
          // Past the maximum the rest is only counted, for S3's ProposedSize.
          if (received.size <= range.max) chunks.push(chunk);
        });
        stream.on('end', () => (received.body = Buffer.concat(chunks)));
      } catch (error) {
        failure = error;
        stream.resume();
      }
    });
    parser.on('error', () => reject(S3Errors.malformedPost()));
    parser.on('close', () => {
      if (failure) return reject(failure);
      if (!file) return reject(S3Errors.missingField('file'));
      resolve({ fields, file });
    });
    request.pipe(parser);
  });

const upload = async (request: IncomingMessage, response: ServerResponse, bucket: string, store: ObjectStore, options: S3EmulatorOptions, now: () => Date) => {
  const { fields, file } = await receiveForm(request, bucket, options.credentials, now);
  if (file.size > file.range.max) throw S3Errors.entityTooLarge(file.size, file.range.max);
  if (file.size < file.range.min) throw S3Errors.entityTooSmall(file.size, file.range.min);
  const key = (fields.get('key') ?? '').replace('${filename}', file.name);
  const etag = `"${createHash('md5').update(file.body).digest('hex')}"`;
  store.put(bucket, key, { body: file.body, contentType: fields.get('content-type') ?? 'binary/octet-stream', etag, lastModified: now().toUTCString() });
  const location = `http://${request.headers.host}/${bucket}/${encodeURIComponent(key)}`;
  const status = Number(fields.get('success_action_status') ?? 204);
  if (status === 201) {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<PostResponse><Location>${location}</Location><Bucket>${bucket}</Bucket><Key>${key}</Key><ETag>${etag}</ETag></PostResponse>`;
    return send(response, 201, { 'content-type': 'application/xml', etag, location }, xml);
  }
  send(response, status === 200 ? 200 : 204, { etag, location });
};

const read = (request: IncomingMessage, response: ServerResponse, signed: IncomingSigned, bucket: string, key: string, store: ObjectStore, options: S3EmulatorOptions, now: () => Date) => {
  if (signed.query.has('X-Amz-Signature')) verifyPresignedUrl(signed, options.credentials, now());
  else verifyAuthorizationHeader(signed, options.credentials);
  const object = store.get(bucket, key);
  if (!object) throw S3Errors.noSuchKey();
  const overrides = signed.query.get('response-content-disposition');
  send(
    response,
    200,
    {
      'content-type': signed.query.get('response-content-type') ?? object.contentType,
      'content-length': object.body.length,
      etag: object.etag,
      'last-modified': object.lastModified,
      ...(overrides ? { 'content-disposition': overrides } : {}),
    },
    request.method === 'HEAD' ? undefined : object.body,
  );
};

/** The bucket's CORS rule: the app's origins may POST and GET; anything else gets no CORS headers. */
const corsHeaders = (request: IncomingMessage, options: S3EmulatorOptions): Record<string, string> => {
  const origin = request.headers.origin;
  if (!origin || !options.allowedOrigins.includes(origin)) return {};
  return { 'access-control-allow-origin': origin, vary: 'Origin', 'access-control-expose-headers': 'ETag, Location' };
};

const startS3Emulator = async (options: S3EmulatorOptions): Promise<RunningS3Emulator> => {
  const store = options.dataDir ? folderStore(options.dataDir) : memoryStore();
  const now = options.now ?? (() => new Date());
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const [, bucket = '', ...keyParts] = url.pathname.split('/');
    const rawKey = keyParts.join('/');
    const method = request.method ?? 'GET';
    for (const [name, value] of Object.entries(corsHeaders(request, options))) response.setHeader(name, value);
    const handle = async () => {
      if (method === 'OPTIONS') {
        if (!response.hasHeader('access-control-allow-origin')) throw new S3Error(403, 'AccessForbidden', 'CORSResponse: This CORS request is not allowed.');
        return send(response, 200, { 'access-control-allow-methods': 'GET, HEAD, POST', 'access-control-allow-headers': String(request.headers['access-control-request-headers'] ?? '') });
      }
      if (!options.buckets.includes(bucket)) throw S3Errors.noSuchBucket();
      if (method === 'POST' && rawKey === '') return upload(request, response, bucket, store, options, now);
      if ((method === 'GET' || method === 'HEAD') && rawKey !== '') {
        const signed: IncomingSigned = { method, rawPath: url.pathname, query: url.searchParams, headers: request.headers };
        return read(request, response, signed, bucket, decodeURIComponent(rawKey), store, options, now);
      }
      throw S3Errors.methodNotAllowed();
    };
    handle().catch((error: unknown) => {
      if (response.headersSent) return response.destroy();
      if (error instanceof S3Error) return sendError(response, error, url.pathname, method);
      send(response, 500, { 'content-type': 'application/xml' }, errorXml(new S3Error(500, 'InternalError', 'We encountered an internal error. Please try again.'), url.pathname));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://${options.host}:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
};

export { startS3Emulator };
export type { RunningS3Emulator, S3EmulatorOptions };
