// How stages read in emails and on the console.
const stageLabels: Record<string, string> = {
  enrolment: 'Enrolment',
  'self-review': 'Self-review',
  'peer-review-scheduling': 'Peer-review scheduling',
  visit: 'Peer-review visit',
  'factual-accuracy': 'Factual-accuracy check',
  'committee-decision': 'Committee decision',
  report: 'Report',
  closed: 'Closed',
};

const stageLabel = (stage: string): string => stageLabels[stage] ?? stage;

/** End of the due day: a deadline "on" a date may be met at any time that day. */
const dueAtOf = (dueOn: string): string => `${dueOn}T23:59:59.000Z`;

export { dueAtOf, stageLabel };
