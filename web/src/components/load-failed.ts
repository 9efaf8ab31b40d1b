// What a page shows when its data could not be read: the API's own message, and what to do.
import { ApiError } from '../api/client.ts';
import { html } from '../html.ts';

const LoadFailed = ({ error }: { error: Error }) => {
  const status = error instanceof ApiError ? error.status : undefined;
  const hint =
    status === 403
      ? 'You are signed in with a role that cannot see this. Sign out and sign in as someone who can.'
      : status === 404
        ? 'Check the address, or go back to the board.'
        : 'Try again in a moment. If it keeps happening, tell the network team.';
  return html`<div class="nhsuk-warning-callout">
    <h2 class="nhsuk-warning-callout__label"><span role="text"><span class="nhsuk-u-visually-hidden">Important: </span>This could not be shown</span></h2>
    <p>${error.message}</p>
    <p>${hint}</p>
  </div>`;
};

export { LoadFailed };
