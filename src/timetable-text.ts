// The dry run as plain text, for the welcome email and the CLI: one line per stage with its
// window, then its reminder dates, so a service sees every date of its cycle at enrolment.
import { weekdayOf, type IsoDate } from './iso-date.ts';
import type { Milestone } from './timetable.ts';
import { Stage } from './vocabulary.ts';

const STAGE_LABELS: Record<Stage, string> = {
  [Stage.Enrolment]: 'Enrolment',
  [Stage.SelfReview]: 'Self-review',
  [Stage.PeerReviewScheduling]: 'Peer-review scheduling (offer visit dates)',
  [Stage.Visit]: 'Peer-review visit',
  [Stage.FactualAccuracy]: 'Factual-accuracy check of the draft report',
  [Stage.CommitteeDecision]: 'Accreditation committee decision',
};

const DAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const withDay = (date: IsoDate): string => `${DAY_NAMES[weekdayOf(date)]} ${date}`;

const renderTimetableText = (milestones: readonly Milestone[]): string =>
  milestones
    .map((m) => {
      const reminders = m.reminders.map(
        (r) => `    ${withDay(r.on)}  ${r.kind === 'before' ? `reminder, ${r.offsetWorkingDays} working day(s) before` : `escalation, ${r.offsetWorkingDays} working day(s) late`} -> ${r.recipientRole}`,
      );
      return [`${STAGE_LABELS[m.stage]}: ${withDay(m.opensOn)} to ${withDay(m.dueOn)}`, ...reminders].join('\n');
    })
    .join('\n');

export { renderTimetableText, STAGE_LABELS };
