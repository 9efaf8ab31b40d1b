// When each human step of the workflow is due, from its window in the table of workflow steps
// (src/workflow-steps.ts), the network configuration and the UK working-day calendar. A deadline
// is the end of a UK day (a task due "on" a date may be done any time that day, London time),
// except the visit, which is held until its day begins.
import { addWorkingDays, englandAndWales, type HolidayCalendar } from './calendar.ts';
import { endOfDuration } from './duration.ts';
import type { IsoDate } from './iso-date.ts';
import type { NetworkConfig } from './network-config.ts';
import type { Milestone } from './timetable.ts';
import { endOfUkDay, startOfUkDay } from './uk-time.ts';
import { type CallbackStage, type MembershipType, Stage } from './vocabulary.ts';
import { WORKFLOW_STEPS } from './workflow-steps.ts';

interface StepDeadlineInput {
  config: NetworkConfig;
  membershipType: MembershipType;
  /** The UK day the step opens (a decision opens the deferral and appeal windows on its day). */
  opensOn: IsoDate;
  /** The booked visit day, for the steps counted from or before it. */
  visitDate?: IsoDate;
  /** The cycle's dry run: a timetable stage keeps at least its planned deadline. */
  timetable: readonly Pick<Milestone, 'stage' | 'dueOn'>[];
  holidays?: HolidayCalendar;
}

const later = (a: IsoDate, b: IsoDate | undefined): IsoDate => (b !== undefined && b > a ? b : a);
const earlier = (a: IsoDate, b: IsoDate): IsoDate => (b < a ? b : a);

const plannedDueOn = (timetable: StepDeadlineInput['timetable'], stage: string): IsoDate | undefined =>
  timetable.find((milestone) => milestone.stage === stage)?.dueOn;

/** Invitations are answered by the working day before the visit; a visit booked for tomorrow leaves until the end of today. */
const beforeVisit = (due: IsoDate, opensOn: IsoDate, visitDate: IsoDate, holidays: HolidayCalendar): IsoDate =>
  earlier(due, later(opensOn, addWorkingDays(visitDate, -1, holidays)));

/** The instant a step is due, or undefined when the network has no such window (or the visit is not booked). */
const stepDueAt = (step: CallbackStage, input: StepDeadlineInput): string | undefined => {
  const { config, membershipType, opensOn, visitDate, timetable, holidays = englandAndWales } = input;
  const window = WORKFLOW_STEPS[step].window;
  if (window.kind === 'timetable') {
    const planned = plannedDueOn(timetable, step);
    return planned === undefined ? undefined : endOfUkDay(planned);
  }
  if (window.kind === 'until-visit') return visitDate === undefined ? undefined : startOfUkDay(visitDate);
  const length = window.length(config, membershipType);
  const from = window.from === 'opening' ? opensOn : visitDate;
  if (length === undefined || from === undefined) return undefined;
  let due = endOfDuration(from, length, holidays);
  if (window.notBeforeTimetable) due = later(due, plannedDueOn(timetable, step));
  if (window.byDayBeforeVisit && visitDate !== undefined) due = beforeVisit(due, opensOn, visitDate, holidays);
  return endOfUkDay(due);
};

/** The first deadlines of a new cycle: every timetable stage a person owes, from the dry run (the visit is booked later). */
const initialDeadlines = (timetable: readonly Pick<Milestone, 'stage' | 'dueOn'>[]): Record<string, string> =>
  Object.fromEntries(
    timetable.filter((milestone) => milestone.stage !== Stage.Enrolment && milestone.stage !== Stage.Visit).map((milestone) => [milestone.stage, endOfUkDay(milestone.dueOn)]),
  );

export { initialDeadlines, stepDueAt };
export type { StepDeadlineInput };
