import { describe, expect, it } from 'vitest';
import { recommendOutcome } from '#core/decision';
import { buildDraftReport, renderReportHtml, renderReportText } from '#core/report';
import { scoreReview } from '#core/scoring';
import { ratingsOf, standardsOf } from './fixtures.ts';

const standards = standardsOf({ 1: 3, 2: 5, 3: 2 });
const scores = scoreReview({
  standards,
  selfRatings: ratingsOf(standards),
  peerRatings: [...ratingsOf(standards, { 2: { notMet: 2 } }).slice(0, 4), { standardId: 'T2-02', rating: 'not-met' as const, comment: 'Alarm log <missing> & "late"' }].filter(
    (rating, i, all) => all.findIndex((other) => other.standardId === rating.standardId) === i,
  ),
});
const base = {
  networkName: 'Example Network',
  service: { id: 'svc-1', name: 'Ward <b>A</b>' },
  preparedOn: '2026-11-23',
  standardsVersionId: '2025.1+abc',
  scores,
};

describe('Function: buildDraftReport', () => {
  it('gives percentages by type, unmet standards by type and the disagreements', () => {
    // Prepare
    const recommendation = recommendOutcome({ scores, thresholds: { type1: 100, type2: 80, type3: 60 }, membershipType: 'accreditation', deferralMaxBlockingStandards: 5 });
    // Act
    const report = buildDraftReport({ ...base, membershipType: 'accreditation', recommendation });
    // Assess
    expect(report.percentagesByType.map((p) => p.percentage)).toEqual([100, 60, 100]);
    expect(report.unmetByType.map((g) => g.standards.map((s) => s.id))).toEqual([[], ['T2-01', 'T2-02'], []]);
    expect(report.disagreements.map((d) => d.standardId)).toEqual(['T2-01', 'T2-02']);
    expect(report.recommendation?.outcome).toBe('Accreditation deferred');
    expect(report.areasForDevelopment).toEqual(['Section 2: 2 standard(s) not met (T2-01, T2-02)']);
    expect(report.goodPractice).toEqual(['Section 1: every applicable standard met', 'Section 3: every applicable standard met']);
  });

  it('keeps the review team\'s own good practice and development points', () => {
    // Act
    const report = buildDraftReport({ ...base, membershipType: 'developmental', goodPractice: ['Warm welcome'], areasForDevelopment: ['Audit alarms'] });
    // Assess
    expect([report.goodPractice, report.areasForDevelopment, report.recommendation]).toEqual([['Warm welcome'], ['Audit alarms'], undefined]);
    expect(report.summary).toMatch(/without an accreditation outcome/);
  });
});

describe('Functions: renderReportHtml, renderReportText', () => {
  it('escapes every value placed in the HTML', () => {
    // Prepare
    const report = buildDraftReport({ ...base, membershipType: 'accreditation', goodPractice: ['<script>alert(1)</script>'] });
    // Act
    const html = renderReportHtml(report);
    // Assess
    expect(html).not.toMatch(/<script>|<b>A<\/b>|<missing>/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('Alarm log &lt;missing&gt; &amp; &quot;late&quot;');
  });

  it.each([
    ['SUMMARY'],
    ['STANDARDS MET BY TYPE'],
    ['UNMET STANDARDS'],
    ['AREAS OF GOOD PRACTICE'],
    ['AREAS FOR DEVELOPMENT'],
    ['RATINGS THAT DIFFER FROM THE SELF-REVIEW'],
  ])('plain text has the section %s', (heading) => {
    // Act
    const text = renderReportText(buildDraftReport({ ...base, membershipType: 'accreditation' }));
    // Assess
    expect(text.split('\n')).toContain(heading);
  });

  it('plain text lists each unmet standard with its comment', () => {
    // Act
    const text = renderReportText(buildDraftReport({ ...base, membershipType: 'accreditation' }));
    // Assess
    expect(text).toContain('T2-02 (Section 2) Type 2 standard number 2. [Alarm log <missing> & "late"]');
  });
});
