// An audit event is always written in the same DynamoDB operation as the change it describes,
// so the trail can never disagree with the state.
import { randomUUID } from 'node:crypto';
import { auditKey } from './table-keys.ts';

const AuditEventType = {
  serviceEnrolled: 'service-enrolled',
  cycleEnrolled: 'cycle-enrolled',
  cycleResumed: 'cycle-resumed',
  taskOpened: 'task-opened',
  submissionReceived: 'submission-received',
  lateSubmissionRefused: 'late-submission-refused',
  stageRecorded: 'stage-recorded',
  networkImported: 'network-imported',
  standardsImported: 'standards-imported',
  reviewersImported: 'reviewers-imported',
  awaitingExtension: 'awaiting-extension',
  deadlineExtended: 'deadline-extended',
  teamAllocated: 'team-allocated',
  noFeasibleTeam: 'no-feasible-team',
  invitationAnswered: 'invitation-answered',
  teamConfirmed: 'team-confirmed',
  draftReportStored: 'draft-report-stored',
  cycleContinued: 'cycle-continued',
  cycleWithdrawn: 'cycle-withdrawn',
  reminderSent: 'reminder-sent',
  escalationSent: 'escalation-sent',
  /** Nobody on record for that rung of the ladder (e.g. no organisation QI lead). */
  reminderUndeliverable: 'reminder-undeliverable',
  cycleStartsScheduled: 'cycle-starts-scheduled',
} as const;
type AuditEventType = (typeof AuditEventType)[keyof typeof AuditEventType];

interface AuditEventInput {
  entityPk: string;
  type: AuditEventType;
  at: Date;
  actor: string;
  detail: Record<string, unknown>;
}

const auditEventItem = ({ entityPk, type, at, actor, detail }: AuditEventInput) => {
  const iso = at.toISOString();
  const eventId = randomUUID();
  return { ...auditKey(entityPk, iso, eventId), itemType: 'audit-event', eventId, type, at: iso, actor, detail };
};

export { AuditEventType, auditEventItem };
export type { AuditEventInput };
