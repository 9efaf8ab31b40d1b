import { describe, expect, it } from 'vitest';
import { buildCommitteePack, onlyDisagreements } from '#core/committee-pack';
import type { CommitteePackInput } from '#core/committee-pack';
import { standardsOf } from './fixtures.ts';

const standards = standardsOf({ 1: 2, 2: 2 });
const report: CommitteePackInput['report'] = {
  preparedOn: '2026-11-02',
  summary: 'Type 1: 1 of 2 met (50%)',
  scores: { '1': { met: 1, applicable: 2, percentage: 50, threshold: 100 }, '2': { met: 2, applicable: 2, percentage: 100, threshold: 80 } },
  recommendation: { outcome: 'deferred', reasons: [{ message: 'Type 1: 1/2 met' }, { message: '1 standard(s) block accreditation' }], blockingStandardIds: ['T1-02'] },
  html: '<p>report</p>',
  text: 'report',
};
const input = (overrides: Partial<CommitteePackInput> = {}): CommitteePackInput => ({
  cycle: { cycleId: 'c--s', serviceName: 'Hill Ward', networkName: 'Example', membershipType: 'accreditation' },
  standards,
  selfRatings: [
    { standardId: 'T1-01', rating: 'met', comment: 'Audited monthly', evidenceLinks: [{ title: 'Audit', url: 'https://example.org/a' }] },
    { standardId: 'T1-02', rating: 'met' },
    { standardId: 'T2-01', rating: 'met' },
    { standardId: 'T2-02', rating: 'not-met' },
  ],
  peerRatings: [
    { standardId: 'T1-02', rating: 'not-met', comment: 'No assessment on 3 of 10 files' },
    { standardId: 'T2-02', rating: 'met' },
  ],
  report,
  factualAccuracy: { outcome: 'corrections', respondedBy: 'Ward manager', corrections: [{ text: 'The unit has 14 beds' }] },
  ...overrides,
});

describe('Function: buildCommitteePack', () => {
  it('gives the recommendation with its reasons and blocking standards, and the scores per type', () => {
    // Act
    const pack = buildCommitteePack(input());

    // Assess
    expect(pack.recommendation).toEqual({
      outcome: 'deferred',
      label: 'Accreditation deferred',
      reasons: ['Type 1: 1/2 met', '1 standard(s) block accreditation'],
      blockingStandards: [{ id: 'T1-02', section: 'Section 1', type: 1, text: 'Type 1 standard number 2.' }],
    });
    expect(pack.scores.map((score) => [score.label, score.met, score.applicable, score.percentage, score.threshold])).toEqual([
      ['Type 1 (essential)', 1, 2, 50, 100],
      ['Type 2 (expected)', 2, 2, 100, 80],
      ['Type 3 (desirable)', 0, 0, null, null],
    ]);
    expect(pack.factualAccuracy.corrections).toEqual([{ text: 'The unit has 14 beds' }]);
    expect(pack.redecision).toBeUndefined();
  });

  it('puts the self and peer ratings side by side and flags only where both rated and differ', () => {
    // Act
    const pack = buildCommitteePack(input());

    // Assess
    expect(pack.ratings.map((row) => [row.id, row.self?.label, row.peer?.label, row.disagree])).toEqual([
      ['T1-01', 'Met', undefined, false],
      ['T1-02', 'Met', 'Not met', true],
      ['T2-01', 'Met', undefined, false],
      ['T2-02', 'Not met', 'Met', true],
    ]);
    expect(pack.ratings[0].self).toEqual({ rating: 'met', label: 'Met', comment: 'Audited monthly', evidenceLinks: [{ title: 'Audit', url: 'https://example.org/a' }] });
    expect(pack.ratings[1].peer?.comment).toBe('No assessment on 3 of 10 files');
    expect(pack.disagreements).toBe(2);
  });

  it('for a re-decision after a deferral shows the evidence per blocking standard, a blocking standard with none included', () => {
    // Prepare
    const deferralEvidence = {
      submittedBy: 'Ward manager',
      submittedAt: '2027-02-01T10:00:00.000Z',
      summary: 'Assessments now on every file',
      evidence: [
        { standardId: 'T2-02', note: 'Also fixed', links: [] },
        { standardId: 'T1-02', note: 'Audit of 20 files', links: [{ title: 'Audit', url: 'https://example.org/audit' }] },
      ],
    };
    const previousDecision = { outcome: 'deferred' as const, reason: 'T1-02 not met', decidedOn: '2026-11-20', decidedBy: 'Chair' };

    // Act
    const pack = buildCommitteePack(input({ deferralEvidence, previousDecision }));
    const none = buildCommitteePack(input({ deferralEvidence: { ...deferralEvidence, evidence: [{ standardId: 'T2-02', note: 'Only this' }] } }));

    // Assess
    expect(pack.redecision?.because).toBe('deferral-evidence');
    expect(pack.redecision?.previousDecision).toMatchObject({ label: 'Accreditation deferred', reason: 'T1-02 not met' });
    expect(pack.redecision?.deferralEvidence?.summary).toBe('Assessments now on every file');
    expect(pack.redecision?.deferralEvidence?.standards.map((s) => [s.id, s.blocking, s.notes.map((n) => n.note)])).toEqual([
      ['T1-02', true, ['Audit of 20 files']],
      ['T2-02', false, ['Also fixed']],
    ]);
    expect(none.redecision?.deferralEvidence?.standards.map((s) => [s.id, s.notes.length])).toEqual([
      ['T1-02', 0],
      ['T2-02', 1],
    ]);
  });

  it.each([
    { case: 'an appeal after the deferral evidence', appealAt: '2027-03-01T00:00:00.000Z', because: 'appeal' },
    { case: 'an older appeal than the evidence', appealAt: '2027-01-01T00:00:00.000Z', because: 'deferral-evidence' },
  ])('decides again because of what was sent last: $case', ({ appealAt, because }) => {
    // Act
    const pack = buildCommitteePack(
      input({
        deferralEvidence: { submittedBy: 'Lead', submittedAt: '2027-02-01T00:00:00.000Z', summary: 's', evidence: [{ standardId: 'T1-02', note: 'n' }] },
        appeal: { lodgedBy: 'Lead', submittedAt: appealAt, grounds: 'The 3 files were of discharged patients' },
      }),
    );

    // Assess
    expect(pack.redecision?.because).toBe(because);
    expect(pack.redecision?.appeal?.grounds).toBe('The 3 files were of discharged patients');
  });

  it('keeps an evidence item whose standard is not in the set read, with its id', () => {
    // Act
    const pack = buildCommitteePack(input({ standards: [], deferralEvidence: { submittedBy: 'L', submittedAt: '2027-02-01T00:00:00.000Z', summary: 's', evidence: [{ standardId: 'T1-02', note: 'n' }] } }));

    // Assess
    expect(pack.redecision?.deferralEvidence?.standards).toEqual([{ id: 'T1-02', text: '', blocking: true, notes: [{ note: 'n', links: [] }] }]);
  });
});

describe('Function: onlyDisagreements', () => {
  it.each([
    { rows: [{ id: 'a', disagree: false }, { id: 'b', disagree: true }], expected: ['b'] },
    { rows: [{ id: 'a', disagree: false }], expected: [] },
    { rows: [], expected: [] },
  ])('keeps the rows flagged as disagreeing: $expected', ({ rows, expected }) => {
    // Act
    const kept = onlyDisagreements(rows);

    // Assess
    expect(kept.map((row) => row.id)).toEqual(expected);
  });
});
