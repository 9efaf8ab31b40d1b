// The good-practice library: examples from shared reviews (areas of good practice and the team's
// comments on met standards), found by standard and by words.
import { describe, expect, it } from 'vitest';
import { goodPracticeExamples, searchGoodPractice, standardsNamedIn } from '#core/good-practice';

const standards = [
  { id: '1.1', section: 'Safety' },
  { id: '1.2', section: 'Safety' },
  { id: '2.1', section: 'Care planning' },
  { id: '2.11', section: 'Care planning' },
];
const reviews = [
  {
    cycleId: 'c1',
    serviceName: 'Ward A',
    goodPractice: ['Safety: every applicable standard met', 'The ward’s discharge letters (2.1) are sent the same day'],
    peerRatings: [
      { standardId: '1.1', rating: 'met', comment: 'Ligature audit done monthly with patients' },
      { standardId: '1.2', rating: 'not-met', comment: 'Training lapsed' },
      { standardId: '2.1', rating: 'met' },
    ],
  },
];

describe('Function: goodPracticeExamples', () => {
  it('takes areas of good practice with the standards they name, and comments on met standards only', () => {
    // Act
    const examples = goodPracticeExamples(standards, reviews);
    // Assess
    expect(examples.map((example) => [example.source, example.standardIds, example.text])).toEqual([
      ['area-of-good-practice', ['1.1', '1.2'], 'Safety: every applicable standard met'],
      ['area-of-good-practice', ['2.1'], 'The ward’s discharge letters (2.1) are sent the same day'],
      ['peer-comment', ['1.1'], 'Ligature audit done monthly with patients'],
    ]);
  });

  it.each([
    { text: 'Standard 2.1 and 2.11', ids: ['2.1', '2.11'] },
    { text: 'Standard 2.11 only', ids: ['2.11'] },
    { text: 'Care planning: all met', ids: ['2.1', '2.11'] },
    { text: 'Nothing named 12.1', ids: [] },
  ])('finds the standards named in "$text"', ({ text, ids }) => {
    expect(standardsNamedIn(text, standards)).toEqual(ids);
  });
});

describe('Function: searchGoodPractice', () => {
  it('finds examples by standard and by every word given', () => {
    // Prepare
    const examples = goodPracticeExamples(standards, reviews);
    // Act / Assess
    expect(searchGoodPractice(examples, { standardId: '1.1' })).toHaveLength(2);
    expect(searchGoodPractice(examples, { standardId: '1.1', text: 'LIGATURE monthly' }).map((example) => example.text)).toEqual(['Ligature audit done monthly with patients']);
    expect(searchGoodPractice(examples, { text: 'ligature weekly' })).toEqual([]);
  });
});
