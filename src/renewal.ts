// What follows an Accredited decision (DESIGN §1.5): "Accreditation lasts 3 years with an interim
// review at 18 months". Each is a new cycle of the same service, started on its date by a one-off
// schedule. Services accredited in the same month start together, so their follow-up cycles share
// a cohort named by kind and month (e.g. `interim-review-2027-04`), which staff can list at once.
import { addMonths } from './iso-date.ts';
import type { IsoDate } from './iso-date.ts';

const FollowUpKind = {
  interimReview: 'interim-review',
  renewal: 'renewal',
} as const;
type FollowUpKind = (typeof FollowUpKind)[keyof typeof FollowUpKind];

/** Calendar months from the decision to the start of each follow-up cycle. */
const MONTHS_AFTER_ACCREDITATION: Readonly<Record<FollowUpKind, number>> = {
  [FollowUpKind.interimReview]: 18,
  [FollowUpKind.renewal]: 36,
};

const followUpLabel: Readonly<Record<FollowUpKind, string>> = {
  [FollowUpKind.interimReview]: 'Interim review (18 months)',
  [FollowUpKind.renewal]: 'Renewal (36 months)',
};

interface FollowUpCycle {
  kind: FollowUpKind;
  startDate: IsoDate;
  cohortId: string;
  /** `<cohortId>--<serviceId>`, the project's cycle id and execution name convention. */
  cycleId: string;
}

interface FollowUpInput {
  serviceId: string;
  /** The day the committee decided Accredited. */
  accreditedOn: IsoDate;
}

const followUpCycles = ({ serviceId, accreditedOn }: FollowUpInput): FollowUpCycle[] =>
  Object.values(FollowUpKind).map((kind) => {
    const startDate = addMonths(accreditedOn, MONTHS_AFTER_ACCREDITATION[kind]);
    const cohortId = `${kind}-${startDate.slice(0, 7)}`;
    return { kind, startDate, cohortId, cycleId: `${cohortId}--${serviceId}` };
  });

/** The dates the cycle record keeps after an Accredited decision (status, console, CLI). */
const renewalDates = (accreditedOn: IsoDate): { interimReviewOn: IsoDate; renewalOn: IsoDate } => ({
  interimReviewOn: addMonths(accreditedOn, MONTHS_AFTER_ACCREDITATION[FollowUpKind.interimReview]),
  renewalOn: addMonths(accreditedOn, MONTHS_AFTER_ACCREDITATION[FollowUpKind.renewal]),
});

export { FollowUpKind, MONTHS_AFTER_ACCREDITATION, followUpCycles, followUpLabel, renewalDates };
export type { FollowUpCycle, FollowUpInput };
