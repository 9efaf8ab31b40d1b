// The hard rules of review-team allocation (DESIGN §1, CCQI peer-review practice). Each
// rule is a small function that returns why it rules a reviewer out, or undefined. Rules
// that do not depend on the date are checked once per host; the rest once per offered date.
import type { IsoDate } from './iso-date.ts';
import { ReviewerRole } from './vocabulary.ts';

const HardRule = {
  SameOrganisation: 'same-organisation',
  HostService: 'host-service',
  ReciprocalReview: 'reciprocal-review',
  DeclaredConflict: 'declared-conflict',
  LeadTraining: 'lead-training',
  NotAvailable: 'not-available',
  AlreadyBooked: 'already-booked',
} as const;
type HardRule = (typeof HardRule)[keyof typeof HardRule];

interface Reviewer {
  id: string;
  /** Home service; an expert by experience may have none. */
  serviceId?: string;
  /** Home organisation (trust); an expert by experience may have none. */
  organisationId?: string;
  roles: readonly ReviewerRole[];
  /** Lead-reviewer training is valid up to and including this date. */
  leadTrainingExpiresOn?: IsoDate;
  availableOn: readonly IsoDate[];
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

type HostRule = (reviewer: Reviewer, host: HostService, index: AllocationIndex) => string | undefined;
type DateRule = (reviewer: Reviewer, date: IsoDate, index: AllocationIndex) => string | undefined;

const sameOrganisation: HostRule = (reviewer, host) =>
  reviewer.organisationId !== undefined && reviewer.organisationId === host.organisationId ? `works for the host organisation ${host.organisationId}` : undefined;

const hostService: HostRule = (reviewer, host) =>
  reviewer.serviceId !== undefined && reviewer.serviceId === host.serviceId ? `works in the host service ${host.serviceId}` : undefined;

/** A reviewer whose own service the host's staff reviewed this cycle would be returning the visit. */
const reciprocalReview: HostRule = (reviewer, host, index) =>
  reviewer.serviceId !== undefined && index.reviewersServicesByHost.get(reviewer.serviceId)?.has(host.serviceId) === true
    ? `reviewers from ${host.serviceId} reviewed their service ${reviewer.serviceId} this cycle`
    : undefined;

const declaredConflict: HostRule = (reviewer, host) => {
  const hit = reviewer.conflicts?.find((id) => id === host.serviceId || id === host.organisationId);
  return hit === undefined ? undefined : `declared a conflict with ${hit}`;
};

const notAvailable: DateRule = (reviewer, date) => (availabilityOf(reviewer).has(date) ? undefined : `not available on ${date}`);

const alreadyBooked: DateRule = (reviewer, date, index) => (index.bookedOn.get(date)?.has(reviewer.id) === true ? `already on a visit on ${date}` : undefined);

/** Only for the lead role: trained, and the training still in date on the visit day. */
const leadTraining = (reviewer: Reviewer, date: IsoDate): string | undefined => {
  if (reviewer.leadTrainingExpiresOn === undefined) return 'has no lead-reviewer training on record';
  return reviewer.leadTrainingExpiresOn < date ? `lead-reviewer training expired on ${reviewer.leadTrainingExpiresOn}` : undefined;
};

const HOST_RULES: [HardRule, HostRule][] = [
  [HardRule.HostService, hostService],
  [HardRule.SameOrganisation, sameOrganisation],
  [HardRule.ReciprocalReview, reciprocalReview],
  [HardRule.DeclaredConflict, declaredConflict],
];
const DATE_RULES: [HardRule, DateRule][] = [
  [HardRule.NotAvailable, notAvailable],
  [HardRule.AlreadyBooked, alreadyBooked],
];

const availabilityCache = new WeakMap<Reviewer, ReadonlySet<IsoDate>>();
/** Availability as a set, built once per reviewer object (the same pool is asked about many hosts). */
const availabilityOf = (reviewer: Reviewer): ReadonlySet<IsoDate> => {
  let dates = availabilityCache.get(reviewer);
  if (dates === undefined) {
    dates = new Set(reviewer.availableOn);
    availabilityCache.set(reviewer, dates);
  }
  return dates;
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

export { addToIndex, availabilityOf, DATE_RULES, HardRule, HOST_RULES, indexAllocations, leadTraining };
export type { Allocation, AllocationIndex, HostService, Reviewer, TeamMember };
