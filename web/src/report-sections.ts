// The draft report, stored as one HTML document (src/report.ts), cut at its section headings so
// the page shows each section under its own heading and the service can correct it by section
// (#core/report-corrections names the sections by the same headings). The HTML is the API's,
// escaped where it was rendered; only its structure is touched here (NHS.UK table classes).
import { REPORT_SECTION_TITLES, REPORT_SECTIONS } from '#core/report-corrections';
import type { ReportSection } from '#core/report-corrections';

interface ReportPart {
  /** The section a correction is sent against; undefined for a heading the core does not name. */
  section?: ReportSection;
  title: string;
  html: string;
}

const sectionTitled = (title: string): ReportSection | undefined => REPORT_SECTIONS.find((section) => REPORT_SECTION_TITLES[section] === title);

const styleTables = (root: Element): void => {
  for (const table of root.querySelectorAll('table')) table.classList.add('nhsuk-table');
  for (const row of root.querySelectorAll('tr')) row.classList.add('nhsuk-table__row');
  for (const cell of root.querySelectorAll('th')) cell.classList.add('nhsuk-table__header');
  for (const cell of root.querySelectorAll('td')) cell.classList.add('nhsuk-table__cell');
};

/** The report's opening lines (before its first section) and its sections; its own h1 is left out (the page has one). */
const reportParts = (reportHtml: string): { intro: string; parts: ReportPart[] } => {
  const doc = new DOMParser().parseFromString(reportHtml, 'text/html');
  styleTables(doc.body);
  const intro = doc.createElement('div');
  const parts: { part: ReportPart; box: Element }[] = [];
  for (const node of [...doc.body.childNodes]) {
    if (node.nodeName === 'H1') continue;
    if (node.nodeName === 'H2') {
      const title = (node.textContent ?? '').trim();
      parts.push({ part: { title, section: sectionTitled(title), html: '' }, box: doc.createElement('div') });
      continue;
    }
    (parts.at(-1)?.box ?? intro).appendChild(node);
  }
  return { intro: intro.innerHTML, parts: parts.map(({ part, box }) => ({ ...part, html: box.innerHTML })) };
};

export { reportParts };
export type { ReportPart };
