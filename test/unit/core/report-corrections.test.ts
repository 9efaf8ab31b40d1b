import { describe, expect, it } from 'vitest';
import { buildDraftReport, renderReportHtml } from '#core/report';
import { correctedReportHtml, correctedReportText, correctionsOf, REPORT_SECTION_TITLES, REPORT_SECTIONS, ReportSection } from '#core/report-corrections';
import { recommendOutcome } from '#core/decision';
import { scoreReview } from '#core/scoring';
import { ratingsOf, standardsOf } from './fixtures.ts';

describe('Function: correctionsOf', () => {
  it.each([
    { case: 'corrections per section, put in the report\'s order', corrections: [{ section: 'recommendation', text: ' R ' }, { section: 'summary', text: 'S' }], expected: [{ section: 'summary', text: 'S' }, { section: 'recommendation', text: 'R' }] },
    { case: 'one text (the body before issue 9), as a correction of the whole report', corrections: ' The unit has 12 beds ', expected: [{ section: 'whole-report', text: 'The unit has 12 beds' }] },
    { case: 'an empty text', corrections: '  ', expected: [] },
    { case: 'no corrections', corrections: undefined, expected: [] },
    { case: 'an unknown section or an empty text left out', corrections: [{ section: 'nowhere', text: 'x' }, { section: 'summary', text: ' ' }], expected: [] },
  ])('reads $case', ({ corrections, expected }) => {
    // Act
    const read = correctionsOf({ accepted: false, corrections });
    // Assess
    expect(read).toEqual(expected);
  });
});

describe('Sections of the report', () => {
  it('names each section by a heading the rendered report has, besides the whole report', () => {
    // Prepare
    const standards = standardsOf({ 1: 2, 2: 2, 3: 1 });
    const scores = scoreReview({ standards, selfRatings: ratingsOf(standards), peerRatings: [] });
    const recommendation = recommendOutcome({ scores, thresholds: { type1: 100, type2: 80, type3: 60 }, membershipType: 'accreditation', deferralMaxBlockingStandards: 5 });
    const html = renderReportHtml(
      buildDraftReport({ networkName: 'N', service: { id: 's', name: 'S' }, membershipType: 'accreditation', preparedOn: '2026-11-23', standardsVersionId: 'v', scores, recommendation }),
    );
    // Act
    const headings = [...html.matchAll(/<h2>([^<]*)<\/h2>/g)].map((match) => match[1]);
    // Assess
    expect(headings).toEqual(REPORT_SECTIONS.filter((section) => section !== ReportSection.wholeReport).map((section) => REPORT_SECTION_TITLES[section]));
  });
});

describe('Functions: correctedReportHtml, correctedReportText', () => {
  const corrections = [{ section: ReportSection.summary, text: 'Beds: <12> & not 14' }];

  it('appends the corrections under their headings, escaped, keeping the draft before them', () => {
    // Act
    const html = correctedReportHtml('<html><body><h1>Draft</h1></body></html>', corrections, 'Ward manager', '2026-12-01');
    // Assess
    expect(html).toMatch(/^<html><body><h1>Draft<\/h1><h2>Corrections of fact<\/h2>.*<h3>Summary<\/h3><p>Beds: &lt;12&gt; &amp; not 14<\/p>\n<\/body><\/html>$/);
    expect(html).toContain('Sent by Ward manager for the service on 2026-12-01');
  });

  it('appends the corrections to the text', () => {
    // Act
    const text = correctedReportText('DRAFT\n', corrections, 'Ward manager', '2026-12-01');
    // Assess
    expect(text).toBe('DRAFT\n\nCORRECTIONS OF FACT\n  Sent by Ward manager for the service on 2026-12-01, in its factual-accuracy check.\n  Summary:\n    Beds: <12> & not 14\n');
  });
});
