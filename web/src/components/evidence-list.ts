// The evidence a service gave for one standard, as someone reading it sees it: each link opens in
// a new tab; each uploaded file is fetched through a short-lived download address the API signs
// (GET /cycles/{id}/evidence/download), asked for at the moment of the click because it expires.
import { isEvidenceFile } from '#core/self-review';
import type { Evidence } from '#core/self-review';
import type { EvidenceFile } from '#core/evidence-files';
import { evidenceDownloadUrl } from '../api/evidence.ts';
import { useApp } from '../app-context.ts';
import { html } from '../html.ts';

const EvidenceList = ({ cycleId, evidence, onError }: { cycleId: string; evidence: readonly Evidence[]; onError?: (message: string) => void }) => {
  const { api } = useApp();
  const download = async (file: EvidenceFile) => {
    try {
      window.location.assign(await evidenceDownloadUrl(api, cycleId, file));
    } catch (failure) {
      onError?.(`${file.name} could not be downloaded: ${failure instanceof Error ? failure.message : String(failure)}`);
    }
  };
  return html`<ul class="nhsuk-list nhsuk-body-s nhsuk-u-margin-bottom-1">
    ${evidence.map((item) =>
      isEvidenceFile(item)
        ? html`<li><button class="app-link-button" type="button" onClick=${() => download(item)}>${item.name}<span class="nhsuk-u-visually-hidden"> (download)</span></button></li>`
        : html`<li><a href=${item.url} data-external rel="noreferrer noopener" target="_blank">${item.title} (opens in a new tab)</a></li>`,
    )}
  </ul>`;
};

export { EvidenceList };
