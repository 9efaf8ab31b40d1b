// The words of the review cycle (DESIGN §1), as `as const` objects so they serialise as
// plain strings in DynamoDB, Step Functions state and the API.

/** Stages of one service's review cycle, in order. */
const Stage = {
  Enrolment: 'enrolment',
  SelfReview: 'self-review',
  PeerReviewScheduling: 'peer-review-scheduling',
  Visit: 'visit',
  FactualAccuracy: 'factual-accuracy',
  CommitteeDecision: 'committee-decision',
} as const;
type Stage = (typeof Stage)[keyof typeof Stage];
const STAGE_ORDER: readonly Stage[] = Object.values(Stage);

/** Developmental: peer review only, no pass mark. Accreditation: a committee outcome. */
const MembershipType = {
  Accreditation: 'accreditation',
  Developmental: 'developmental',
} as const;
type MembershipType = (typeof MembershipType)[keyof typeof MembershipType];

/** CCQI standard types: 1 essential (safety, rights, dignity, the law), 2 expected, 3 desirable. */
const StandardType = {
  Essential: 1,
  Expected: 2,
  Desirable: 3,
} as const;
type StandardType = (typeof StandardType)[keyof typeof StandardType];
const STANDARD_TYPES: readonly StandardType[] = [1, 2, 3];

const ReviewerRole = {
  Lead: 'lead',
  Professional: 'professional',
  ExpertByExperience: 'expert-by-experience',
} as const;
type ReviewerRole = (typeof ReviewerRole)[keyof typeof ReviewerRole];

/** Who a reminder or escalation goes to (DESIGN §1: service lead, then the organisation's QI lead, then the network manager). */
const RecipientRole = {
  ServiceLead: 'service-lead',
  OrganisationQiLead: 'organisation-qi-lead',
  NetworkManager: 'network-manager',
  LeadReviewer: 'lead-reviewer',
} as const;
type RecipientRole = (typeof RecipientRole)[keyof typeof RecipientRole];

const Outcome = {
  Accredited: 'accredited',
  Deferred: 'deferred',
  NotAccredited: 'not-accredited',
} as const;
type Outcome = (typeof Outcome)[keyof typeof Outcome];

export { MembershipType, Outcome, RecipientRole, ReviewerRole, STAGE_ORDER, Stage, STANDARD_TYPES, StandardType };
