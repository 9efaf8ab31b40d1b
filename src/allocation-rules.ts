// The hard rules of review-team allocation (DESIGN §1, CCQI peer-review practice). Each
// rule is a small function that returns why it rules a reviewer out, or undefined. Rules
// that do not depend on the date are checked once per host; the rest once per offered date.
import type { IsoDate } from './iso-date.ts';
import { type Availability, isAvailableOn } from './reviewer-availability.ts';
import { ReviewerRole } from './vocabulary.ts';

const HardRule = {
  SameOrganisation: 'same-organisation',
  HostService: 'host-service',
  ReciprocalReview: 'reciprocal-review',
  DeclaredConflict: 'declared-conflict',
  LeadTraining: 'lead-training',
  NotAvailable: 'not-available',
  AlreadyBooked: 'already-booked',
  /** The team as a whole: the network's numbers of leads, professional peers and experts. */
  TeamComposition: 'team-composition',
} as const;
type HardRule = (typeof HardRule)[keyof typeof HardRule];

/** When the reviewer can visit: days, ranges and days they cannot do (reviewer-availability.ts). */
interface Reviewer extends Availability {
  id: string;
  /** Home service; an expert by experience may have none. */
  serviceId?: string;
  /** Home organisation (trust); an expert by experience may have none. */
  organisationId?: string;
  roles: readonly ReviewerRole[];
  /** Lead-reviewer training is valid up to and including this date. */
  leadTrainingExpiresOn?: IsoDate;
  /** Declared conflicts of interest: service or organisation ids. */
  conflicts?: readonly string[];
  /** Reviews already done this year (load balancing). */
  reviewsThisYear: number;
}

interface HostService {
  serviceId: string;
  organisationId: string;
}

interface TeamMember {
  reviewerId: string;
  role: ReviewerRole;
  serviceId?: string;
  organisationId?: string;
}

interface Allocation {
  hostServiceId: string;
  hostOrganisationId: string;
  date: IsoDate;
  team: readonly TeamMember[];
}

/** Facts about this cycle's allocations so far, indexed once. */
interface AllocationIndex {
  /** host service id -> the services whose reviewers visited it. */
  reviewersServicesByHost: Map<string, Set<string>>;
  /** date -> reviewers already on a visit that day. */
  bookedOn: Map<IsoDate, Set<string>>;
  /** reviewer id -> visits this cycle. */
  visitsByReviewer: Map<string, number>;
  /** organisation id -> reviewer places its staff hold this cycle. */
  placesByOrganisation: Map<string, number>;
}

/** Why one reviewer cannot serve this host (on this date, when the rule depends on it). */
interface Exclusion {
  reviewerId: string;
  rule: HardRule;
  detail: string;
  /** Set for rules that depend on the visit date. */
  date?: IsoDate;
}

/**
 * A hard rule in two parts: `breaks` is asked for every reviewer and host (the hot path of a
 * cohort allocation, so it builds no text), `detail` only for the reviewers it rules out.
 */
interface Rule<Against> {
  rule: HardRule;
  breaks: (reviewer: Reviewer, against: Against, index: AllocationIndex) => boolean;
  detail: (reviewer: Reviewer, against: Against) => string;
}
type HostRule = Rule<HostService>;
type DateRule = Rule<IsoDate>;

const sameOrganisation: HostRule = {
  rule: HardRule.SameOrganisation,
  breaks: (reviewer, host) => reviewer.organisationId !== undefined && reviewer.organisationId === host.organisationId,
  detail: (_reviewer, host) => `works for the host organisation ${host.organisationId}`,
};

const hostService: HostRule = {
  rule: HardRule.HostService,
  breaks: (reviewer, host) => reviewer.serviceId !== undefined && reviewer.serviceId === host.serviceId,
  detail: (_reviewer, host) => `works in the host service ${host.serviceId}`,
};

/** A reviewer whose own service the host's staff reviewed this cycle would be returning the visit. */
const reciprocalReview: HostRule = {
  rule: HardRule.ReciprocalReview,
  breaks: (reviewer, host, index) => reviewer.serviceId !== undefined && index.reviewersServicesByHost.get(reviewer.serviceId)?.has(host.serviceId) === true,
  detail: (reviewer, host) => `reviewers from ${host.serviceId} reviewed their service ${reviewer.serviceId} this cycle`,
};

const conflictWith = (reviewer: Reviewer, host: HostService): string | undefined => reviewer.conflicts?.find((id) => id === host.serviceId || id === host.organisationId);

const declaredConflict: HostRule = {
  rule: HardRule.DeclaredConflict,
  breaks: (reviewer, host) => conflictWith(reviewer, host) !== undefined,
  detail: (reviewer, host) => `declared a conflict with ${conflictWith(reviewer, host)}`,
};

