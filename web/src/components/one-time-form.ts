// The parts every one-time submission shares (NHS.UK "check answers" pattern): the draft notice,
// the check-your-answers summary with a Change link per answer, the warning that it cannot be
// undone, and the confirmation panel.
import type { ComponentChildren } from 'preact';
import { html } from '../html.ts';
import { formatUkDateTime } from '../format.ts';

interface CheckRow {
  label: string;
  value: ComponentChildren;
  /** The id of the field the Change link returns to. */
  fieldId: string;
}

const DraftNotice = ({ saved, savedAt }: { saved?: boolean; savedAt?: string }) => html`<div class="nhsuk-inset-text"><span class="nhsuk-u-visually-hidden">Information: </span>
  <p>Your answers are saved as you type <strong>on this computer only</strong> (in this browser), so you can close it and come back. Nothing is sent until you submit.</p>
  <p class="nhsuk-u-margin-bottom-0" role="status">${saved === false ? 'This browser is not saving drafts (private browsing or storage full): finish before you close it.' : savedAt ? `Draft saved on this computer at ${formatUkDateTime(savedAt)}.` : ''}</p>
</div>`;

interface CheckAnswersProps {
  title: string;
  rows: CheckRow[];
  warning: string;
  submitText: string;
  busy: boolean;
  onChange: (fieldId: string) => void;
  onSubmit: () => void;
}

const CheckAnswers = ({ title, rows, warning, submitText, busy, onChange, onSubmit }: CheckAnswersProps) => html`<h2 class="nhsuk-heading-l">${title}</h2>
  <dl class="nhsuk-summary-list">
    ${rows.map(
      (row) => html`<div class="nhsuk-summary-list__row">
        <dt class="nhsuk-summary-list__key">${row.label}</dt>
        <dd class="nhsuk-summary-list__value app-report">${row.value}</dd>
        <dd class="nhsuk-summary-list__actions">
          <button type="button" class="app-link-button" onClick=${() => onChange(row.fieldId)}>Change<span class="nhsuk-u-visually-hidden"> ${row.label.toLowerCase()}</span></button>
        </dd>
      </div>`,
    )}
  </dl>
  <div class="nhsuk-warning-callout">
    <h3 class="nhsuk-warning-callout__label"><span role="text"><span class="nhsuk-u-visually-hidden">Important: </span>You can submit once</span></h3>
    <p>${warning}</p>
  </div>
  <button class="nhsuk-button" type="button" disabled=${busy} onClick=${onSubmit}>${busy ? 'Submitting…' : submitText}</button>`;

/** A field's NHS.UK error message; its id (`<field>-error`) is what the field's aria-describedby names. */
const ErrorMessage = ({ id, text }: { id: string; text?: string }) =>
  text ? html`<span class="nhsuk-error-message" id=${`${id}-error`}><span class="nhsuk-u-visually-hidden">Error:</span> ${text}</span>` : null;

const DonePanel = ({ title, children }: { title: string; children: ComponentChildren }) => html`<div class="nhsuk-panel" role="status">
  <h2 class="nhsuk-panel__title">${title}</h2>
  <div class="nhsuk-panel__body">${children}</div>
</div>`;

export { CheckAnswers, DonePanel, DraftNotice, ErrorMessage };
export type { CheckRow };
