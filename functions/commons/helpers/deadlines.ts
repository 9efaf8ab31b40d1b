// Deadlines of the workflow's steps, from the network configuration and the domain core's UK
// working-day calendar. Each is the end of a UK day (dueAtOf). The timetable gives the first
// deadline of each timetable stage; steps that open later than planned (a rebooked visit, a
// second decision after deferral or appeal) get a fresh window of the same length from the day
// they open, never less than the timetable's.
import { addWorkingDays } from '#core/calendar';
import { type Duration, endOfDuration } from '#core/duration';
import { addMonths } from '#core/iso-date';
import type { NetworkConfig } from '#core/network-config';
import { appealDeadline, deferralDeadline } from '#core/timetable';
import { Stage } from '#core/vocabulary';
import type { CycleRecord } from './records.ts';
import { dueAtOf } from './stage-labels.ts';

/**
 * Working days the invited team has to accept, and staff to allocate by hand. Not in the network
 * configuration yet: CCQI asks reviewers to confirm within a week of the invitation.
 */
const ACCEPTANCE_WORKING_DAYS = 5;
const MANUAL_ALLOCATION_WORKING_DAYS = 5;
/** DESIGN §1.5: accreditation lasts 3 years, with an interim review at 18 months. */
const INTERIM_REVIEW_MONTHS = 18;
const RENEWAL_MONTHS = 36;

const durationsOf = (cycle: CycleRecord, config: NetworkConfig) => config.stageDurations[cycle.membershipType];

const timetableDueOn = (cycle: CycleRecord, stage: string): string | undefined =>
  cycle.timetable.find((milestone) => milestone.stage === stage)?.dueOn;

const later = (a: string, b: string | undefined): string => (b !== undefined && b > a ? b : a);

/** A stage that opens on `today`: its own duration from today, or the timetable's date if later. */
const freshWindow = (cycle: CycleRecord, stage: string, duration: Duration | undefined, today: string): string | undefined =>
  duration === undefined ? undefined : dueAtOf(later(endOfDuration(today, duration), timetableDueOn(cycle, stage)));

/** First deadlines of the callback stages the timetable plans (enrolment). */
const initialDeadlines = (cycle: Pick<CycleRecord, 'timetable'>): Record<string, string> =>
  Object.fromEntries(
    cycle.timetable
      .filter((milestone) => milestone.stage !== Stage.Enrolment && milestone.stage !== Stage.Visit)
      .map((milestone) => [milestone.stage, dueAtOf(milestone.dueOn)]),
  );

const schedulingDeadline = (cycle: CycleRecord, config: NetworkConfig, today: string) =>
  freshWindow(cycle, Stage.PeerReviewScheduling, durationsOf(cycle, config)?.[Stage.PeerReviewScheduling], today);

/** The team accepts within a week, and before the visit day. */
const acceptanceDeadline = (today: string, visitDate: string): string => {
  const dayBefore = addWorkingDays(visitDate, -1);
  const week = addWorkingDays(today, ACCEPTANCE_WORKING_DAYS);
  // A visit booked for tomorrow leaves no time: the answer is due by the end of today.
  return dueAtOf(week < dayBefore ? week : dayBefore > today ? dayBefore : today);
};

const manualAllocationDeadline = (today: string): string => dueAtOf(addWorkingDays(today, MANUAL_ALLOCATION_WORKING_DAYS));

/** Peer ratings are due when the draft report is: the network's report-drafting window after the visit. */
const peerRatingsDeadline = (cycle: CycleRecord, config: NetworkConfig, visitDate: string): string | undefined => {
  const drafting = durationsOf(cycle, config)?.['report-drafting'];
  return drafting === undefined ? undefined : dueAtOf(endOfDuration(visitDate, drafting));
};

/** DESIGN §1.4: the factual-accuracy window (10 working days is the norm) from the day the draft goes out. */
const factualAccuracyDeadline = (config: NetworkConfig, today: string): string => dueAtOf(endOfDuration(today, config.factualAccuracyWindow));

const committeeDeadline = (cycle: CycleRecord, config: NetworkConfig, today: string) =>
  freshWindow(cycle, Stage.CommitteeDecision, durationsOf(cycle, config)?.[Stage.CommitteeDecision], today);

const deferralEvidenceDeadline = (config: NetworkConfig, decidedOn: string): string | undefined => {
  const due = deferralDeadline(decidedOn, config);
  return due === undefined ? undefined : dueAtOf(due);
};

const appealWindowDeadline = (config: NetworkConfig, decidedOn: string): string | undefined => {
  const due = appealDeadline(decidedOn, config);
  return due === undefined ? undefined : dueAtOf(due);
};

const renewalDates = (accreditedOn: string) => ({
  interimReviewOn: addMonths(accreditedOn, INTERIM_REVIEW_MONTHS),
  renewalOn: addMonths(accreditedOn, RENEWAL_MONTHS),
});

export {
  acceptanceDeadline,
  appealWindowDeadline,
  committeeDeadline,
  deferralEvidenceDeadline,
  factualAccuracyDeadline,
  initialDeadlines,
  manualAllocationDeadline,
  peerRatingsDeadline,
  renewalDates,
  schedulingDeadline,
};
