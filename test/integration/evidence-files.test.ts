// Evidence files (issue 9) on the local stack: the API signs a POST for one key, type and size
// range; the local S3 store refuses what the policy does not allow, as S3 does; the file is
// recorded on the answer and read back byte for byte; one organisation can neither upload to nor
// read another's evidence. Every API call goes through the local adapter's x-local-user identity.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVIDENCE_MAX_BYTES } from '#core/evidence-files';
import { startTestApp } from '../support/local-app.ts';
import type { TestApp } from '../support/local-app.ts';
import { enrolAndStart, loadNetwork, waitForTask } from '../support/cycle-walk.ts';
import { callApiAs } from '../support/operations.ts';

let env: TestApp;

interface Upload {
  url: string;
  fields: Record<string, string>;
  maxBytes: number;
  file: { kind: 'file'; key: string; name: string; contentType: string; size: number };
}
interface Refusal {
  error: string;
  message: string;
  issues?: { field: string; message: string }[];
}

const cycleAtSelfReview = async (serviceId: string): Promise<string> => {
  const { cycleId } = await enrolAndStart(env, serviceId, 'self-review');
  await waitForTask(env, cycleId, 'self-review');
  return cycleId;
};

const askUpload = (user: string, cycleId: string, standardId: string, body: Record<string, unknown>) =>
  callApiAs<Upload & Refusal>(env.app, user, 'POST', `/cycles/${cycleId}/evidence/self-review/${encodeURIComponent(standardId)}/uploads`, body);

const askDownload = (user: string, cycleId: string, key: string) =>
  callApiAs<{ url: string } & Refusal>(env.app, user, 'GET', `/cycles/${cycleId}/evidence/download?key=${encodeURIComponent(key)}&name=audit.pdf`);

/** The browser's multipart POST: the signed fields, then the file last, as S3 requires. */
const postFile = async (upload: Pick<Upload, 'url' | 'fields'>, bytes: Buffer, contentType: string, overrides: Record<string, string> = {}) => {
  const form = new FormData();
  for (const [name, value] of Object.entries({ ...upload.fields, ...overrides })) form.append(name, value);
  form.append('file', new Blob([bytes], { type: contentType }), 'audit.pdf');
  const response = await fetch(upload.url, { method: 'POST', body: form });
  return { status: response.status, text: await response.text() };
};

const pdfRequest = (size: number) => ({ fileName: 'Ward audit March.pdf', contentType: 'application/pdf', size });

