// Words and colours for what the API returns. Stage names are the ones the emails use; a value the
// app does not know yet is shown as the API sent it, never hidden.
import { stageLabel } from '#commons/helpers/stage-labels';

/** NHS.UK tag colours (nhsuk-tag--<colour>); the words say it too, colour is never the only cue. */
const statusTags: Record<string, { text: string; colour: string }> = {
  active: { text: 'In progress', colour: 'blue' },
  'awaiting-submission': { text: 'Waiting for submission', colour: 'blue' },
  overdue: { text: 'Overdue', colour: 'red' },
  accredited: { text: 'Accredited', colour: 'green' },
  deferred: { text: 'Deferred', colour: 'orange' },
  'not-accredited': { text: 'Not accredited', colour: 'red' },
  appealing: { text: 'Appealing', colour: 'purple' },
  'report-issued': { text: 'Report issued', colour: 'green' },
  withdrawn: { text: 'Withdrawn', colour: 'grey' },
  failed: { text: 'Failed', colour: 'red' },
  open: { text: 'Open', colour: 'blue' },
  submitted: { text: 'Submitted', colour: 'green' },
  'timed-out': { text: 'Timed out', colour: 'grey' },
};

const statusTag = (status: string): { text: string; colour: string } => statusTags[status] ?? { text: status, colour: 'grey' };

/**
 * Who owes each step (DESIGN §1). The API's task records name the stage only.
 * TODO(lead): read this from the workflow steps table in src/ once it exists (issue 10, step 1).
 */
const stepOwners: Record<string, string> = {
  enrolment: 'Network staff',
  'self-review': 'The service (service lead)',
  'peer-review-scheduling': 'The host service (offers visit dates)',
  'reviewer-acceptance': 'The invited reviewers',
  'manual-allocation': 'Network staff (allocate a team by hand)',
  visit: 'The host service and the review team',
  'peer-ratings': 'The lead reviewer',
  'factual-accuracy': 'The service (checks the draft report)',
  'committee-decision': 'The accreditation committee',
  'deferral-evidence': 'The service (evidence for unmet standards)',
  appeal: 'The service (appeal window)',
};

const stepOwner = (stage: string): string => stepOwners[stage] ?? 'Unknown';

/** Steps that wait on network staff or the committee rather than a service or reviewer. */
const waitingForStaffStages: ReadonlySet<string> = new Set(['manual-allocation', 'committee-decision']);

const auditEventLabels: Record<string, string> = {
  'service-enrolled': 'Service enrolled',
  'cycle-enrolled': 'Cycle started',
  'cycle-resumed': 'Cycle resumed',
  'task-opened': 'Step opened',
  'submission-received': 'Submission received',
  'late-submission-refused': 'Late submission refused',
  'stage-recorded': 'Stage recorded',
  'awaiting-extension': 'Deadline missed: waiting for staff',
  'deadline-extended': 'Deadline extended',
  'team-allocated': 'Review team allocated',
  'no-feasible-team': 'No conflict-free review team',
  'invitation-answered': 'Invitation answered',
  'team-confirmed': 'Review team confirmed',
  'draft-report-stored': 'Draft report ready',
  'cycle-continued': 'Cycle continued in a new execution',
  'cycle-withdrawn': 'Service withdrawn',
  'reminder-sent': 'Reminder sent',
  'escalation-sent': 'Escalation sent',
  'reminder-undeliverable': 'Reminder could not be delivered',
  'cycle-starts-scheduled': 'Follow-up cycles booked',
  'action-added': 'Action added to the action plan',
  'action-updated': 'Action changed',
  'pdsa-planned': 'PDSA cycle planned',
  'pdsa-phase-recorded': 'PDSA phase recorded',
};

const auditEventLabel = (type: string): string => auditEventLabels[type] ?? type;

export { auditEventLabel, stageLabel, statusTag, stepOwner, waitingForStaffStages };
