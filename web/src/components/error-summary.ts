// The NHS.UK error summary: focused when it appears (so a screen reader announces it), each error
// a link to its field when the field is on the page.
import { useEffect, useRef } from 'preact/hooks';
import { html } from '../html.ts';

interface ErrorItem {
  text: string;
  /** The id of the field the error is about. */
  href?: string;
}

const ErrorSummary = ({ title = 'There is a problem', errors }: { title?: string; errors: ErrorItem[] }) => {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), [errors]);
  if (errors.length === 0) return null;
  return html`<div class="nhsuk-error-summary" aria-labelledby="error-summary-title" role="alert" tabindex="-1" ref=${ref}>
    <h2 class="nhsuk-error-summary__title" id="error-summary-title">${title}</h2>
    <div class="nhsuk-error-summary__body">
      <ul class="nhsuk-list nhsuk-error-summary__list">
        ${errors.map((error) => html`<li>${error.href ? html`<a href=${error.href}>${error.text}</a>` : error.text}</li>`)}
      </ul>
    </div>
  </div>`;
};

export { ErrorSummary };
export type { ErrorItem };
