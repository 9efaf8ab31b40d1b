// The accreditation committee's pack (DESIGN §1.5, issue 9): what the committee reads before it
// records a decision. The rule's recommendation with its reasons and the standards that block
// accreditation, the scores per standard type, the service's and the review team's ratings side by
// side (flagged where they disagree), the report, the service's factual-accuracy corrections and,
// when the committee decides again, what the service sent since: the evidence per blocking standard
// after a deferral, or the grounds of an appeal. Pure: everything is read by the caller.
import type { Reason } from './decision.ts';
import { RATING_LABELS, type Rating, type StandardRating } from './ratings.ts';
import { OUTCOME_LABELS, TYPE_LABELS } from './report.ts';
import type { Evidence, EvidenceLink } from './self-review.ts';
import type { Standard } from './standards.ts';
import { Outcome, STANDARD_TYPES, type StandardType } from './vocabulary.ts';

const RedecisionBecause = { deferralEvidence: 'deferral-evidence', appeal: 'appeal' } as const;
type RedecisionBecause = (typeof RedecisionBecause)[keyof typeof RedecisionBecause];

/** One factual-accuracy correction; `section` names the report section when the service gave one. */
interface Correction {
  section?: string;
  text: string;
}

interface FactualAccuracyView {
  /** accepted, corrections, deemed-accepted; `open` while the check has not closed. */
  outcome: string;
  respondedBy?: string;
  corrections: Correction[];
}

interface SelfAnswer extends StandardRating {
  evidenceLinks?: Evidence[];
}

interface DeferralEvidenceInput {
  submittedBy: string;
  submittedAt: string;
  summary: string;
  evidence: { standardId: string; note: string; links?: EvidenceLink[] }[];
}

interface AppealInput {
  lodgedBy: string;
  submittedAt: string;
  grounds: string;
}

interface PreviousDecision {
  outcome: Outcome;
  reason: string;
  decidedOn?: string;
  decidedBy?: string;
}

interface CommitteePackInput {
  cycle: { cycleId: string; serviceName: string; networkName: string; membershipType: string };
  standards: readonly Standard[];
  selfRatings: readonly SelfAnswer[];
  peerRatings: readonly StandardRating[];
  report: {
    preparedOn: string;
    summary: string;
    scores: Record<string, { met: number; applicable: number; percentage: number | null; threshold: number | null }>;
    recommendation: { outcome: string | null; reasons: Pick<Reason, 'message'>[]; blockingStandardIds: string[] };
    html: string;
    text: string;
  };
  factualAccuracy: FactualAccuracyView;
  deferralEvidence?: DeferralEvidenceInput;
  appeal?: AppealInput;
  previousDecision?: PreviousDecision;
}

interface StandardLine {
  id: string;
  section: string;
  type: StandardType;
  text: string;
}

interface RatingView {
  rating: Rating;
  label: string;
  comment?: string;
  evidenceLinks?: Evidence[];
}

interface RatingRow extends StandardLine {
  self?: RatingView;
  peer?: RatingView;
  /** Both rated it, differently: the peer rating counts and the committee should know why. */
  disagree: boolean;
}

/** `section` and `type` are absent (and `text` empty) if the standards set could not be read. */
interface EvidenceForStandard extends Omit<StandardLine, 'section' | 'type'>, Partial<Pick<StandardLine, 'section' | 'type'>> {
  blocking: boolean;
  notes: { note: string; links: EvidenceLink[] }[];
}

interface Redecision {
  /** What the service sent last: the reason the committee decides again. */
  because: RedecisionBecause;
  previousDecision?: PreviousDecision & { label: string };
  deferralEvidence?: Omit<DeferralEvidenceInput, 'evidence'> & { standards: EvidenceForStandard[] };
  appeal?: AppealInput;
}

interface CommitteePack {
  cycleId: string;
  serviceName: string;
  networkName: string;
  recommendation: { outcome: string | null; label: string; reasons: string[]; blockingStandards: StandardLine[] };
  scores: { type: StandardType; label: string; met: number; applicable: number; percentage: number | null; threshold: number | null }[];
  ratings: RatingRow[];
  disagreements: number;
  report: { preparedOn: string; summary: string; html: string; text: string };
  factualAccuracy: FactualAccuracyView;
  redecision?: Redecision;
}

const lineOf = (standard: Standard): StandardLine => ({ id: standard.id, section: standard.section, type: standard.type, text: standard.text });

const viewOf = (rating: SelfAnswer | undefined): RatingView | undefined =>
  rating && {
    rating: rating.rating,
    label: RATING_LABELS[rating.rating],
    ...(rating.comment ? { comment: rating.comment } : {}),
    ...(rating.evidenceLinks?.length ? { evidenceLinks: rating.evidenceLinks } : {}),
  };

