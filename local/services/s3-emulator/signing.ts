// AWS Signature Version 4 as S3 checks it, for the emulator's three ways in: a presigned POST
// (the signature is over the base64 policy), a presigned URL (query parameters) and an SDK call
// (Authorization header). Only the emulator's own credentials are known; the signing key is derived
// as SigV4 defines it (AWS4 + secret → date → region → service → aws4_request).
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { S3Errors } from './s3-errors.ts';

interface EmulatorCredentials {
  accessKeyId: string;
  secretAccessKey: string;
}

const hmac = (key: Buffer | string, data: string): Buffer => createHmac('sha256', key).update(data, 'utf8').digest();
const sha256Hex = (data: string): string => createHash('sha256').update(data, 'utf8').digest('hex');

const signingKey = (secret: string, shortDate: string, region: string, service: string): Buffer =>
  hmac(hmac(hmac(hmac(`AWS4${secret}`, shortDate), region), service), 'aws4_request');

/** `AKID/20260101/us-east-1/s3/aws4_request` → its parts; an unknown key id is S3's InvalidAccessKeyId. */
const scopeOf = (credential: string, credentials: EmulatorCredentials) => {
  const [accessKeyId, shortDate, region, service, terminator] = credential.split('/');
  if (accessKeyId !== credentials.accessKeyId) throw S3Errors.invalidAccessKeyId();
  if (!shortDate || !region || service !== 's3' || terminator !== 'aws4_request') throw S3Errors.accessDenied(`Invalid credential scope: ${credential}`);
  return { shortDate, region, scope: `${shortDate}/${region}/s3/aws4_request` };
};

const sameSignature = (expected: string, given: string): boolean => {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(given, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
};

/** A POST policy's signature: HMAC of the base64 policy text with the scope's signing key. */
const verifyPolicySignature = (policy: string, credential: string, signature: string, credentials: EmulatorCredentials): void => {
  const { shortDate, region } = scopeOf(credential, credentials);
  const expected = hmac(signingKey(credentials.secretAccessKey, shortDate, region, 's3'), policy).toString('hex');
  if (!sameSignature(expected, signature.toLowerCase())) throw S3Errors.signatureDoesNotMatch();
};

/** RFC 3986 encoding as SigV4 wants it: encodeURIComponent plus the five characters it leaves. */
const uriEncode = (text: string): string => encodeURIComponent(text).replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);

interface IncomingSigned {
  method: string;
  /** The path as sent (already %-encoded): S3 does not encode it again. */
  rawPath: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
}

const canonicalRequest = (request: IncomingSigned, signedHeaders: string[], payloadHash: string): string => {
  const query = [...request.query.entries()]
    .filter(([name]) => name !== 'X-Amz-Signature')
    .map(([name, value]) => [uriEncode(name), uriEncode(value)] as const)
    .sort(([a, av], [b, bv]) => (a === b ? (av < bv ? -1 : 1) : a < b ? -1 : 1))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
  const headers = signedHeaders.map((name) => {
    const value = request.headers[name];
    return `${name}:${(Array.isArray(value) ? value.join(',') : (value ?? '')).trim().replace(/\s+/g, ' ')}\n`;
  });
  return [request.method, request.rawPath, query, headers.join(''), signedHeaders.join(';'), payloadHash].join('\n');
};

const stringToSign = (amzDate: string, scope: string, canonical: string): string => ['AWS4-HMAC-SHA256', amzDate, scope, sha256Hex(canonical)].join('\n');

/** `20260102T030405Z` → its Date. */
const dateOfAmz = (amzDate: string): Date =>
  new Date(`${amzDate.slice(0, 4)}-${amzDate.slice(4, 6)}-${amzDate.slice(6, 8)}T${amzDate.slice(9, 11)}:${amzDate.slice(11, 13)}:${amzDate.slice(13, 15)}Z`);

/** A presigned URL: signed, and not past X-Amz-Date + X-Amz-Expires (S3: "Request has expired"). */
const verifyPresignedUrl = (request: IncomingSigned, credentials: EmulatorCredentials, now: Date): void => {
  const field = (name: string) => request.query.get(name) ?? '';
  if (field('X-Amz-Algorithm') !== 'AWS4-HMAC-SHA256') throw S3Errors.accessDenied('Only AWS4-HMAC-SHA256 is supported');
  const { shortDate, region, scope } = scopeOf(field('X-Amz-Credential'), credentials);
  const amzDate = field('X-Amz-Date');
  const canonical = canonicalRequest(request, field('X-Amz-SignedHeaders').split(';'), 'UNSIGNED-PAYLOAD');
  const expected = hmac(signingKey(credentials.secretAccessKey, shortDate, region, 's3'), stringToSign(amzDate, scope, canonical)).toString('hex');
  if (!sameSignature(expected, field('X-Amz-Signature'))) throw S3Errors.signatureDoesNotMatch();
  if (now.getTime() > dateOfAmz(amzDate).getTime() + Number(field('X-Amz-Expires')) * 1000) throw S3Errors.requestExpired();
};

/** An SDK call signed in its Authorization header. */
const verifyAuthorizationHeader = (request: IncomingSigned, credentials: EmulatorCredentials): void => {
  const header = String(request.headers.authorization ?? '');
  const match = /^AWS4-HMAC-SHA256 Credential=([^,]+),\s*SignedHeaders=([^,]+),\s*Signature=([0-9a-f]+)$/.exec(header);
  if (!match) throw S3Errors.accessDenied();
  const [, credential, signedHeaders, signature] = match;
  const { shortDate, region, scope } = scopeOf(credential, credentials);
  const amzDate = String(request.headers['x-amz-date'] ?? '');
  const canonical = canonicalRequest(request, signedHeaders.split(';'), String(request.headers['x-amz-content-sha256'] ?? 'UNSIGNED-PAYLOAD'));
  const expected = hmac(signingKey(credentials.secretAccessKey, shortDate, region, 's3'), stringToSign(amzDate, scope, canonical)).toString('hex');
  if (!sameSignature(expected, signature)) throw S3Errors.signatureDoesNotMatch();
};

export { verifyAuthorizationHeader, verifyPolicySignature, verifyPresignedUrl };
export type { EmulatorCredentials, IncomingSigned };
