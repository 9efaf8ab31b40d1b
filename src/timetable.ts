// The dry run of a cycle: every stage window, deadline and reminder date computed up front
// from the start date, the membership type and the network configuration. The welcome
// email and the CLI show it; the workflow uses the same dates for its timeouts.
import { addWorkingDays, englandAndWales, type HolidayCalendar, onOrAfterWorkingDay } from './calendar.ts';
import { type Duration, endOfDuration } from './duration.ts';
import { UnknownMembershipTypeError } from './errors.ts';
import { compareIsoDates, type IsoDate } from './iso-date.ts';
import type { NetworkConfig } from './network-config.ts';
import { MembershipType, RecipientRole, Stage, STAGE_ORDER } from './vocabulary.ts';

const ReminderKind = { Before: 'before', Escalation: 'escalation' } as const;
type ReminderKind = (typeof ReminderKind)[keyof typeof ReminderKind];

interface Reminder {
  on: IsoDate;
  kind: ReminderKind;
  /** Working days before (kind `before`) or after (kind `escalation`) the deadline. */
  offsetWorkingDays: number;
  recipientRole: RecipientRole;
}

interface Milestone {
  stage: Stage;
  opensOn: IsoDate;
  dueOn: IsoDate;
  reminders: Reminder[];
}

/**
 * Who owes each stage, and whether lateness escalates. DESIGN §1: the service owes
 * enrolment, self-review and visit dates (escalation: service lead, QI lead, network
 * manager); the lead reviewer owes the visit's peer ratings (escalates to the network);
 * the factual-accuracy check never escalates because silence counts as acceptance; the
 * committee decision is the network's own deadline.
 */
const STAGE_OWNERS: Record<Stage, { recipientRole: RecipientRole; escalation: 'ladder' | 'network-only' | 'none' }> = {
  [Stage.Enrolment]: { recipientRole: RecipientRole.ServiceLead, escalation: 'ladder' },
  [Stage.SelfReview]: { recipientRole: RecipientRole.ServiceLead, escalation: 'ladder' },
  [Stage.PeerReviewScheduling]: { recipientRole: RecipientRole.ServiceLead, escalation: 'ladder' },
  [Stage.Visit]: { recipientRole: RecipientRole.LeadReviewer, escalation: 'network-only' },
  [Stage.FactualAccuracy]: { recipientRole: RecipientRole.ServiceLead, escalation: 'none' },
  [Stage.CommitteeDecision]: { recipientRole: RecipientRole.NetworkManager, escalation: 'none' },
};

interface BuildTimetableInput {
  startDate: IsoDate;
  membershipType: MembershipType;
  config: NetworkConfig;
  /** Deadlines moved by network staff (an extension); later stages move with them. */
  dueDateOverrides?: Partial<Record<Stage, IsoDate>>;
  holidays?: HolidayCalendar;
}

const beforeReminders = (stage: Stage, opensOn: IsoDate, dueOn: IsoDate, config: NetworkConfig, holidays: HolidayCalendar): Reminder[] =>
  [...new Set(config.reminders.beforeWorkingDays)]
    .map((offset) => ({ on: addWorkingDays(dueOn, -offset, holidays), kind: ReminderKind.Before, offsetWorkingDays: offset, recipientRole: STAGE_OWNERS[stage].recipientRole }))
    // A reminder before the stage opens would remind of something not yet asked for.
    .filter((reminder) => reminder.on >= opensOn && reminder.on < dueOn);

const escalations = (stage: Stage, dueOn: IsoDate, config: NetworkConfig, holidays: HolidayCalendar): Reminder[] => {
  const mode = STAGE_OWNERS[stage].escalation;
  if (mode === 'none') return [];
  const ladder = mode === 'ladder' ? config.reminders.escalation : [{ ...config.reminders.escalation[0], recipientRole: RecipientRole.NetworkManager }];
  return ladder.map((step) => ({
    on: addWorkingDays(dueOn, step.afterWorkingDays, holidays),
    kind: ReminderKind.Escalation,
    offsetWorkingDays: step.afterWorkingDays,
    recipientRole: step.recipientRole,
  }));
};

const stageDuration = (stage: Stage, durations: NonNullable<NetworkConfig['stageDurations'][MembershipType]>, config: NetworkConfig): Duration | undefined =>
  stage === Stage.FactualAccuracy ? config.factualAccuracyWindow : durations[stage];

/** Ordered milestones of one cycle. Developmental members have no committee-decision stage unless the network sets one. */
const buildTimetable = ({ startDate, membershipType, config, dueDateOverrides = {}, holidays = englandAndWales }: BuildTimetableInput): Milestone[] => {
  const durations = config.membershipTypes.includes(membershipType) ? config.stageDurations[membershipType] : undefined;
  if (durations === undefined) throw new UnknownMembershipTypeError(membershipType, config.membershipTypes);

  const milestones: Milestone[] = [];
  let previousDue: IsoDate | undefined;
  for (const stage of STAGE_ORDER) {
    const duration = stageDuration(stage, durations, config);
    if (duration === undefined) continue;
    const opensOn =
      previousDue === undefined
        ? onOrAfterWorkingDay(startDate, holidays)
        : stage === Stage.FactualAccuracy
          ? endOfDuration(previousDue, durations['report-drafting'], holidays)
          : addWorkingDays(previousDue, 1, holidays);
    const dueOn = dueDateOverrides[stage] ?? endOfDuration(opensOn, duration, holidays);
    const reminders = [...beforeReminders(stage, opensOn, dueOn, config, holidays), ...escalations(stage, dueOn, config, holidays)].sort(
      (a, b) => compareIsoDates(a.on, b.on) || a.kind.localeCompare(b.kind),
    );
    milestones.push({ stage, opensOn, dueOn, reminders });
    previousDue = dueOn;
  }
  return milestones;
};

/** Last day to send evidence after a deferral decision taken on `decidedOn`. */
const deferralDeadline = (decidedOn: IsoDate, config: NetworkConfig, holidays: HolidayCalendar = englandAndWales): IsoDate | undefined =>
  config.deferral === undefined ? undefined : endOfDuration(decidedOn, config.deferral.window, holidays);

/** Last day to appeal a Not accredited decision taken on `decidedOn`. */
const appealDeadline = (decidedOn: IsoDate, config: NetworkConfig, holidays: HolidayCalendar = englandAndWales): IsoDate | undefined =>
  config.appealWindow === undefined ? undefined : endOfDuration(decidedOn, config.appealWindow, holidays);

export { appealDeadline, buildTimetable, deferralDeadline, ReminderKind, STAGE_OWNERS };
export type { BuildTimetableInput, Milestone, Reminder };
