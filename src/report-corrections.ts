// The service's factual-accuracy corrections, one per section of the draft report (issue 9; DESIGN
// §1.4). The sections are the report's own headings (src/report.ts renders them, in this order), so
// the service writes each correction next to what it corrects, and the lead reviewer and the
// committee read it under the same heading.
//
// Before issue 9 a correction was one text for the whole report (`corrections: "..."`). That body is
// still accepted and read as one correction of the whole report (`section: "whole-report"`), so a
// script or an answer already in flight keeps working; every stored answer is read through
// `correctionsOf`, whichever shape it has.
//
// A corrected report is the draft with a "Corrections of fact" section appended, one entry per
// correction under its section's heading: the review team's text is not rewritten by the service.
import { escapeHtml } from './report.ts';

const ReportSection = {
  summary: 'summary',
  standardsMet: 'standards-met',
  unmetStandards: 'unmet-standards',
  goodPractice: 'good-practice',
  areasForDevelopment: 'areas-for-development',
  differingRatings: 'differing-ratings',
  recommendation: 'recommendation',
  /** Anything not tied to one section; also where an old single-text correction goes. */
  wholeReport: 'whole-report',
} as const;
type ReportSection = (typeof ReportSection)[keyof typeof ReportSection];

/** Each section's heading as the report shows it (the `<h2>` of src/report.ts). */
const REPORT_SECTION_TITLES: Readonly<Record<ReportSection, string>> = {
  [ReportSection.summary]: 'Summary',
  [ReportSection.standardsMet]: 'Standards met by type',
  [ReportSection.unmetStandards]: 'Unmet standards',
  [ReportSection.goodPractice]: 'Areas of good practice',
  [ReportSection.areasForDevelopment]: 'Areas for development',
  [ReportSection.differingRatings]: 'Ratings that differ from the self-review',
  [ReportSection.recommendation]: 'Recommendation',
  [ReportSection.wholeReport]: 'The report as a whole',
};

const REPORT_SECTIONS: readonly ReportSection[] = Object.values(ReportSection);

/** The most one correction may say. */
const MAX_CORRECTION_LENGTH = 20_000;

interface Correction {
  section: ReportSection;
  text: string;
}

const isSection = (value: unknown): value is ReportSection => typeof value === 'string' && (REPORT_SECTIONS as readonly string[]).includes(value);

/** The corrections of an answer in either shape, in the report's order; [] when it has none. */
const correctionsOf = (submission: Record<string, unknown> | undefined): Correction[] => {
  const raw = submission?.corrections;
  if (typeof raw === 'string') return raw.trim() === '' ? [] : [{ section: ReportSection.wholeReport, text: raw.trim() }];
  if (!Array.isArray(raw)) return [];
  const corrections = raw.flatMap((item): Correction[] => {
    const { section, text } = (item ?? {}) as { section?: unknown; text?: unknown };
    return isSection(section) && typeof text === 'string' && text.trim() !== '' ? [{ section, text: text.trim() }] : [];
  });
  return corrections.sort((a, b) => REPORT_SECTIONS.indexOf(a.section) - REPORT_SECTIONS.indexOf(b.section));
};

const CORRECTIONS_HEADING = 'Corrections of fact';

/** The corrected report's HTML: the draft with the corrections appended before the end of its body. */
const correctedReportHtml = (draftHtml: string, corrections: readonly Correction[], respondedBy: string, correctedOn: string): string => {
  const items = corrections.map((c) => `<h3>${escapeHtml(REPORT_SECTION_TITLES[c.section])}</h3><p>${escapeHtml(c.text).replace(/\n/g, '<br>')}</p>`).join('');
  const section = `<h2>${CORRECTIONS_HEADING}</h2><p>Sent by ${escapeHtml(respondedBy)} for the service on ${escapeHtml(correctedOn)}, in its factual-accuracy check.</p>${items}`;
  return draftHtml.includes('</body>') ? draftHtml.replace('</body>', `${section}\n</body>`) : `${draftHtml}\n${section}`;
};

/** The corrected report's text: the draft with the corrections appended. */
const correctedReportText = (draftText: string, corrections: readonly Correction[], respondedBy: string, correctedOn: string): string =>
  [
    draftText.trimEnd(),
    '',
    CORRECTIONS_HEADING.toUpperCase(),
    `  Sent by ${respondedBy} for the service on ${correctedOn}, in its factual-accuracy check.`,
    ...corrections.map((c) => `  ${REPORT_SECTION_TITLES[c.section]}:\n${c.text.split('\n').map((line) => `    ${line}`).join('\n')}`),
    '',
  ].join('\n');

export { correctedReportHtml, correctedReportText, correctionsOf, MAX_CORRECTION_LENGTH, REPORT_SECTION_TITLES, REPORT_SECTIONS, ReportSection };
export type { Correction };
