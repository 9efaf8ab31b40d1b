// The good-practice library (issue 13, "sharing what the network learns"): examples from the reviews
// of services that chose to share them, searchable by standard. An example is what the review team
// wrote: an area of good practice from the report, or the team's comment on a standard it rated met.
// Nothing is shared without the service's opt-in (recorded per cycle), and an example names the
// service, because a shared example is only useful if others can ask how it was done.
import { Rating } from './ratings.ts';
import type { Standard } from './standards.ts';

interface SharedReview {
  cycleId: string;
  serviceName: string;
  /** The report's areas of good practice, as the review team wrote them. */
  goodPractice: readonly string[];
  /** The review team's ratings, with their comments. */
  peerRatings: readonly { standardId: string; rating: string; comment?: string }[];
}

interface GoodPracticeExample {
  cycleId: string;
  serviceName: string;
  /** The standards the example is about (none when it names no section or standard). */
  standardIds: string[];
  text: string;
  source: 'area-of-good-practice' | 'peer-comment';
}

interface GoodPracticeQuery {
  standardId?: string;
  /** Words that must all appear in the example (any case). */
  text?: string;
}

/** The standards an area of good practice is about: a section it starts with ("Safety: …") and the standard ids it names. */
const standardsNamedIn = (text: string, standards: readonly Pick<Standard, 'id' | 'section'>[]): string[] => {
  const lower = text.toLowerCase();
  const ids = new Set<string>();
  for (const standard of standards) {
    if (lower.startsWith(`${standard.section.toLowerCase()}:`)) ids.add(standard.id);
    if (new RegExp(`(^|[^\\w.])${standard.id.replace(/\./g, '\\.')}(?![\\w]|\\.\\d)`).test(text)) ids.add(standard.id);
  }
  return [...ids];
};

const goodPracticeExamples = (standards: readonly Pick<Standard, 'id' | 'section'>[], reviews: readonly SharedReview[]): GoodPracticeExample[] =>
  reviews.flatMap((review) => [
    ...review.goodPractice.map((text): GoodPracticeExample => ({ cycleId: review.cycleId, serviceName: review.serviceName, standardIds: standardsNamedIn(text, standards), text, source: 'area-of-good-practice' })),
    ...review.peerRatings
      .filter((rating) => rating.rating === Rating.Met && rating.comment?.trim())
      .map((rating): GoodPracticeExample => ({ cycleId: review.cycleId, serviceName: review.serviceName, standardIds: [rating.standardId], text: rating.comment!.trim(), source: 'peer-comment' })),
  ]);

const searchGoodPractice = (examples: readonly GoodPracticeExample[], { standardId, text }: GoodPracticeQuery): GoodPracticeExample[] => {
  const words = (text ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  return examples.filter((example) => (!standardId || example.standardIds.includes(standardId)) && words.every((word) => `${example.text} ${example.serviceName}`.toLowerCase().includes(word)));
};

export { goodPracticeExamples, searchGoodPractice, standardsNamedIn };
export type { GoodPracticeExample, GoodPracticeQuery, SharedReview };
