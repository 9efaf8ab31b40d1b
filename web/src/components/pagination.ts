// NHS.UK pagination (previous and next, with the page numbers in words). The API pages with a
// cursor, so the caller gives the two links it can build; the page count is shown when known.
import { html } from '../html.ts';

interface PageLink {
  href: string;
  page: number;
}

interface PaginationProps {
  /** Unknown when the API did not count the matches. */
  pageCount?: number;
  previous?: PageLink;
  next?: PageLink;
}

const pageWords = (page: number, pageCount?: number) => (pageCount === undefined ? `Page ${page}` : `Page ${page} of ${pageCount}`);

const Pagination = ({ pageCount, previous, next }: PaginationProps) => {
  if (previous === undefined && next === undefined) return null;
  return html`<nav class="nhsuk-pagination" role="navigation" aria-label="Pagination">
    <ul class="nhsuk-list nhsuk-pagination__list">
      ${previous !== undefined &&
      html`<li class="nhsuk-pagination-item--previous">
        <a class="nhsuk-pagination__link nhsuk-pagination__link--prev" href=${previous.href}>
          <span class="nhsuk-pagination__title">Previous</span>
          <span class="nhsuk-u-visually-hidden">:</span>
          <span class="nhsuk-pagination__page">${pageWords(previous.page, pageCount)}</span>
        </a>
      </li>`}
      ${next !== undefined &&
      html`<li class="nhsuk-pagination-item--next">
        <a class="nhsuk-pagination__link nhsuk-pagination__link--next" href=${next.href}>
          <span class="nhsuk-pagination__title">Next</span>
          <span class="nhsuk-u-visually-hidden">:</span>
          <span class="nhsuk-pagination__page">${pageWords(next.page, pageCount)}</span>
        </a>
      </li>`}
    </ul>
  </nav>`;
};

export { Pagination };
