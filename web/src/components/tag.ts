import { html } from '../html.ts';
import { statusTag } from '../labels.ts';

const StatusTag = ({ status }: { status: string }) => {
  const { text, colour } = statusTag(status);
  return html`<strong class=${`nhsuk-tag nhsuk-tag--${colour}`}>${text}</strong>`;
};

export { StatusTag };
