import { describe, expect, it } from 'vitest';
import { SectionProgress, selfReviewSections, submissionFromAnswers, unknownStandardIds, unratedStandardIds } from '#core/self-review';
import type { SelfReviewAnswer } from '#core/self-review';
import type { Standard } from '#core/standards';

const standards: Standard[] = [
  { id: '1.1', section: 'Admission', type: 1, text: 'Patients are welcomed' },
  { id: '1.2', section: 'Admission', type: 2, text: 'Patients get a leaflet' },
  { id: '2.1', section: 'Care', type: 1, text: 'Care plans are agreed' },
  { id: '3.1', section: 'Discharge', type: 3, text: 'Follow-up within 7 days' },
];

const answer = (standardId: string, fields: Partial<SelfReviewAnswer> = {}): SelfReviewAnswer => ({
  standardId,
  version: 1,
  savedBy: 'Ward manager',
  savedAt: '2026-03-02T10:42:00.000Z',
  ...fields,
});

describe('Rule: self-review sections and their progress', () => {
  it('groups the standards by section in file order, each with its answer and progress', () => {
    // Prepare
    const answers = [answer('1.1', { rating: 'met' }), answer('1.2', { rating: 'not-met' }), answer('2.1', { comment: 'Draft: ask the consultant' })];
    // Act
    const sections = selfReviewSections(standards, answers);
    // Assess
    expect(sections.map(({ section, progress, answered }) => ({ section, progress, answered }))).toEqual([
      { section: 'Admission', progress: SectionProgress.completed, answered: 2 },
      { section: 'Care', progress: SectionProgress.inProgress, answered: 0 },
      { section: 'Discharge', progress: SectionProgress.notStarted, answered: 0 },
    ]);
    expect(sections[0].standards.map((standard) => standard.answer?.rating)).toEqual(['met', 'not-met']);
    expect(sections[2].standards[0].answer).toBeUndefined();
  });

  it.each([
    ['a rating', { rating: 'met' as const }, SectionProgress.inProgress],
    ['an evidence link', { evidence: [{ title: 'Audit', url: 'https://trust.example/audit.pdf' }] }, SectionProgress.inProgress],
    ['an empty comment', { comment: '   ' }, SectionProgress.notStarted],
  ])('one standard of two with %s makes the section %s', (_label, fields, progress) => {
    // Act
    const [admission] = selfReviewSections(standards, [answer('1.1', fields)]);
    // Assess
    expect(admission.progress).toBe(progress);
  });
});

describe('Rule: what a self-review submission may name', () => {
  it('names the ids that are not standards of the cycle', () => {
    // Assess
    expect(unknownStandardIds(['1.1', '9.9', '2.1', 'x'], standards)).toEqual(['9.9', 'x']);
  });

  it('names the standards with no rating, and builds the submission from the saved answers', () => {
    // Prepare
    const answers = [answer('1.1', { rating: 'met', comment: 'Seen', evidence: [{ title: 'Policy', url: 'https://t.example/p' }] }), answer('2.1', { comment: 'Unsure' })];
    // Act
    const submission = submissionFromAnswers(answers);
    // Assess
    expect(unratedStandardIds(standards, answers)).toEqual(['1.2', '2.1', '3.1']);
    expect(submission.ratings).toEqual({ '1.1': 'met' });
    expect(submission.answerVersions).toEqual({ '1.1': 1, '2.1': 1 });
    expect(JSON.stringify(submission)).not.toContain('Seen');
  });
});
