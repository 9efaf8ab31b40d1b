// The NHS.UK success notification banner: what an action just did, said once, announced as it appears.
import type { ComponentChildren } from 'preact';
import { html } from '../html.ts';

const SuccessBanner = ({ text, children }: { text: string; children?: ComponentChildren }) => html`<div
  class="nhsuk-notification-banner nhsuk-notification-banner--success"
  role="alert"
  aria-labelledby="done-title"
>
  <div class="nhsuk-notification-banner__header"><h2 class="nhsuk-notification-banner__title" id="done-title">Success</h2></div>
  <div class="nhsuk-notification-banner__content"><p class="nhsuk-notification-banner__heading">${text}</p>${children}</div>
</div>`;

export { SuccessBanner };
