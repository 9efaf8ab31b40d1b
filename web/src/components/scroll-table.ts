// A wide table scrolls inside its own box on a narrow screen instead of widening the page
// (nhsuk-table-container). The box is a named, focusable region so it can be scrolled by keyboard.
import type { ComponentChildren } from 'preact';
import { html } from '../html.ts';

const ScrollTable = ({ labelledBy, children }: { labelledBy: string; children: ComponentChildren }) => html`
  <div class="nhsuk-table-container app-scroll-table" role="region" aria-labelledby=${labelledBy} tabindex="0">${children}</div>
`;

export { ScrollTable };
