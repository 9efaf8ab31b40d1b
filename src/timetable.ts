// The dry run of a cycle: every stage window, deadline and reminder date computed up front
// from the start date, the membership type and the network configuration. The welcome
// email and the CLI show it; the workflow uses the same dates for its timeouts.
import { addWorkingDays, englandAndWales, type HolidayCalendar, onOrAfterWorkingDay } from './calendar.ts';
import { type ReminderKind, remindersForTask } from './reminders.ts';
import { type Duration, endOfDuration } from './duration.ts';
import { UnknownMembershipTypeError } from './errors.ts';
import type { IsoDate } from './iso-date.ts';
import type { NetworkConfig } from './network-config.ts';
import { MembershipType, RecipientRole, Stage, STAGE_ORDER } from './vocabulary.ts';

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

interface BuildTimetableInput {
  startDate: IsoDate;
  membershipType: MembershipType;
  config: NetworkConfig;
  /** Deadlines moved by network staff (an extension); later stages move with them. */
  dueDateOverrides?: Partial<Record<Stage, IsoDate>>;
  holidays?: HolidayCalendar;
}

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
    // The dry run shows the reminders the sweep will send (src/reminders.ts), without their ids.
    const reminders = remindersForTask({ stage, opensOn, dueOn, config, holidays }).map(({ on, kind, offsetWorkingDays, recipientRole }) => ({ on, kind, offsetWorkingDays, recipientRole }));
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

export { appealDeadline, buildTimetable, deferralDeadline };
export type { BuildTimetableInput, Milestone, Reminder };
