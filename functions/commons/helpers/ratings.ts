// Ratings as the API receives them, in the domain core's shape: the self-review sends a map
// (standard id -> rating), the lead reviewer a list with comments.
import type { StandardRating } from '#core/ratings';
import type { Standard } from '#core/standards';

type RatingValue = StandardRating['rating'];

const selfRatingsOf = (submission: Record<string, unknown> | undefined, standards: readonly Standard[]): StandardRating[] => {
  const known = new Set(standards.map((standard) => standard.id));
  const ratings = (submission?.ratings ?? {}) as Record<string, RatingValue>;
  // The self-review form is not checked against the standards version; what does not match one is left out.
  return Object.entries(ratings)
    .filter(([standardId]) => known.has(standardId))
    .map(([standardId, rating]) => ({ standardId, rating }));
};

const peerRatingsOf = (submission: Record<string, unknown> | undefined): StandardRating[] =>
  ((submission?.ratings ?? []) as { standardId: string; rating: RatingValue; comment?: string }[]).map(({ standardId, rating, comment }) => ({
    standardId,
    rating,
    ...(comment ? { comment } : {}),
  }));

interface RatingsIssue {
  field: string;
  message: string;
}

/** Peer ratings checked against the cycle's standards: every id known, none twice, every standard rated by someone. */
const peerRatingsIssues = (peer: readonly StandardRating[], self: readonly StandardRating[], standards: readonly Standard[]): RatingsIssue[] => {
  const known = new Set(standards.map((standard) => standard.id));
  const seen = new Set<string>();
  const issues: RatingsIssue[] = [];
  peer.forEach((rating, index) => {
    if (!known.has(rating.standardId)) issues.push({ field: `ratings.${index}.standardId`, message: `${rating.standardId} is not a standard of this cycle` });
    else if (seen.has(rating.standardId)) issues.push({ field: `ratings.${index}.standardId`, message: `${rating.standardId} is rated twice` });
    seen.add(rating.standardId);
  });
  const selfRated = new Set(self.map((rating) => rating.standardId));
  const unrated = standards.filter((standard) => !seen.has(standard.id) && !selfRated.has(standard.id)).map((standard) => standard.id);
  if (unrated.length > 0) {
    issues.push({ field: 'ratings', message: `${unrated.length} standard(s) have no rating from the service or the team: ${unrated.slice(0, 20).join(', ')}${unrated.length > 20 ? ', …' : ''}` });
  }
  return issues;
};

export { peerRatingsIssues, peerRatingsOf, selfRatingsOf };
export type { RatingsIssue };
