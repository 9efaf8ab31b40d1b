// Scores a review against its standards. CCQI reports give, per standard type, the number
// met, not met and not applicable, and the percentage met with N/A left out of the
// denominator. Where the review team's rating differs from the service's own, the peer
// rating counts and the disagreement is listed in the report.
import { InvalidRatingsError } from './errors.ts';
import { Rating, type StandardRating } from './ratings.ts';
import type { Standard } from './standards.ts';
import { STANDARD_TYPES, type StandardType } from './vocabulary.ts';

interface TypeScore {
  type: StandardType;
  total: number;
  met: number;
  notMet: number;
  notApplicable: number;
  /** Standards with neither a self nor a peer rating. */
  unrated: number;
  /** met + notMet: the denominator. */
  applicable: number;
  /** 0–100, or null when nothing of this type is applicable (no standards, or all N/A). */
  percentage: number | null;
}

interface StandardResult {
  standard: Standard;
  self?: StandardRating;
  peer?: StandardRating;
  /** The rating that counts: the peer's when there is one, else the service's own. */
  effective?: Rating;
}

interface Disagreement {
  standardId: string;
  section: string;
  type: StandardType;
  self: Rating;
  peer: Rating;
  selfComment?: string;
  peerComment?: string;
}

interface ReviewScores {
  byType: Record<StandardType, TypeScore>;
  results: StandardResult[];
  disagreements: Disagreement[];
  unratedStandardIds: string[];
}

interface ScoreReviewInput {
  standards: readonly Standard[];
  selfRatings: readonly StandardRating[];
  peerRatings?: readonly StandardRating[];
}

const indexRatings = (ratings: readonly StandardRating[], source: 'self' | 'peer', known: ReadonlySet<string>, problems: InvalidRatingsError['problems']) => {
  const byId = new Map<string, StandardRating>();
  for (const rating of ratings) {
    if (!known.has(rating.standardId)) problems.push({ standardId: rating.standardId, source, problem: 'unknown-standard' });
    else if (byId.has(rating.standardId)) problems.push({ standardId: rating.standardId, source, problem: 'duplicate' });
    else byId.set(rating.standardId, rating);
  }
  return byId;
};

const emptyScore = (type: StandardType): TypeScore => ({ type, total: 0, met: 0, notMet: 0, notApplicable: 0, unrated: 0, applicable: 0, percentage: null });

const tally = (score: TypeScore, effective: Rating | undefined): void => {
  score.total += 1;
  if (effective === Rating.Met) score.met += 1;
  else if (effective === Rating.NotMet) score.notMet += 1;
  else if (effective === Rating.NotApplicable) score.notApplicable += 1;
  else score.unrated += 1;
};

const disagreementOf = (standard: Standard, self: StandardRating | undefined, peer: StandardRating | undefined): Disagreement | undefined => {
  if (self === undefined || peer === undefined || self.rating === peer.rating) return undefined;
  return {
    standardId: standard.id,
    section: standard.section,
    type: standard.type,
    self: self.rating,
    peer: peer.rating,
    ...(self.comment === undefined ? {} : { selfComment: self.comment }),
    ...(peer.comment === undefined ? {} : { peerComment: peer.comment }),
  };
};

/** Throws InvalidRatingsError if a rating names an unknown standard or repeats one. */
const scoreReview = ({ standards, selfRatings, peerRatings = [] }: ScoreReviewInput): ReviewScores => {
  const known = new Set(standards.map((standard) => standard.id));
  const problems: InvalidRatingsError['problems'] = [];
  const selfById = indexRatings(selfRatings, 'self', known, problems);
  const peerById = indexRatings(peerRatings, 'peer', known, problems);
  if (problems.length > 0) throw new InvalidRatingsError(problems);

  const byType = Object.fromEntries(STANDARD_TYPES.map((type) => [type, emptyScore(type)])) as Record<StandardType, TypeScore>;
  const results: StandardResult[] = [];
  const disagreements: Disagreement[] = [];
  const unratedStandardIds: string[] = [];
  for (const standard of standards) {
    const self = selfById.get(standard.id);
    const peer = peerById.get(standard.id);
    const effective = (peer ?? self)?.rating;
    tally(byType[standard.type], effective);
    if (effective === undefined) unratedStandardIds.push(standard.id);
    const disagreement = disagreementOf(standard, self, peer);
    if (disagreement !== undefined) disagreements.push(disagreement);
    results.push({ standard, ...(self === undefined ? {} : { self }), ...(peer === undefined ? {} : { peer }), ...(effective === undefined ? {} : { effective }) });
  }
  for (const score of Object.values(byType)) {
    score.applicable = score.met + score.notMet;
    score.percentage = score.applicable === 0 ? null : (score.met * 100) / score.applicable;
  }
  return { byType, results, disagreements, unratedStandardIds };
};

export { scoreReview };
export type { Disagreement, ReviewScores, ScoreReviewInput, StandardResult, TypeScore };
