// A page whose code is its own chunk (esbuild splitting), fetched the first time someone opens it:
// the YAML parser of the network set-up page, for one, is not shipped to everyone on first load.
import type { VNode } from 'preact';
import { html } from '../html.ts';
import { LoadFailed } from './load-failed.ts';
import { useLoad } from './use-load.ts';

type PageComponent<P> = (props: P) => VNode | null;

const lazyPage = <P extends object>(load: () => Promise<PageComponent<P>>): PageComponent<P> => {
  let cached: PageComponent<P> | undefined;
  const LazyPage = (props: P) => {
    const loaded = useLoad(async () => (cached ??= await load()), []);
    if (loaded.state === 'loading') return html`<main class="nhsuk-main-wrapper" id="main-content"><p class="nhsuk-body" role="status">Loading the page…</p></main>` as VNode;
    if (loaded.state === 'failed') return html`<main class="nhsuk-main-wrapper" id="main-content"><h1 class="nhsuk-heading-l">This page could not be opened</h1><${LoadFailed} error=${loaded.error} /></main>` as VNode;
    const Loaded = loaded.data;
    return html`<${Loaded} ...${props} />` as VNode;
  };
  return LazyPage;
};

export { lazyPage };
export type { PageComponent };
