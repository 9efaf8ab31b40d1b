// NHS.UK pagination (previous and next, with the page numbers in words).
import { html } from '../html.ts';

interface PaginationProps {
  page: number;
  pageCount: number;
  hrefFor: (page: number) => string;
}

const Pagination = ({ page, pageCount, hrefFor }: PaginationProps) => {
  if (pageCount <= 1) return null;
  return html`<nav class="nhsuk-pagination" role="navigation" aria-label="Pagination">
    <ul class="nhsuk-list nhsuk-pagination__list">
      ${page > 1 &&
      html`<li class="nhsuk-pagination-item--previous">
        <a class="nhsuk-pagination__link nhsuk-pagination__link--prev" href=${hrefFor(page - 1)}>
          <span class="nhsuk-pagination__title">Previous</span>
          <span class="nhsuk-u-visually-hidden">:</span>
          <span class="nhsuk-pagination__page">Page ${page - 1} of ${pageCount}</span>
        </a>
      </li>`}
      ${page < pageCount &&
      html`<li class="nhsuk-pagination-item--next">
        <a class="nhsuk-pagination__link nhsuk-pagination__link--next" href=${hrefFor(page + 1)}>
          <span class="nhsuk-pagination__title">Next</span>
          <span class="nhsuk-u-visually-hidden">:</span>
          <span class="nhsuk-pagination__page">Page ${page + 1} of ${pageCount}</span>
        </a>
      </li>`}
    </ul>
  </nav>`;
};

export { Pagination };
