// Evidence files (issue 9), for any step whose answers carry evidence (EvidenceStage: the
// self-review, deferral evidence). The API never handles the bytes: it signs a POST policy for
// one key under the cycle, stage and standard (the size limit and the content type written into
// it, so S3 refuses anything else), and a short GET for a key of the cycle. Who may do either is
// authorisation.ts's: uploading is the step owner's (the service's own organisation, or staff),
// downloading whoever may read the cycle (its service, staff, the committee, its allocated reviewers).
import { randomUUID } from 'node:crypto';
import { cycleOfEvidenceKey, EVIDENCE_MAX_BYTES, evidenceKey, evidencePrefix, uploadRefusal } from '#core/evidence-files';
import type { EvidenceContentType, EvidenceFile, EvidenceStage } from '#core/evidence-files';
import type { Evidence } from '#core/self-review';
import { unknownStandardIds } from '#core/self-review';
import { now } from '#commons/clock';
import { presignDownload, presignUpload, storedFile } from '#commons/data/evidence-files';
import { evidenceDownloadQuerySchema, evidenceUploadPathSchema, evidenceUploadRequestSchema } from '#commons/schemas/requests';
import { idSchema } from '#commons/schemas/workflow';
import { httpError, json, parseBody, validate } from '../http.ts';
import type { Route, RouteHandler } from '../router.ts';
import { requireOpenStep } from './open-step.ts';
import { standardsOf } from './self-review-submission.ts';
import { refuse } from './stage-checks.ts';

/** POST /cycles/{cycleId}/evidence/{stage}/{standardId}/uploads: a presigned POST for one file. */
const startUpload: RouteHandler = async (event, params) => {
  const { cycleId, stage, standardId } = validate(evidenceUploadPathSchema, params, 'path');
  const { fileName, contentType, size } = parseBody(evidenceUploadRequestSchema, event);
  // Refused here with the field named; the signed policy makes S3 refuse the same if the browser lies.
  const refusal = uploadRefusal(contentType, size);
  if (refusal) refuse([refusal]);
  const { standards } = await standardsOf(cycleId);
  if (unknownStandardIds([standardId], standards).length > 0) refuse([{ field: 'standardId', message: `${standardId} is not a standard of this cycle` }]);
  await requireOpenStep(cycleId, stage);
  const key = evidenceKey(cycleId, stage, standardId, randomUUID());
  const upload = await presignUpload(key, contentType as EvidenceContentType, EVIDENCE_MAX_BYTES, now());
  const file: EvidenceFile = { kind: 'file', key, name: fileName, contentType: contentType as EvidenceContentType, size };
  return json(201, { ...upload, maxBytes: EVIDENCE_MAX_BYTES, file });
};

/** GET /cycles/{cycleId}/evidence/download?key=…&name=…: a presigned GET for a file of this cycle. */
const startDownload: RouteHandler = async (event, params) => {
  const cycleId = validate(idSchema, params.cycleId, 'cycleId');
  const { key, name } = validate(evidenceDownloadQuerySchema, event.queryStringParameters ?? {}, 'query string');
  // Access was checked on the cycle in the path; the key must be that cycle's, or one cycle's reader could fetch another's file.
  if (cycleOfEvidenceKey(key) !== cycleId) throw httpError(403, 'Forbidden', `The file ${key} is not evidence of cycle ${cycleId}`, { missing: { rule: 'the file belongs to the cycle' } });
  if (!(await storedFile(key))) throw httpError(404, 'NotFound', `No file is stored under ${key}`);
  return json(200, await presignDownload(key, name ?? key.split('/').at(-1) ?? 'evidence', now()));
};

/**
 * The evidence of one answer as it is stored: links as given; each file checked to sit under this
 * cycle, stage and standard (a key handed out for another standard or cycle is a 400), to have
 * been uploaded, and recorded with the size and type S3 holds, not those the page claims.
 */
const checkedEvidence = async (cycleId: string, stage: EvidenceStage, standardId: string, evidence: readonly Evidence[]): Promise<Evidence[]> => {
  const prefix = evidencePrefix(cycleId, stage, standardId);
  const issues: { field: string; message: string }[] = [];
  const checked = await Promise.all(
    evidence.map(async (entry, row) => {
      if (entry.kind !== 'file') return entry;
      if (!entry.key.startsWith(prefix) || entry.key.slice(prefix.length).includes('/')) {
        issues.push({ field: `evidence.${row}.key`, message: `not a file of standard ${standardId} in this cycle (ask for an upload for this standard)` });
        return entry;
      }
      const stored = await storedFile(entry.key);
      if (!stored) issues.push({ field: `evidence.${row}.key`, message: 'no file was uploaded under this key (the upload failed or has not finished)' });
      return stored ? { ...entry, size: stored.size, contentType: stored.contentType as EvidenceContentType } : entry;
    }),
  );
  if (issues.length > 0) refuse(issues);
  return checked;
};

const evidenceFileRoutes: Route[] = [
  { method: 'POST', path: '/cycles/{cycleId}/evidence/{stage}/{standardId}/uploads', handle: startUpload },
  { method: 'GET', path: '/cycles/{cycleId}/evidence/download', handle: startDownload },
];

export { checkedEvidence, evidenceFileRoutes };