const notAvailable: DateRule = {
  rule: HardRule.NotAvailable,
  breaks: (reviewer, date) => !isAvailableOn(reviewer, date),
  detail: (_reviewer, date) => `not available on ${date}`,
};

const alreadyBooked: DateRule = {
  rule: HardRule.AlreadyBooked,
  breaks: (reviewer, date, index) => index.bookedOn.get(date)?.has(reviewer.id) === true,
  detail: (_reviewer, date) => `already on a visit on ${date}`,
};

/** Only for the lead role: trained, and the training still in date on the visit day. */
const leadTrained = (reviewer: Reviewer, date: IsoDate): boolean => reviewer.leadTrainingExpiresOn !== undefined && reviewer.leadTrainingExpiresOn >= date;

const leadTraining = (reviewer: Reviewer, date: IsoDate): string | undefined => {
  if (reviewer.leadTrainingExpiresOn === undefined) return 'has no lead-reviewer training on record';
  return reviewer.leadTrainingExpiresOn < date ? `lead-reviewer training expired on ${reviewer.leadTrainingExpiresOn}` : undefined;
};

const HOST_RULES: readonly HostRule[] = [hostService, sameOrganisation, reciprocalReview, declaredConflict];
const DATE_RULES: readonly DateRule[] = [notAvailable, alreadyBooked];

const passesHostRules = (reviewer: Reviewer, host: HostService, index: AllocationIndex): boolean => HOST_RULES.every((check) => !check.breaks(reviewer, host, index));
const passesDateRules = (reviewer: Reviewer, date: IsoDate, index: AllocationIndex): boolean => DATE_RULES.every((check) => !check.breaks(reviewer, date, index));

/**
 * Every hard rule that rules this reviewer out for the host on any of the dates; lead training
 * only counts for a reviewer who holds the lead role.
 */
const reviewerExclusions = (reviewer: Reviewer, host: HostService, dates: readonly IsoDate[], index: AllocationIndex): Exclusion[] => {
  const exclusions: Exclusion[] = [];
  for (const check of HOST_RULES) {
    if (check.breaks(reviewer, host, index)) exclusions.push({ reviewerId: reviewer.id, rule: check.rule, detail: check.detail(reviewer, host) });
  }
  for (const date of dates) {
    for (const check of DATE_RULES) {
      if (check.breaks(reviewer, date, index)) exclusions.push({ reviewerId: reviewer.id, rule: check.rule, detail: check.detail(reviewer, date), date });
    }
    if (reviewer.roles.includes(ReviewerRole.Lead)) {
      const detail = leadTraining(reviewer, date);
      if (detail !== undefined) exclusions.push({ reviewerId: reviewer.id, rule: HardRule.LeadTraining, detail, date });
    }
  }
  return exclusions;
};

const emptyIndex = (): AllocationIndex => ({ reviewersServicesByHost: new Map(), bookedOn: new Map(), visitsByReviewer: new Map(), placesByOrganisation: new Map() });

const addToIndex = (index: AllocationIndex, allocation: Allocation): void => {
  const services = index.reviewersServicesByHost.get(allocation.hostServiceId) ?? new Set<string>();
  const booked = index.bookedOn.get(allocation.date) ?? new Set<string>();
  for (const member of allocation.team) {
    if (member.serviceId !== undefined) services.add(member.serviceId);
    booked.add(member.reviewerId);
    index.visitsByReviewer.set(member.reviewerId, (index.visitsByReviewer.get(member.reviewerId) ?? 0) + 1);
    if (member.organisationId !== undefined) index.placesByOrganisation.set(member.organisationId, (index.placesByOrganisation.get(member.organisationId) ?? 0) + 1);
  }
  index.reviewersServicesByHost.set(allocation.hostServiceId, services);
  index.bookedOn.set(allocation.date, booked);
};

const indexAllocations = (allocations: readonly Allocation[]): AllocationIndex => {
  const index = emptyIndex();
  for (const allocation of allocations) addToIndex(index, allocation);
  return index;
};

/**
 * The cohort's other visits as the rules read them: the visits themselves, or their facts already
 * indexed. A handler reads the facts by key (the bookings of the offered days, the visits the
 * host's staff made, each reviewer's visits) rather than every visit of the cohort (issue 14).
 */
type Bookings = readonly Allocation[] | AllocationIndex;
const indexOf = (bookings: Bookings): AllocationIndex => ('bookedOn' in bookings ? bookings : indexAllocations(bookings));

export { addToIndex, DATE_RULES, emptyIndex, HardRule, HOST_RULES, indexAllocations, indexOf, leadTrained, leadTraining, passesDateRules, passesHostRules, reviewerExclusions };
export type { Allocation, AllocationIndex, Bookings, Exclusion, HostService, Reviewer, TeamMember };
