// The local "sign in as" picker. It exists only in the local adapter: on AWS, Cognito's managed
// login signs people in. It lists network staff, the committee, each service organisation with a
// cycle (a colleague, and each service's enrolled lead, who alone submits the self-review), and
// each reviewer in the networks' pools, and sends the browser back to the app with the identity the
// x-local-user header carries (`<group>[:<organisationId>[:<reviewerId>[:<email>]]]`).
// Plain HTML with the app's stylesheet and no script.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { securityHeaders } from './web-files.ts';

/** Reads the API as network staff (the picker needs every organisation and reviewer). */
type ReadApi = (path: string) => Promise<Record<string, unknown>>;

interface Identity {
  value: string;
  label: string;
  hint?: string;
}

const escapeHtml = (value: string): string =>
  value.replace(/[&<>"']/g, (character) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[character] ?? character);

/** Only a path on this site: the picker must not send people (and their identity) elsewhere. */
const safeReturn = (value: string | null): string => (value && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\') ? value : '/');

const organisations = async (readApi: ReadApi): Promise<Identity[]> => {
  const { cycles = [] } = (await readApi('/cycles')) as { cycles?: { organisationId?: string; serviceName?: string; serviceId: string }[] };
  const byOrganisation = new Map<string, Map<string, string>>();
  for (const cycle of cycles) {
    if (!cycle.organisationId) continue;
    const services = byOrganisation.get(cycle.organisationId) ?? new Map<string, string>();
    services.set(cycle.serviceId, cycle.serviceName ?? cycle.serviceId);
    byOrganisation.set(cycle.organisationId, services);
  }
  const leadOf = async (serviceId: string): Promise<string | undefined> =>
    ((await readApi(`/services/${encodeURIComponent(serviceId)}`).catch(() => ({}))) as { service?: { leadEmail?: string } }).service?.leadEmail;
  const identities = await Promise.all(
    [...byOrganisation.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(async ([organisationId, services]) => {
        const leads = await Promise.all(
          [...services.entries()].map(async ([serviceId, serviceName]) => {
            const email = await leadOf(serviceId);
            return email ? [{ value: `service:${organisationId}::${email}`, label: `Service lead for ${serviceName}`, hint: `${email}, ${organisationId}` }] : [];
          }),
        );
        return [{ value: `service:${organisationId}`, label: `Service user at ${organisationId}`, hint: [...services.values()].join(', ') }, ...leads.flat()];
      }),
  );
  return identities.flat();
};

const reviewers = async (readApi: ReadApi): Promise<Identity[]> => {
  const { networks = [] } = (await readApi('/networks')) as { networks?: { networkId: string }[] };
  const pools = await Promise.all(networks.map((network) => readApi(`/networks/${encodeURIComponent(network.networkId)}/reviewers`)));
  return pools.flatMap((pool) =>
    ((pool.reviewers ?? []) as { id?: string; reviewerId?: string; name?: string; organisationId?: string; roles?: string[] }[]).map((reviewer) => {
      const id = reviewer.reviewerId ?? reviewer.id ?? '';
      return { value: `reviewer:${reviewer.organisationId ?? ''}:${id}`, label: `${reviewer.name ?? id} (reviewer)`, hint: [reviewer.organisationId, ...(reviewer.roles ?? [])].filter(Boolean).join(', ') };
    }),
  );
};

const radio = (identity: Identity, index: number, checked: boolean): string => `
  <div class="nhsuk-radios__item">
    <input class="nhsuk-radios__input" id="as-${index}" name="as" type="radio" value="${escapeHtml(identity.value)}"${checked ? ' checked' : ''}${identity.hint ? ` aria-describedby="as-${index}-hint"` : ''}>
    <label class="nhsuk-label nhsuk-radios__label" for="as-${index}">${escapeHtml(identity.label)}</label>
    ${identity.hint ? `<div class="nhsuk-hint nhsuk-radios__hint" id="as-${index}-hint">${escapeHtml(identity.hint)}</div>` : ''}
  </div>`;

const page = (identities: Identity[], returnTo: string): string => `<!doctype html>
<html lang="en-GB" class="nhsuk-template">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sign in as – Accreditation cycles (local)</title><link rel="icon" href="/assets/images/favicon.svg" type="image/svg+xml"><link rel="stylesheet" href="/app.css"></head>
<body class="nhsuk-template__body">
<a class="nhsuk-skip-link" href="#main-content">Skip to main content</a>
<header class="nhsuk-header" role="banner"><div class="nhsuk-header__container nhsuk-width-container"><div class="nhsuk-header__service">
<a class="nhsuk-header__service-logo" href="/" aria-label="Accreditation cycles homepage"><span class="nhsuk-header__service-name">Accreditation cycles</span></a>
</div></div></header>
<div class="nhsuk-width-container"><main class="nhsuk-main-wrapper" id="main-content">
<form action="/_local/sign-in" method="get">
<input type="hidden" name="return" value="${escapeHtml(returnTo)}">
<div class="nhsuk-form-group"><fieldset class="nhsuk-fieldset" aria-describedby="as-hint">
<legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--l"><h1 class="nhsuk-fieldset__heading">Sign in as</h1></legend>
<div class="nhsuk-hint" id="as-hint">This machine runs the app locally, with no passwords. Choose who to act as: the app and the API then behave as they would for that person on AWS.</div>
<div class="nhsuk-radios">${identities.map((identity, index) => radio(identity, index, index === 0)).join('')}</div>
</fieldset></div>
<button class="nhsuk-button" type="submit">Sign in</button>
</form>
</main></div></body></html>`;

/** GET /_local/sign-in shows the picker; with ?as=<identity> it returns to the app signed in. */
const serveSignIn = async (request: IncomingMessage, response: ServerResponse, readApi: ReadApi): Promise<void> => {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const returnTo = safeReturn(url.searchParams.get('return'));
  const chosen = url.searchParams.get('as');
  const identities: Identity[] = [
    { value: 'staff', label: 'Network staff', hint: 'Runs the cycles: the board, cohort launch, every cycle' },
    { value: 'committee', label: 'Accreditation committee member', hint: 'Sees every cycle; records decisions' },
    ...(await organisations(readApi)),
    ...(await reviewers(readApi)),
  ];
  const identity = identities.find((candidate) => candidate.value === chosen);
  if (identity) {
    const target = new URL(returnTo, 'http://localhost');
    target.searchParams.set('local-user', identity.value);
    target.searchParams.set('local-name', identity.label);
    response.writeHead(303, { location: `${target.pathname}${target.search}`, ...securityHeaders });
    response.end();
    return;
  }
  response.writeHead(chosen ? 400 : 200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...securityHeaders });
  response.end(page(identities, returnTo));
};

export { serveSignIn };
export type { ReadApi };
