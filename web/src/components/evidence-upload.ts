// "Upload a file" for one standard's evidence, on any page whose answers carry evidence files (the
// self-review section; deferral evidence next: pass stage 'deferral-evidence'). The file goes
// straight to the store with a presigned POST the API signs; the page records the returned entry on
// its answer (onUploaded) and takes it off again (onRemove). Each file is listed with its type and
// size, a download and a remove button. The limit and the types allowed are stated before choosing,
// and a refusal is shown in the API's (or the store's) words. The upload's progress is a polite
// live region, not a second role=status: the page's "Saved at …" line stays each standard's status.
import { useState } from 'preact/hooks';
import { EVIDENCE_CONTENT_TYPES, EVIDENCE_MAX_BYTES, EVIDENCE_TYPE_NAMES } from '#core/evidence-files';
import type { EvidenceFile, EvidenceStage } from '#core/evidence-files';
import { ApiError } from '../api/client.ts';
import { evidenceDownloadUrl, StoreRefusedError, uploadEvidenceFile } from '../api/evidence.ts';
import { useApp } from '../app-context.ts';
import { html } from '../html.ts';

interface EvidenceUploadProps {
  cycleId: string;
  stage: EvidenceStage;
  standardId: string;
  /** The file input's id: the error summary links to it. */
  id: string;
  files: readonly EvidenceFile[];
  readOnly: boolean;
  /** The refusal to show (the page keeps it, so its error summary lists it too). */
  error?: string;
  onError: (message: string | undefined) => void;
  onUploaded: (file: EvidenceFile) => void;
  onRemove: (file: EvidenceFile) => void;
}

/** 20 MB, not 20.0 MB: one decimal only where it says something. */
const formatSize = (bytes: number): string =>
  bytes < 1024 ? `${bytes} bytes` : bytes < 1024 * 1024 ? `${Math.round(bytes / 1024)} KB` : `${Number((bytes / (1024 * 1024)).toFixed(1))} MB`;

/** The refusal in the words of whoever refused: the API names the field, the store gives S3's reason. */
const messageOf = (error: unknown, file: File): string => {
  if (error instanceof ApiError) return error.issues.length > 0 ? error.issues.map((issue) => issue.message).join('; ') : error.message;
  if (error instanceof StoreRefusedError && error.code === 'EntityTooLarge') return `${file.name} is larger than ${formatSize(EVIDENCE_MAX_BYTES)}, the limit for one file`;
  if (error instanceof StoreRefusedError) return `The file store refused ${file.name}: ${error.message}`;
  return `${file.name} was not uploaded: ${error instanceof Error ? error.message : String(error)}. Try again.`;
};

/** What the file input lets a person pick: the same list the API signs. */
const ACCEPT = Object.keys(EVIDENCE_CONTENT_TYPES).join(',');

const EvidenceUpload = ({ cycleId, stage, standardId, id, files, readOnly, error, onError, onUploaded, onRemove }: EvidenceUploadProps) => {
  const { api } = useApp();
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const hintId = `${id}-hint`;

  const upload = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    if (!file) return;
    setBusy(true);
    onError(undefined);
    setStatus(`Uploading ${file.name}…`);
    try {
      const entry = await uploadEvidenceFile(api, cycleId, stage, standardId, file);
      onUploaded(entry);
      setStatus(`${file.name} uploaded`);
      input.value = '';
    } catch (failure) {
      setStatus('');
      onError(messageOf(failure, file));
    } finally {
      setBusy(false);
    }
  };

  const download = async (file: EvidenceFile) => {
    try {
      window.location.assign(await evidenceDownloadUrl(api, cycleId, file));
    } catch (failure) {
      onError(`${file.name} could not be downloaded: ${failure instanceof Error ? failure.message : String(failure)}`);
    }
  };

  return html`<div class="app-evidence-files">
    ${files.length > 0 &&
    html`<ul class="nhsuk-list app-evidence-file-list" aria-label=${`Files for standard ${standardId}`}>
      ${files.map(
        (file) => html`<li class="app-evidence-file" key=${file.key}>
          <p class="nhsuk-body nhsuk-u-margin-bottom-1"><strong>${file.name}</strong> <span class="nhsuk-u-secondary-text-color">(${EVIDENCE_CONTENT_TYPES[file.contentType] ?? file.contentType}, ${formatSize(file.size)})</span></p>
          <div class="nhsuk-button-group nhsuk-u-margin-bottom-2">
            <button class="nhsuk-button nhsuk-button--secondary nhsuk-button--small" type="button" onClick=${() => download(file)}>Download<span class="nhsuk-u-visually-hidden"> ${file.name}</span></button>
            ${!readOnly && html`<button class="nhsuk-button nhsuk-button--secondary nhsuk-button--small" type="button" onClick=${() => onRemove(file)}>Remove<span class="nhsuk-u-visually-hidden"> ${file.name} from standard ${standardId}</span></button>`}
          </div>
        </li>`,
      )}
    </ul>`}
    ${!readOnly &&
    html`<div class=${`nhsuk-form-group nhsuk-file-upload${error ? ' nhsuk-form-group--error' : ''}`}>
      <label class="nhsuk-label" for=${id}>Upload a file for standard ${standardId}</label>
      <div class="nhsuk-hint" id=${hintId}>${EVIDENCE_TYPE_NAMES.join(', ')}. Up to ${formatSize(EVIDENCE_MAX_BYTES)} each. The file is saved with this answer as soon as it is uploaded.</div>
      ${error && html`<span class="nhsuk-error-message" id=${`${id}-error`}><span class="nhsuk-u-visually-hidden">Error:</span> ${error}</span>`}
      <input class=${`nhsuk-file-upload__input${error ? ' nhsuk-file-upload__input--error' : ''}`} id=${id} name=${id} type="file" accept=${ACCEPT} disabled=${busy} aria-describedby=${`${hintId}${error ? ` ${id}-error` : ''}`} onChange=${(event: Event) => upload(event.currentTarget as HTMLInputElement)} />
    </div>`}
    <p class="nhsuk-body-s app-upload-status" aria-live="polite">${status}</p>
  </div>`;
};

export { EvidenceUpload };
export type { EvidenceUploadProps };