const ratingRows = (standards: readonly Standard[], selfRatings: readonly SelfAnswer[], peerRatings: readonly StandardRating[]): RatingRow[] => {
  const selfById = new Map(selfRatings.map((rating) => [rating.standardId, rating]));
  const peerById = new Map(peerRatings.map((rating) => [rating.standardId, rating]));
  return standards.map((standard) => {
    const self = viewOf(selfById.get(standard.id));
    const peer = viewOf(peerById.get(standard.id));
    return { ...lineOf(standard), ...(self ? { self } : {}), ...(peer ? { peer } : {}), disagree: self !== undefined && peer !== undefined && self.rating !== peer.rating };
  });
};

/** The rows where the service and the review team rated a standard differently. */
const onlyDisagreements = <Row extends Pick<RatingRow, 'disagree'>>(rows: readonly Row[]): Row[] => rows.filter((row) => row.disagree);

/** The evidence grouped by standard: the blocking standards first (each, even with nothing sent), then any other unmet standard the service wrote about. */
const evidenceByStandard = (evidence: DeferralEvidenceInput['evidence'], blockingIds: readonly string[], standards: readonly Standard[]): EvidenceForStandard[] => {
  const byId = new Map(standards.map((standard) => [standard.id, standard]));
  const blocking = new Set(blockingIds);
  const order = [...blockingIds, ...evidence.map((item) => item.standardId).filter((id) => !blocking.has(id))];
  return [...new Set(order)].map((id) => {
    const standard = byId.get(id);
    const notes = evidence.filter((item) => item.standardId === id).map((item) => ({ note: item.note, links: item.links ?? [] }));
    return { ...(standard ? lineOf(standard) : { id, text: '' }), blocking: blocking.has(id), notes };
  });
};

/** A re-decision follows whatever the service sent last; nothing sent means a first decision. */
const redecisionOf = (input: CommitteePackInput): Redecision | undefined => {
  const { deferralEvidence, appeal, previousDecision } = input;
  if (!deferralEvidence && !appeal) return undefined;
  const because = appeal && (!deferralEvidence || appeal.submittedAt >= deferralEvidence.submittedAt) ? RedecisionBecause.appeal : RedecisionBecause.deferralEvidence;
  const { evidence, ...sent } = deferralEvidence ?? { evidence: [] };
  return {
    because,
    ...(previousDecision ? { previousDecision: { ...previousDecision, label: OUTCOME_LABELS[previousDecision.outcome] } } : {}),
    ...(deferralEvidence ? { deferralEvidence: { ...(sent as Omit<DeferralEvidenceInput, 'evidence'>), standards: evidenceByStandard(evidence, input.report.recommendation.blockingStandardIds, input.standards) } } : {}),
    ...(appeal ? { appeal } : {}),
  };
};

const buildCommitteePack = (input: CommitteePackInput): CommitteePack => {
  const { report, standards } = input;
  const byId = new Map(standards.map((standard) => [standard.id, standard]));
  const outcome = report.recommendation.outcome;
  const ratings = ratingRows(standards, input.selfRatings, input.peerRatings);
  const redecision = redecisionOf(input);
  return {
    cycleId: input.cycle.cycleId,
    serviceName: input.cycle.serviceName,
    networkName: input.cycle.networkName,
    recommendation: {
      outcome,
      label: outcome && outcome in OUTCOME_LABELS ? OUTCOME_LABELS[outcome as Outcome] : 'No recommendation',
      reasons: report.recommendation.reasons.map((reason) => reason.message),
      blockingStandards: report.recommendation.blockingStandardIds.flatMap((id) => {
        const standard = byId.get(id);
        return standard ? [lineOf(standard)] : [];
      }),
    },
    scores: STANDARD_TYPES.map((type) => {
      const { met = 0, applicable = 0, percentage = null, threshold = null } = report.scores[String(type)] ?? {};
      return { type, label: TYPE_LABELS[type], met, applicable, percentage, threshold };
    }),
    ratings,
    disagreements: onlyDisagreements(ratings).length,
    report: { preparedOn: report.preparedOn, summary: report.summary, html: report.html, text: report.text },
    factualAccuracy: input.factualAccuracy,
    ...(redecision ? { redecision } : {}),
  };
};

export { buildCommitteePack, onlyDisagreements, RedecisionBecause };
export type { AppealInput, CommitteePack, CommitteePackInput, Correction, DeferralEvidenceInput, EvidenceForStandard, FactualAccuracyView, PreviousDecision, RatingRow, Redecision, SelfAnswer };
