// The local S3 store (local/services/s3-emulator/) against the AWS SDK's own presigners: a policy
// or URL past its expiry, a wrong signature, a field the policy does not name and a wrong key are
// refused with S3's codes; HeadObject and a presigned GET read what was posted; CORS answers only
// the app's origin; on disk, the objects survive a restart.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, HeadObjectCommand, NotFound, S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startS3Emulator } from '../../../local/services/s3-emulator/index.ts';
import type { RunningS3Emulator, S3EmulatorOptions } from '../../../local/services/s3-emulator/index.ts';

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const BUCKET = 'evidence';
const APP_ORIGIN = 'http://127.0.0.1:3000';
const dir = mkdtempSync(join(tmpdir(), 's3-emulator-'));
let running: RunningS3Emulator | undefined;

const start = async (options: Partial<S3EmulatorOptions> = {}) => {
  running = await startS3Emulator({ host: '127.0.0.1', port: 0, buckets: [BUCKET], credentials, allowedOrigins: [APP_ORIGIN], ...options });
  return running;
};

const clientOf = (emulator: RunningS3Emulator, secretAccessKey = credentials.secretAccessKey) =>
  new S3Client({ endpoint: emulator.endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { ...credentials, secretAccessKey } });

const presignedPost = (client: S3Client, key: string, expires = 60) =>
  createPresignedPost(client, {
    Bucket: BUCKET,
    Key: key,
    Conditions: [['content-length-range', 1, 100], ['eq', '$Content-Type', 'text/plain']],
    Fields: { 'Content-Type': 'text/plain' },
    Expires: expires,
  });

const post = async (target: { url: string; fields: Record<string, string> }, body: string, extra: Record<string, string> = {}, headers: Record<string, string> = {}) => {
  const form = new FormData();
  for (const [name, value] of Object.entries({ ...target.fields, ...extra })) form.append(name, value);
  form.append('file', new Blob([body], { type: 'text/plain' }), 'notes.txt');
  const response = await fetch(target.url, { method: 'POST', body: form, headers });
  return { status: response.status, text: await response.text(), headers: response.headers };
};

describe('Local: the S3 emulator', () => {
  afterEach(async () => {
    await running?.stop();
    running = undefined;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('stores a posted file that HeadObject and a presigned GET read back, with CORS for the app only', async () => {
    // Prepare
    const emulator = await start();
    const client = clientOf(emulator);
    // Act
    const posted = await post(await presignedPost(client, 'a/notes.txt'), 'ward notes', {}, { origin: APP_ORIGIN });
    const head = await client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'a/notes.txt' }));
    const got = await fetch(await getSignedUrl(client, new GetObjectCommand({ Bucket: BUCKET, Key: 'a/notes.txt' }), { expiresIn: 60 }), { headers: { origin: 'http://evil.example' } });
    // Assess
    expect(posted.status).toBe(204);
    expect(posted.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
    expect([head.ContentLength, head.ContentType]).toEqual([10, 'text/plain']);
    expect(await got.text()).toBe('ward notes');
    expect(got.headers.get('access-control-allow-origin')).toBeNull();
  });

  it.each([
    ['an expired policy', async (client: S3Client) => post(await presignedPost(client, 'k', -1), 'x'), 403, 'Invalid according to Policy: Policy expired.'],
    ['a signature from another secret', async (client: S3Client, emulator: RunningS3Emulator) => post(await presignedPost(clientOf(emulator, 'wrong'), 'k'), 'x'), 403, '<Code>SignatureDoesNotMatch</Code>'],
    ['a field the policy does not name', async (client: S3Client) => post(await presignedPost(client, 'k'), 'x', { acl: 'public-read' }), 403, 'Extra input fields: acl'],
    ['a file under the minimum', async (client: S3Client) => post(await presignedPost(client, 'k'), ''), 400, '<Code>EntityTooSmall</Code>'],
    ['a file over the maximum', async (client: S3Client) => post(await presignedPost(client, 'k'), 'y'.repeat(101)), 400, '<ProposedSize>101</ProposedSize><MaxSizeAllowed>100</MaxSizeAllowed>'],
  ])('refuses %s as S3 does', async (_case, act, status, words) => {
    // Prepare
    const emulator = await start();
    // Act
    const refused = await act(clientOf(emulator), emulator);
    // Assess
    expect(refused.status).toBe(status);
    expect(refused.text).toContain(words);
  });

  it('refuses an expired presigned GET and a tampered one, and answers NotFound for a missing key', async () => {
    // Prepare
    let now = new Date();
    const emulator = await start({ now: () => now });
    const client = clientOf(emulator);
    await post(await presignedPost(client, 'b/notes.txt'), 'kept');
    const url = await getSignedUrl(client, new GetObjectCommand({ Bucket: BUCKET, Key: 'b/notes.txt' }), { expiresIn: 60 });
    // Act
    const tampered = await fetch(url.replace('b%2Fnotes.txt', 'b%2Fother.txt').replace('/b/notes.txt', '/b/other.txt'));
    now = new Date(Date.now() + 61_000);
    const expired = await fetch(url);
    const missing = client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'b/none.txt' }));
    // Assess
    expect([tampered.status, await tampered.text()]).toEqual([403, expect.stringContaining('SignatureDoesNotMatch')]);
    expect([expired.status, await expired.text()]).toEqual([403, expect.stringContaining('Request has expired')]);
    await expect(missing).rejects.toThrow(NotFound);
  });

  it('keeps the objects on disk across a restart', async () => {
    // Prepare
    const first = await start({ dataDir: dir });
    await post(await presignedPost(clientOf(first), 'c/notes.txt'), 'still here');
    await first.stop();
    // Act
    const second = await start({ dataDir: dir });
    const url = await getSignedUrl(clientOf(second), new GetObjectCommand({ Bucket: BUCKET, Key: 'c/notes.txt' }), { expiresIn: 60 });
    // Assess
    expect(await (await fetch(url)).text()).toBe('still here');
  });
});
