// Path routing with the History API: the emails link to real paths (/cycles/<id>), which CloudFront
// and the local adapter answer with index.html. Links with a same-origin href are followed here.
import { useEffect, useState } from 'preact/hooks';

interface Location {
  path: string;
  query: URLSearchParams;
}

const listeners = new Set<() => void>();
/** False until the first navigation inside the app: the first page keeps the browser's own focus. */
let navigated = false;
const hasNavigated = (): boolean => navigated;
const current = (): Location => ({ path: location.pathname, query: new URLSearchParams(location.search) });

const navigate = (href: string, { replace = false } = {}): void => {
  navigated = true;
  if (replace) history.replaceState(null, '', href);
  else history.pushState(null, '', href);
  for (const listener of listeners) listener();
};

/**
 * Emails sent before the app routed by path link to `/#/cycles/...`: the same page at its
 * path. On a page load (main.ts) and when such a link is opened in a tab already on the app.
 */
const adoptHashLink = (): void => {
  if (location.hash.startsWith('#/')) history.replaceState(null, '', location.hash.slice(1));
};

/** Same-origin link clicks become navigations without a page load (modified clicks open as usual). */
const followLinks = (root: HTMLElement): void => {
  root.addEventListener('click', (event) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const link = (event.target as Element).closest('a');
    if (!link || link.target || link.hasAttribute('download') || link.dataset.external !== undefined) return;
    const url = new URL(link.href, location.href);
    if (url.origin !== location.origin) return;
    if (url.pathname === location.pathname && url.search === location.search && url.hash) return;
    event.preventDefault();
    navigate(`${url.pathname}${url.search}`);
  });
  // A link styled as a button (role="button") answers the space bar as a button does, as
  // nhsuk-frontend's button script does for its own pages.
  root.addEventListener('keydown', (event) => {
    const link = event.key === ' ' ? (event.target as Element).closest('a[role="button"]') : null;
    if (!link) return;
    event.preventDefault();
    (link as HTMLAnchorElement).click();
  });
  window.addEventListener('hashchange', () => {
    if (!location.hash.startsWith('#/')) return;
    adoptHashLink();
    navigated = true;
    for (const listener of listeners) listener();
  });
  window.addEventListener('popstate', () => {
    navigated = true;
    for (const listener of listeners) listener();
  });
};

const addressOf = ({ path, query }: Location): string => `${path}?${query.toString()}`;

const useLocation = (): Location => {
  const [shown, setShown] = useState(current);
  useEffect(() => {
    const update = () => setShown(current());
    listeners.add(update);
    // Preact runs a child's effects before its parent's: a page that navigates on arrival (pages/task.ts)
    // does so before this listener is added, so the address is compared once it is.
    if (addressOf(current()) !== addressOf(shown)) update();
    return () => void listeners.delete(update);
  }, []);
  return shown;
};

/** `/cycles/{cycleId}` against `/cycles/abc` gives { cycleId: 'abc' }, or undefined. */
const matchPath = (pattern: string, path: string): Record<string, string> | undefined => {
  const names: string[] = [];
  const source = pattern.replace(/\{([A-Za-z]+)\}/g, (_match, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  const match = new RegExp(`^${source}/?$`).exec(path);
  if (!match) return undefined;
  return Object.fromEntries(names.map((name, index) => [name, decodeURIComponent(match[index + 1] ?? '')]));
};

export { adoptHashLink, followLinks, hasNavigated, matchPath, navigate, useLocation };
export type { Location };
