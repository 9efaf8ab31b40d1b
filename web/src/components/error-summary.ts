// The NHS.UK error summary: focused when it appears (so a screen reader announces it), each error
// a link to its field when the field is on the page.
import { useEffect, useRef } from 'preact/hooks';
import { html } from '../html.ts';

interface ErrorItem {
  text: string;
  /** The id of the field the error is about. */
  href?: string;
}

/**
 * A link to a field focuses the field, with its label (or its fieldset's legend) scrolled into
 * view above it, as nhsuk-frontend's error summary script does: following the fragment alone only
 * scrolls, and leaves keyboard and screen-reader users where they were.
 */
const focusField = (event: MouseEvent) => {
  const link = (event.target as Element).closest('a');
  const id = link?.getAttribute('href')?.startsWith('#') ? decodeURIComponent(link.getAttribute('href')!.slice(1)) : undefined;
  const field = id ? document.getElementById(id) : null;
  if (!field) return;
  event.preventDefault();
  const legend = field.closest('fieldset')?.querySelector('legend');
  const label = legend ?? document.querySelector(`label[for="${CSS.escape(field.id)}"]`);
  (label ?? field).scrollIntoView();
  field.focus({ preventScroll: true });
};

const ErrorSummary = ({ title = 'There is a problem', errors }: { title?: string; errors: ErrorItem[] }) => {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), [errors]);
  if (errors.length === 0) return null;
  return html`<div class="nhsuk-error-summary" aria-labelledby="error-summary-title" role="alert" tabindex="-1" ref=${ref}>
    <h2 class="nhsuk-error-summary__title" id="error-summary-title">${title}</h2>
    <div class="nhsuk-error-summary__body">
      <ul class="nhsuk-list nhsuk-error-summary__list" onClick=${focusField}>
        ${errors.map((error) => html`<li>${error.href ? html`<a href=${error.href}>${error.text}</a>` : error.text}</li>`)}
      </ul>
    </div>
  </div>`;
};

export { ErrorSummary };
export type { ErrorItem };
