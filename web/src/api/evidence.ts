// Evidence files (issue 9), for any step whose answers carry them (the self-review; deferral
// evidence next): the API signs a POST for one file (POST /cycles/{id}/evidence/{stage}/{standardId}/uploads),
// the browser posts the file straight to the store with it, and a download is a short presigned GET
// (GET /cycles/{id}/evidence/download?key=…&name=…). The store answers a refusal in S3's XML.
import type { EvidenceFile, EvidenceStage } from '#core/evidence-files';
import type { Api } from './client.ts';

interface SignedUpload {
  url: string;
  fields: Record<string, string>;
  maxBytes: number;
  file: EvidenceFile;
}

/** A refusal by the store itself (S3's Code and Message), e.g. EntityTooLarge when a file outgrew what was signed. */
class StoreRefusedError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'StoreRefused';
  }
}

const cyclePath = (cycleId: string) => `/cycles/${encodeURIComponent(cycleId)}`;

/** Browsers give no type for a file they do not know; the API then names it as a type not on the list. */
const typeOf = (file: File) => file.type || 'application/octet-stream';

const signUpload = async (api: Api, cycleId: string, stage: EvidenceStage, standardId: string, file: File): Promise<SignedUpload> =>
  (await api.post<SignedUpload>(`${cyclePath(cycleId)}/evidence/${stage}/${encodeURIComponent(standardId)}/uploads`, { fileName: file.name, contentType: typeOf(file), size: file.size })).body;

const xmlText = (xml: string, element: string) => new RegExp(`<${element}>([^<]*)</${element}>`).exec(xml)?.[1] ?? '';

/** Posts the file with the signed fields (the file last, as S3 requires). */
const postToStore = async (upload: SignedUpload, file: File): Promise<void> => {
  const form = new FormData();
  for (const [name, value] of Object.entries(upload.fields)) form.append(name, value);
  form.append('file', file);
  const response = await fetch(upload.url, { method: 'POST', body: form });
  if (response.ok) return;
  const xml = await response.text();
  throw new StoreRefusedError(xmlText(xml, 'Code') || `HTTP ${response.status}`, xmlText(xml, 'Message') || 'The file store refused the file');
};

/** Signs, then uploads: resolves with the entry to record on the answer. */
const uploadEvidenceFile = async (api: Api, cycleId: string, stage: EvidenceStage, standardId: string, file: File): Promise<EvidenceFile> => {
  const upload = await signUpload(api, cycleId, stage, standardId, file);
  await postToStore(upload, file);
  return upload.file;
};

const evidenceDownloadUrl = async (api: Api, cycleId: string, file: Pick<EvidenceFile, 'key' | 'name'>): Promise<string> =>
  (await api.get<{ url: string }>(`${cyclePath(cycleId)}/evidence/download`, { key: file.key, name: file.name })).body.url;

export { evidenceDownloadUrl, StoreRefusedError, uploadEvidenceFile };
