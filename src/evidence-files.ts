// Evidence files (issue 9): what a service may upload beside its evidence links, and where the
// file lives. The rules here are the ones the API signs into each presigned POST policy, so S3
// itself refuses a file over the limit or of another type, whatever the browser sends.
import { CallbackStage } from './vocabulary.ts';

/** The stages whose answers carry evidence files: the self-review now, deferral evidence next. */
const EvidenceStage = {
  selfReview: CallbackStage.selfReview,
  deferralEvidence: CallbackStage.deferralEvidence,
} as const;
type EvidenceStage = (typeof EvidenceStage)[keyof typeof EvidenceStage];

/**
 * The documents a ward team keeps as evidence: policies and minutes (PDF, Word), audits and rotas
 * (Excel, CSV), training slides (PowerPoint), photos of notices (PNG, JPEG), notes (plain text).
 * No HTML, SVG or archives: a reviewer opens these files, and those types can carry script.
 */
const EVIDENCE_CONTENT_TYPES = {
  'application/pdf': 'PDF',
  'application/msword': 'Word',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word',
  'application/vnd.ms-excel': 'Excel',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel',
  'application/vnd.ms-powerpoint': 'PowerPoint',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'PowerPoint',
  'image/png': 'PNG',
  'image/jpeg': 'JPEG',
  'text/plain': 'plain text',
  'text/csv': 'CSV',
} as const satisfies Record<string, string>;
type EvidenceContentType = keyof typeof EVIDENCE_CONTENT_TYPES;

/** 20 MB: a scanned policy or a slide deck fits; a video does not (and is not evidence a reviewer reads). */
const EVIDENCE_MAX_BYTES = 20 * 1024 * 1024;

/** The words the pages and the API's 400s use for the allowed types. */
const EVIDENCE_TYPE_NAMES: readonly string[] = [...new Set(Object.values(EVIDENCE_CONTENT_TYPES))];

/** An uploaded file as recorded on an answer, beside its links. */
interface EvidenceFile {
  kind: 'file';
  /** The object key: evidence/<cycleId>/<stage>/<standardId>/<fileId>. */
  key: string;
  /** The file's name as the person chose it (shown, and offered as the download's name). */
  name: string;
  contentType: EvidenceContentType;
  size: number;
}

const isEvidenceContentType = (value: string): value is EvidenceContentType => Object.hasOwn(EVIDENCE_CONTENT_TYPES, value);

/** Every file of one standard's answer at one stage sits under this prefix; the key names its cycle, so access follows the cycle's. */
const evidencePrefix = (cycleId: string, stage: EvidenceStage, standardId: string): string => `evidence/${cycleId}/${stage}/${encodeURIComponent(standardId)}/`;

const evidenceKey = (cycleId: string, stage: EvidenceStage, standardId: string, fileId: string): string => `${evidencePrefix(cycleId, stage, standardId)}${fileId}`;

/** The cycle a key belongs to, or undefined for a key that is not an evidence key. */
const cycleOfEvidenceKey = (key: string): string | undefined => /^evidence\/([^/]+)\/[^/]+\/[^/]+\/[^/]+$/.exec(key)?.[1];

/** Why a proposed upload is refused (field and words for a 400), or undefined when it may go ahead. */
const uploadRefusal = (contentType: string, size: number): { field: 'contentType' | 'size'; message: string } | undefined => {
  if (!isEvidenceContentType(contentType)) return { field: 'contentType', message: `${contentType} is not an allowed type: upload a ${EVIDENCE_TYPE_NAMES.join(', ')} file` };
  if (size > EVIDENCE_MAX_BYTES) return { field: 'size', message: `the file is ${size} bytes; the limit is ${EVIDENCE_MAX_BYTES} bytes (20 MB)` };
  return undefined;
};

export { cycleOfEvidenceKey, EVIDENCE_CONTENT_TYPES, EVIDENCE_MAX_BYTES, EVIDENCE_TYPE_NAMES, EvidenceStage, evidenceKey, evidencePrefix, isEvidenceContentType, uploadRefusal };
export type { EvidenceContentType, EvidenceFile };
