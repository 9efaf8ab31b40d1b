// The recommended accreditation outcome, with its reasons. The rule (QNPICU, CCQI): a
// service is Accredited when it meets 100% of Type 1, >= 80% of Type 2 and >= 60% of Type 3
// standards (thresholds configurable per network); Deferred when only a few standards stand
// in the way (the network sets how many); otherwise Not accredited. This is a
// recommendation: the committee's recorded decision is what counts. Developmental members
// get no outcome at all.
import { IncompleteRatingsError } from './errors.ts';
import type { Thresholds } from './network-config.ts';
import { Rating } from './ratings.ts';
import type { ReviewScores, TypeScore } from './scoring.ts';
import { MembershipType, Outcome, STANDARD_TYPES, type StandardType } from './vocabulary.ts';

interface ThresholdCheck {
  type: StandardType;
  threshold: number;
  met: number;
  applicable: number;
  percentage: number | null;
  /** Standards of this type that must change to met for the threshold to be reached. */
  shortByStandards: number;
  /** Percentage points below the threshold (0 when met). */
  shortByPoints: number;
  /** The unmet standards of this type; any `shortByStandards` of them would suffice. */
  unmetStandardIds: string[];
}

type Reason =
  | { code: 'developmental'; message: string }
  | ({ code: 'threshold-met' | 'threshold-missed'; message: string } & ThresholdCheck)
  | { code: 'nothing-applicable'; type: StandardType; message: string }
  | { code: 'within-deferral-limit' | 'beyond-deferral-limit'; blockingStandards: number; maxBlockingStandards: number; message: string };

interface Recommendation {
  outcome: Outcome | null;
  reasons: Reason[];
  /** Standards that block accreditation: the unmet standards of every type whose threshold is missed. */
  blockingStandardIds: string[];
  /** How many more standards must be met to be accredited (the count compared with the deferral limit). */
  blockingCount: number;
}

interface RecommendOutcomeInput {
  scores: ReviewScores;
  thresholds: Thresholds;
  membershipType: MembershipType;
  deferralMaxBlockingStandards: number;
}

const thresholdOf = (thresholds: Thresholds, type: StandardType): number => ({ 1: thresholds.type1, 2: thresholds.type2, 3: thresholds.type3 })[type];

const unmetIds = (scores: ReviewScores, type: StandardType): string[] =>
  scores.results.filter((r) => r.standard.type === type && r.effective === Rating.NotMet).map((r) => r.standard.id);

const checkThreshold = (scores: ReviewScores, score: TypeScore, threshold: number): ThresholdCheck => {
  // Integer comparison (met * 100 >= threshold * applicable) so "exactly 80%" is never lost to floating point.
  const required = Math.ceil((threshold * score.applicable) / 100);
  const shortByStandards = Math.max(0, required - score.met);
  const shortByPoints = score.percentage === null ? 0 : Math.max(0, Math.round((threshold - score.percentage) * 10) / 10);
  return { type: score.type, threshold, met: score.met, applicable: score.applicable, percentage: score.percentage, shortByStandards, shortByPoints, unmetStandardIds: unmetIds(scores, score.type) };
};

const formatPercent = (value: number): string => `${Math.round(value * 10) / 10}%`;

const thresholdReason = (check: ThresholdCheck): Reason => {
  const label = `Type ${check.type}`;
  if (check.percentage === null) return { code: 'nothing-applicable', type: check.type, message: `${label}: no applicable standards, so the threshold does not apply` };
  if (check.shortByStandards === 0) {
    return { code: 'threshold-met', ...check, message: `${label}: ${check.met}/${check.applicable} met (${formatPercent(check.percentage)}), threshold ${check.threshold}% reached` };
  }
  return {
    code: 'threshold-missed',
    ...check,
    message:
      `${label}: ${check.met}/${check.applicable} met (${formatPercent(check.percentage)}), ${check.shortByPoints} points below the ${check.threshold}% threshold; ` +
      `${check.shortByStandards} more standard(s) must be met (unmet: ${check.unmetStandardIds.join(', ')})`,
  };
};

/** Throws IncompleteRatingsError for an accreditation member with unrated standards. */
const recommendOutcome = ({ scores, thresholds, membershipType, deferralMaxBlockingStandards }: RecommendOutcomeInput): Recommendation => {
  if (membershipType === MembershipType.Developmental) {
    return { outcome: null, reasons: [{ code: 'developmental', message: 'Developmental membership: a report is issued, with no accreditation outcome' }], blockingStandardIds: [], blockingCount: 0 };
  }
  if (scores.unratedStandardIds.length > 0) throw new IncompleteRatingsError(scores.unratedStandardIds);

  const checks = STANDARD_TYPES.map((type) => checkThreshold(scores, scores.byType[type], thresholdOf(thresholds, type)));
  const reasons = checks.map(thresholdReason);
  const missed = checks.filter((check) => check.shortByStandards > 0);
  const blockingStandardIds = missed.flatMap((check) => check.unmetStandardIds);
  const blockingCount = missed.reduce((sum, check) => sum + check.shortByStandards, 0);
  if (missed.length === 0) return { outcome: Outcome.Accredited, reasons, blockingStandardIds, blockingCount };

  const withinLimit = blockingCount <= deferralMaxBlockingStandards;
  reasons.push({
    code: withinLimit ? 'within-deferral-limit' : 'beyond-deferral-limit',
    blockingStandards: blockingCount,
    maxBlockingStandards: deferralMaxBlockingStandards,
    message: withinLimit
      ? `${blockingCount} standard(s) block accreditation, within the network's deferral limit of ${deferralMaxBlockingStandards}: evidence may be sent in the deferral window`
      : `${blockingCount} standard(s) block accreditation, more than the network's deferral limit of ${deferralMaxBlockingStandards}`,
  });
  return { outcome: withinLimit ? Outcome.Deferred : Outcome.NotAccredited, reasons, blockingStandardIds, blockingCount };
};

export { recommendOutcome };
export type { Reason, Recommendation, RecommendOutcomeInput, ThresholdCheck };
