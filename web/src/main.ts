// Start-up: read config.json, finish or find the sign-in, then render. A failure here is shown on
// the page (a bad deploy says what is wrong), never a blank screen.
import { render } from 'preact';
import { App } from './app.ts';
import { createAuth } from './auth/index.ts';
import { loadConfig } from './config.ts';
import { html } from './html.ts';
import { adoptHashLink, followLinks } from './router.ts';

const root = document.getElementById('app');

const showStartupError = (error: unknown) => {
  if (!root) return;
  render(
    html`<main class="nhsuk-main-wrapper nhsuk-width-container" id="main-content">
      <h1 class="nhsuk-heading-l">Sorry, there is a problem with the service</h1>
      <p class="nhsuk-body">${error instanceof Error ? error.message : String(error)}</p>
    </main>`,
    root,
  );
};

const start = async () => {
  if (!root) throw new Error('index.html has no #app element');
  adoptHashLink();
  const config = await loadConfig();
  const auth = await createAuth(config);
  const session = await auth.session();
  root.replaceChildren();
  followLinks(root);
  render(html`<${App} config=${config} auth=${auth} session=${session} />`, root);
};

start().catch(showStartupError);
