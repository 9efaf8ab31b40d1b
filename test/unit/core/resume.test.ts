import { describe, expect, it } from 'vitest';
import { describeMissing, missingForResume, resumableStages } from '#core/resume';
import type { ResumeRecords } from '#core/resume';

const enrolled: ResumeRecords = { allocation: 'none', peerRatingsSubmitted: false, draftReport: false };
const visited: ResumeRecords = { allocation: 'dated', peerRatingsSubmitted: true, draftReport: false };
const drafted: ResumeRecords = { ...visited, draftReport: true };

describe('Function: missingForResume', () => {
  it.each([
    ['committee-decision before a draft report', 'committee-decision', visited, ['draft report (report-drafting)']],
    ['factual-accuracy before a draft report', 'factual-accuracy', enrolled, ['draft report (report-drafting)']],
    ['reviewer-acceptance before a visit is booked', 'reviewer-acceptance', { ...enrolled, allocation: 'attempted' }, ['booked visit date and review team (peer-review-scheduling)']],
    ['manual-allocation before any allocation', 'manual-allocation', enrolled, ['review-team allocation (peer-review-scheduling)']],
    ['report-drafting before the peer ratings', 'report-drafting', { ...visited, peerRatingsSubmitted: false }, ['peer ratings (peer-ratings)']],
    ['appeal without a report or a decision', 'appeal', visited, ['draft report (report-drafting)', "'not-accredited' committee decision (committee-decision)"]],
    ['deferral-evidence after an accredited decision', 'deferral-evidence', { ...drafted, decision: 'accredited' }, ["'deferred' committee decision (committee-decision)"]],
  ] as const)('refuses %s, naming what is missing', (_label, stage, records, expected) => {
    // Act
    const missing = missingForResume(stage, records);
    // Assess
    expect(missing.map(({ record, madeAt }) => `${record} (${madeAt})`)).toEqual(expected);
  });

  it.each([
    ['enrolment', enrolled],
    ['self-review', enrolled],
    ['peer-review-scheduling', enrolled],
    ['visit', visited],
    ['committee-decision', drafted],
    ['appeal', { ...drafted, decision: 'not-accredited' }],
  ] as const)('supports a resume at %s when its records exist', (stage, records) => {
    // Assess
    expect(missingForResume(stage, records)).toEqual([]);
  });
});

describe('Function: resumableStages', () => {
  it('lists only the stages a newly enrolled cycle can resume at', () => {
    // Assess
    expect(resumableStages(enrolled)).toEqual(['enrolment', 'self-review', 'peer-review-scheduling']);
  });
});

describe('Function: describeMissing', () => {
  it('names each missing record with the step that makes it', () => {
    // Act
    const sentence = describeMissing(missingForResume('appeal', visited));
    // Assess
    expect(sentence).toBe("needs the draft report (report-drafting) and the 'not-accredited' committee decision (committee-decision)");
  });
});
