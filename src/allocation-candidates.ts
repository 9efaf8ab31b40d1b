// Every reviewer of the pool as staff see them when they allocate by hand: whether they could
// serve the host on the date(s), in which roles, why not, and how loaded they are, so a
// hand-picked team can be chosen that keeps the rules (issue 10, defect 1).
import {
  type Bookings,
  type Exclusion,
  type HostService,
  indexOf,
  leadTrained,
  passesDateRules,
  passesHostRules,
  type Reviewer,
  reviewerExclusions,
} from './allocation-rules.ts';
import type { IsoDate } from './iso-date.ts';
import { ReviewerRole } from './vocabulary.ts';

interface CandidatesInput {
  host: HostService;
  /** The visit date once set, else the dates the host offered. */
  dates: readonly IsoDate[];
  pool: readonly Reviewer[];
  /** The cohort's other visits. */
  allocationsThisCycle: Bookings;
}

interface CandidateView {
  reviewerId: string;
  roles: readonly ReviewerRole[];
  organisationId?: string;
  /** Could take at least one role on at least one of the dates. */
  eligible: boolean;
  /** Per date, the roles the reviewer could take. */
  eligibleRoles: Record<IsoDate, ReviewerRole[]>;
  /** Reviews this year plus visits already booked in this cohort: the automatic allocation picks the lowest first. */
  load: { reviewsThisYear: number; visitsThisCycle: number };
  reasons: Exclusion[];
}

const rolesOn = (reviewer: Reviewer, date: IsoDate): ReviewerRole[] =>
  reviewer.roles.filter((role) => role !== ReviewerRole.Lead || leadTrained(reviewer, date));

/** The pool in id order, each reviewer with the roles they could take and every rule against them. */
const describeCandidates = ({ host, dates, pool, allocationsThisCycle }: CandidatesInput): CandidateView[] => {
  const index = indexOf(allocationsThisCycle);
  return [...pool]
    .sort((a, b) => (a.id < b.id ? -1 : 1))
    .map((reviewer) => {
      const clear = passesHostRules(reviewer, host, index);
      const eligibleRoles = Object.fromEntries(dates.map((date) => [date, clear && passesDateRules(reviewer, date, index) ? rolesOn(reviewer, date) : []]));
      return {
        reviewerId: reviewer.id,
        roles: reviewer.roles,
        ...(reviewer.organisationId === undefined ? {} : { organisationId: reviewer.organisationId }),
        eligible: Object.values(eligibleRoles).some((roles) => roles.length > 0),
        eligibleRoles,
        load: { reviewsThisYear: reviewer.reviewsThisYear, visitsThisCycle: index.visitsByReviewer.get(reviewer.id) ?? 0 },
        reasons: reviewerExclusions(reviewer, host, dates, index),
      };
    });
};

export { describeCandidates };
export type { CandidateView, CandidatesInput };
