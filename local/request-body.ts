// Reads a request body for the local HTTP server, capped as API Gateway caps it: an HTTP API
// accepts payloads up to 10 MB (API Gateway quotas), so a larger request never reaches the
// function on AWS and must not locally either, nor be held in memory whole.
import type { IncomingMessage } from 'node:http';
import getRawBody from 'raw-body';

const MAX_BODY_BYTES = 10 * 1024 * 1024;

class PayloadTooLargeError extends Error {
  readonly statusCode = 413;

  constructor(limit: number, options?: ErrorOptions) {
    super(`The request body is over the ${limit / (1024 * 1024)} MB limit of API Gateway HTTP APIs`, options);
    this.name = 'PayloadTooLarge';
  }
}

class UnreadableBodyError extends Error {
  readonly statusCode = 400;

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'UnreadableBody';
  }
}

/** raw-body checks a declared Content-Length before reading, and counts chunked bytes as they come. */
const readBody = async (request: IncomingMessage, limit = MAX_BODY_BYTES): Promise<string> => {
  try {
    return await getRawBody(request, { limit, length: request.headers['content-length'], encoding: 'utf8' });
  } catch (error) {
    // What is left of the upload is discarded, so the answer can still be read by the client.
    request.resume();
    const type = (error as { type?: unknown }).type;
    if (type === 'entity.too.large') throw new PayloadTooLargeError(limit, { cause: error });
    if (typeof type === 'string') throw new UnreadableBodyError(`The request body could not be read (${type})`, { cause: error });
    throw error;
  }
};

export { MAX_BODY_BYTES, PayloadTooLargeError, UnreadableBodyError, readBody };
