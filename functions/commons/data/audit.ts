// An audit event is always written in the same DynamoDB operation as the change it describes,
// so the trail can never disagree with the state.
//
// A cycle's events are numbered: the cycle item keeps a counter (`auditSeq`) that moves in the same
// transaction as the event, and the event's sort key is the zero-padded number. The trail is read in
// that order, so events that share a timestamp (the local manual clock, two writes in one
// millisecond) keep the order they were written in. Other entities (network, service) keep a
// time-ordered key: nothing there is read as a sequence.
import { randomUUID } from 'node:crypto';
import { tableName } from '../env.ts';
import { AUDIT_PREFIX, auditKey } from '../helpers/table-keys.ts';

const AuditEventType = {
  serviceEnrolled: 'service-enrolled',
  cycleEnrolled: 'cycle-enrolled',
  /** Staff asked for the cycle to continue in a new execution (the new one records cycle-resumed when it takes over). */
  resumeRequested: 'resume-requested',
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
  /** The service's factual-accuracy corrections attached to the report: the corrected report the committee reads. */
  reportCorrected: 'report-corrected',
  cycleContinued: 'cycle-continued',
  cycleWithdrawn: 'cycle-withdrawn',
  reminderSent: 'reminder-sent',
  escalationSent: 'escalation-sent',
  /** Nobody on record for that rung of the ladder (e.g. no organisation QI lead). */
  reminderUndeliverable: 'reminder-undeliverable',
  cycleStartsScheduled: 'cycle-starts-scheduled',
  /** The cycle's execution ended in failure (e.g. a start date outside the bank-holiday calendar). */
  cycleFailed: 'cycle-failed',
  /** An email claimed by an attempt that died before recording the send: not re-sent, so staff can check and re-send (data/email-once.ts). */
  emailUnconfirmed: 'email-unconfirmed',
  /** Issue 13, the action plan: an action accepted from proposals, merged or added by the service; its later changes. */
  actionAdded: 'action-added',
  actionUpdated: 'action-updated',
  /** A PDSA cycle planned under an action, and each later phase (do, study, act) recorded. */
  pdsaPlanned: 'pdsa-planned',
  pdsaPhaseRecorded: 'pdsa-phase-recorded',
  /** A measure's definition made or changed (data/measure.ts). */
  measureDefined: 'measure-defined',
  /** A measure's points entered one by one or imported from a CSV. */
  measureDataRecorded: 'measure-data-recorded',
  /** A chart's baseline frozen (or thawed), with the reason. */
  measureBaselineChanged: 'measure-baseline-changed',
  /** A chart's limits recalculated from a chosen point, with the reason. */
  measureLimitsRecalculated: 'measure-limits-recalculated',
  /** A service opted in to (or out of) sharing its review's good practice with the network (data/good-practice.ts). */
  goodPracticeSharing: 'good-practice-sharing',
} as const;
type AuditEventType = (typeof AuditEventType)[keyof typeof AuditEventType];

interface AuditEventInput {
  entityPk: string;
  type: AuditEventType;
  at: Date;
  actor: string;
  detail: Record<string, unknown>;
}

const AUDIT_ITEM_TYPE = 'audit-event';
/** Eight digits: a cycle writes tens of events, and a string key must sort like the number. */
const SEQUENCE_DIGITS = 8;

/**
 * The event item. A cycle's event is given its number by writeTransaction (data/transaction.ts),
 * which replaces this time-ordered key with the sequence key.
 */
const auditEventItem = ({ entityPk, type, at, actor, detail }: AuditEventInput) => {
  const iso = at.toISOString();
  const eventId = randomUUID();
  return { ...auditKey(entityPk, iso, eventId), itemType: AUDIT_ITEM_TYPE, eventId, type, at: iso, actor, detail };
};

/** The transaction item that writes an audit event beside the change it describes. */
const auditPut = (input: AuditEventInput) => ({ Put: { TableName: tableName, Item: auditEventItem(input) } });

const isCycleAuditEvent = (item: Record<string, unknown> | undefined): boolean =>
  item?.itemType === AUDIT_ITEM_TYPE && String(item.pk).startsWith('CYCLE#');

/** The sort key of a cycle's event number `seq` (from 1). */
const sequencedAuditSk = (seq: number): string => `${AUDIT_PREFIX}${String(seq).padStart(SEQUENCE_DIGITS, '0')}`;

export { AuditEventType, auditEventItem, auditPut, isCycleAuditEvent, sequencedAuditSk };
export type { AuditEventInput };
