// The welcome email's data (emails/welcome.json): what kind of cycle this is, the step that is open
// already (the workflow opens the self-review as soon as the cycle is recorded, so the welcome must
// not say it "opens" at the end of the enrolment window), and every later step with its dates.
import { FollowUpKind } from '#core/renewal';
import { Stage } from '#core/vocabulary';
import { cycleLink, taskLink } from '#commons/helpers/emails';
import type { CycleRecord, Milestone } from '#commons/helpers/records';
import { stageLabel } from '#commons/helpers/stage-labels';

/** The step the workflow opens right after enrolment. */
const OPEN_AT_WELCOME = Stage.SelfReview;

const CYCLE_KIND_LABELS = {
  review: 'review cycle',
  [FollowUpKind.interimReview]: 'interim review (18 months after accreditation)',
  [FollowUpKind.renewal]: 'renewal review (three years after accreditation)',
} as const;

/** Follow-up cycles start in a cohort named by their kind (src/renewal.ts: `interim-review-2027-04`). */
const cycleKindOf = (cohortId: string): keyof typeof CYCLE_KIND_LABELS =>
  Object.values(FollowUpKind).find((kind) => cohortId.startsWith(`${kind}-`)) ?? 'review';

const welcomeEmailData = (cycle: CycleRecord, timetable: readonly Milestone[]): Record<string, unknown> => {
  const cycleKind = cycleKindOf(cycle.cohortId);
  const open = timetable.find((milestone) => milestone.stage === OPEN_AT_WELCOME);
  return {
    serviceName: cycle.serviceName,
    networkName: cycle.networkName,
    cycleId: cycle.cycleId,
    membershipType: cycle.membershipType,
    startDate: cycle.startDate,
    cycleKind,
    cycleKindLabel: CYCLE_KIND_LABELS[cycleKind],
    followUp: cycleKind !== 'review',
    openStageLabel: stageLabel(OPEN_AT_WELCOME),
    openStageDueOn: open?.dueOn ?? '',
    openStageLink: taskLink(cycle.cycleId, OPEN_AT_WELCOME),
    // Enrolment is this email; the open step shows as open now, the later ones with their dates.
    milestones: timetable
      .filter((milestone) => milestone.stage !== Stage.Enrolment)
      .map(({ stage, opensOn, dueOn }) => ({ stage, label: stageLabel(stage), openNow: stage === OPEN_AT_WELCOME, opensOn, dueOn })),
    link: cycleLink(cycle.cycleId),
  };
};

export { welcomeEmailData };
