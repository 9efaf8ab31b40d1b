// One page's frame: its <title>, the h1 that takes focus when the page changes (so keyboard and
// screen-reader users start at the new content), and a back link where there is one.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { html } from '../html.ts';
import { hasNavigated } from '../router.ts';

const SERVICE = 'Accreditation cycles';

interface PageProps {
  title: string;
  caption?: string;
  back?: { href: string; text: string };
  children?: ComponentChildren;
}

const Page = ({ title, caption, back, children }: PageProps) => {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} – ${SERVICE}`;
  }, [title]);
  useEffect(() => {
    // After a navigation inside the app, as after a page load, keyboard and screen-reader users
    // start at the new page's heading; on the first load the skip link comes first.
    if (hasNavigated()) heading.current?.focus();
  }, []);
  return html`
    ${back && html`<a class="nhsuk-back-link" href=${back.href}>${back.text}</a>`}
    <main class="nhsuk-main-wrapper" id="main-content">
      <h1 class="nhsuk-heading-l" tabindex="-1" ref=${heading}>${caption && html`<span class="nhsuk-caption-l">${caption}<span class="nhsuk-u-visually-hidden"> - </span></span>`}${title}</h1>
      ${children}
    </main>
  `;
};

export { Page };