describe('Integration: evidence files uploaded with presigned POST and read with presigned GET', () => {
  beforeAll(async () => {
    env = await startTestApp();
    await loadNetwork(env);
  }, 120_000);

  afterAll(async () => {
    await env?.stop();
  });

  it('uploads a file, records it on the answer with the size S3 holds, and downloads it back byte for byte', async () => {
    // Prepare
    const cycleId = await cycleAtSelfReview('svc-evidence');
    const service = 'service:org-svc-evidence';
    const bytes = randomBytes(64 * 1024);
    // Act
    const upload = await askUpload(service, cycleId, '1.1', pdfRequest(bytes.length));
    const posted = await postFile(upload.body, bytes, 'application/pdf');
    const saved = await callApiAs<{ answer: { evidence: unknown[] } }>(env.app, service, 'PUT', `/cycles/${cycleId}/self-review/answers/1.1`, {
      rating: 'met',
      evidence: [{ title: 'Policy', url: 'https://trust.example.nhs.uk/policy' }, { ...upload.body.file, size: 1 }],
      basedOnVersion: 0,
      savedBy: 'Asha Patel',
    });
    const download = await askDownload(service, cycleId, upload.body.file.key);
    const fetched = await fetch(download.body.url);
    const body = Buffer.from(await fetched.arrayBuffer());
    // Assess
    expect(upload.status).toBe(201);
    expect(upload.body.file.key).toMatch(new RegExp(`^evidence/${cycleId}/self-review/1\\.1/[0-9a-f-]{36}$`));
    expect(posted.status).toBe(204);
    expect(saved.status).toBe(200);
    expect(saved.body.answer.evidence[1]).toEqual({ ...upload.body.file, size: bytes.length });
    expect(download.status).toBe(200);
    expect(fetched.headers.get('content-disposition')).toContain('attachment; filename="audit.pdf"');
    expect(body.equals(bytes)).toBe(true);
  });

  it.each([
    ['over the size limit', { ...pdfRequest(EVIDENCE_MAX_BYTES + 1) }, 'size'],
    ['of a type not on the list', { fileName: 'page.html', contentType: 'text/html', size: 10 }, 'contentType'],
  ])('refuses to sign an upload %s with a 400 naming the field', async (_case, request, field) => {
    // Prepare
    const cycleId = await cycleAtSelfReview(`svc-refuse-${field.toLowerCase()}`);
    // Act
    const refused = await askUpload(`service:org-svc-refuse-${field.toLowerCase()}`, cycleId, '1.1', request);
    // Assess
    expect(refused.status).toBe(400);
    expect(refused.body.issues?.map((issue) => issue.field)).toEqual([field]);
  });

  it('has the store refuse a file larger than the signed range, another content type and another key, as S3 does', async () => {
    // Prepare
    const cycleId = await cycleAtSelfReview('svc-policy');
    const upload = (await askUpload('service:org-svc-policy', cycleId, '1.1', pdfRequest(1000))).body;
    // Act
    const tooLarge = await postFile(upload, Buffer.alloc(EVIDENCE_MAX_BYTES + 1), 'application/pdf');
    const otherType = await postFile(upload, Buffer.from('<script>alert(1)</script>'), 'text/html', { 'Content-Type': 'text/html' });
    const otherKey = await postFile(upload, Buffer.from('%PDF-1.4'), 'application/pdf', { key: `evidence/${cycleId}/self-review/1.2/mine` });
    // Assess
    expect(tooLarge.status).toBe(400);
    expect(tooLarge.text).toContain('<Code>EntityTooLarge</Code>');
    expect(tooLarge.text).toContain(`<MaxSizeAllowed>${EVIDENCE_MAX_BYTES}</MaxSizeAllowed>`);
    expect(otherType.status).toBe(403);
    expect(otherType.text).toContain('<Code>AccessDenied</Code>');
    expect(otherType.text).toContain('Policy Condition failed: [&#34;eq&#34;, &#34;$Content-Type&#34;, &#34;application/pdf&#34;]');
    expect(otherKey.status).toBe(403);
    expect(otherKey.text).toContain('Policy Condition failed');
  });

  it('refuses another organisation an upload and a download with 403, and lets staff read', async () => {
    // Prepare
    const cycleId = await cycleAtSelfReview('svc-owner');
    const owner = 'service:org-svc-owner';
    const bytes = Buffer.from('%PDF-1.4 minutes of the ward meeting');
    const upload = (await askUpload(owner, cycleId, '1.1', pdfRequest(bytes.length))).body;
    await postFile(upload, bytes, 'application/pdf');
    // Act
    const otherUpload = await askUpload('service:org-svc-stranger', cycleId, '1.1', pdfRequest(10));
    const otherDownload = await askDownload('service:org-svc-stranger', cycleId, upload.file.key);
    const staffDownload = await askDownload('staff', cycleId, upload.file.key);
    // Assess
    expect(otherUpload.status).toBe(403);
    expect(otherUpload.body.message).toMatch(/does not belong to organisation org-svc-stranger/);
    expect(otherDownload.status).toBe(403);
    expect(staffDownload.status).toBe(200);
  });

  it("refuses a download through a cycle the caller may read of a key that is another cycle's", async () => {
    // Prepare
    const victim = await cycleAtSelfReview('svc-victim');
    const victimUpload = (await askUpload('service:org-svc-victim', victim, '1.1', pdfRequest(8))).body;
    await postFile(victimUpload, Buffer.from('%PDF-1.4'), 'application/pdf');
    const attacker = await cycleAtSelfReview('svc-attacker');
    const attackerUser = 'service:org-svc-attacker';
    // Act
    const viaOwnCycle = await askDownload(attackerUser, attacker, victimUpload.file.key);
    const recorded = await callApiAs<Refusal>(env.app, attackerUser, 'PUT', `/cycles/${attacker}/self-review/answers/1.1`, {
      evidence: [victimUpload.file],
      basedOnVersion: 0,
      savedBy: 'Mallory',
    });
    // Assess
    expect(viaOwnCycle.status).toBe(403);
    expect(recorded.status).toBe(400);
    expect(recorded.body.issues?.map((issue) => issue.field)).toEqual(['evidence.0.key']);
  });

  it('refuses to record a file that was never uploaded, naming the evidence row', async () => {
    // Prepare
    const cycleId = await cycleAtSelfReview('svc-missing');
    const service = 'service:org-svc-missing';
    const upload = (await askUpload(service, cycleId, '1.1', pdfRequest(8))).body;
    // Act
    const recorded = await callApiAs<Refusal>(env.app, service, 'PUT', `/cycles/${cycleId}/self-review/answers/1.1`, {
      evidence: [upload.file],
      basedOnVersion: 0,
      savedBy: 'Asha Patel',
    });
    // Assess
    expect(recorded.status).toBe(400);
    expect(recorded.body.issues).toEqual([{ field: 'evidence.0.key', message: expect.stringMatching(/no file was uploaded/) }]);
  });
});
