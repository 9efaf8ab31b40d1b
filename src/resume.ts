// Where a cycle can be continued in a new execution (DESIGN §2: a long cycle near Step Functions'
// limits, a redrive, a new definition version), judged from what its records hold. Each stage
// works from records that earlier steps make: opening the factual-accuracy check or the committee
// decision sends the draft report, the invitations need the booked visit date, and so on. A
// resume at a stage whose records do not exist yet would fail inside the new execution
// (MissingStepRecord) after the old one had been stopped, so it is refused before anything starts.
import { Outcome, ResumeStage } from './vocabulary.ts';

/** What a cycle's records hold, as far as a resume needs to know. */
interface ResumeRecords {
  /** The review-team allocation: none yet, tried (dates offered, maybe no feasible team), or booked on a date. */
  allocation: 'none' | 'attempted' | 'dated';
  peerRatingsSubmitted: boolean;
  draftReport: boolean;
  decision?: Outcome;
}

/** A record a stage works from, and the step of the cycle that makes it. */
interface Prerequisite {
  record: string;
  madeAt: ResumeStage;
  holds: (records: ResumeRecords) => boolean;
}

const ALLOCATION_TRIED: Prerequisite = {
  record: 'review-team allocation',
  madeAt: ResumeStage.peerReviewScheduling,
  holds: (records) => records.allocation !== 'none',
};
const VISIT_BOOKED: Prerequisite = {
  record: 'booked visit date and review team',
  madeAt: ResumeStage.peerReviewScheduling,
  holds: (records) => records.allocation === 'dated',
};
const PEER_RATINGS: Prerequisite = {
  record: 'peer ratings',
  madeAt: ResumeStage.peerRatings,
  holds: (records) => records.peerRatingsSubmitted,
};
const DRAFT_REPORT: Prerequisite = {
  record: 'draft report',
  madeAt: ResumeStage.reportDrafting,
  holds: (records) => records.draftReport,
};
const decisionOf = (outcome: Outcome): Prerequisite => ({
  record: `'${outcome}' committee decision`,
  madeAt: ResumeStage.committeeDecision,
  holds: (records) => records.decision === outcome,
});

/**
 * What each stage works from, following the state machine's path from it: the invitations and
 * the visit confirmation name the booked team, the lead reviewer is asked for ratings, the report
 * is scored from the peer ratings, the factual-accuracy check and the committee pack send the
 * report, and the deferral and appeal windows follow their decision.
 */
const PREREQUISITES: Readonly<Record<ResumeStage, readonly Prerequisite[]>> = {
  [ResumeStage.enrolment]: [],
  [ResumeStage.selfReview]: [],
  [ResumeStage.peerReviewScheduling]: [],
  [ResumeStage.manualAllocation]: [ALLOCATION_TRIED],
  [ResumeStage.reviewerAcceptance]: [VISIT_BOOKED],
  [ResumeStage.visit]: [VISIT_BOOKED],
  [ResumeStage.peerRatings]: [VISIT_BOOKED],
  [ResumeStage.reportDrafting]: [VISIT_BOOKED, PEER_RATINGS],
  [ResumeStage.factualAccuracy]: [DRAFT_REPORT],
  [ResumeStage.committeeDecision]: [DRAFT_REPORT],
  [ResumeStage.deferralEvidence]: [DRAFT_REPORT, decisionOf(Outcome.Deferred)],
  [ResumeStage.appeal]: [DRAFT_REPORT, decisionOf(Outcome.NotAccredited)],
};

interface MissingRecord {
  record: string;
  madeAt: ResumeStage;
}

/** The records a resume at `stage` needs and the cycle does not have yet (none: it can resume there). */
const missingForResume = (stage: ResumeStage, records: ResumeRecords): MissingRecord[] =>
  PREREQUISITES[stage].filter((prerequisite) => !prerequisite.holds(records)).map(({ record, madeAt }) => ({ record, madeAt }));

/** Every stage the cycle's records support a resume at, in the workflow's order. */
const resumableStages = (records: ResumeRecords): ResumeStage[] =>
  Object.values(ResumeStage).filter((stage) => missingForResume(stage, records).length === 0);

/** One sentence for the person who asked: `needs the draft report (report-drafting)`. */
const describeMissing = (missing: readonly MissingRecord[]): string =>
  `needs the ${missing.map(({ record, madeAt }) => `${record} (${madeAt})`).join(' and the ')}`;

export { describeMissing, missingForResume, resumableStages };
export type { MissingRecord, ResumeRecords };
