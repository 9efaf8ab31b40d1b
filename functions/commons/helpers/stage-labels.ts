// How stages read in emails and on the console.
import { endOfUkDay } from '#core/uk-time';

const stageLabels: Record<string, string> = {
  enrolment: 'Enrolment',
  'self-review': 'Self-review',
  'peer-review-scheduling': 'Peer-review scheduling',
  visit: 'Peer-review visit',
  'reviewer-acceptance': 'Review team invitations',
  'manual-allocation': 'Review team allocation by staff',
  'peer-ratings': 'Peer ratings',
  'report-drafting': 'Report drafting',
  'factual-accuracy': 'Factual-accuracy check',
  'deferral-evidence': 'Deferral evidence',
  appeal: 'Appeal',
  'committee-decision': 'Committee decision',
  report: 'Report',
  closed: 'Closed',
};

const stageLabel = (stage: string): string => stageLabels[stage] ?? stage;

/** End of the due day in the UK: a deadline "on" a date may be met at any time that day, in London time. */
const dueAtOf = (dueOn: string): string => endOfUkDay(dueOn);

export { dueAtOf, stageLabel };
