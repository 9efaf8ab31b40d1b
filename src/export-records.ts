// What an export of cycles or of a cycle's audit trail holds: the same columns whether staff download
// it from the web app or run `accredit export`, so a spreadsheet built on one reads the other.
import { CLOSED_STATUSES } from './cohort-board.ts';
import { describeDeadline } from './deadline-words.ts';

/** The fields of a cycle (as GET /cycles lists it) an export reads. */
interface ExportableCycle {
  cycleId: string;
  serviceId: string;
  serviceName?: string;
  networkId: string;
  cohortId: string;
  stage: string;
  status: string;
  currentDeadline?: string;
  lastEmailSentAt?: string;
  welcomeEmailSentAt?: string;
}

/** The fields of an audit event (as GET /cycles/{id} lists them) an export reads. */
interface ExportableAuditEvent {
  type: string;
  at: string;
  actor: string;
  sequence?: number;
  detail?: Record<string, unknown>;
}

const CYCLE_EXPORT_COLUMNS = ['cycleId', 'serviceId', 'serviceName', 'networkId', 'cohortId', 'stage', 'status', 'deadline', 'deadlineInWorkingDays', 'lastEmailAt'] as const;
const AUDIT_EXPORT_COLUMNS = ['sequence', 'at', 'type', 'actor', 'detail'] as const;

const cycleExportRecord = (cycle: ExportableCycle, now: Date): Record<(typeof CYCLE_EXPORT_COLUMNS)[number], string | number> => {
  // A finished cycle owes nothing: its last deadline is not counted down.
  const deadline = cycle.currentDeadline && !CLOSED_STATUSES.has(cycle.status) ? describeDeadline(cycle.currentDeadline, now) : undefined;
  return {
    cycleId: cycle.cycleId,
    serviceId: cycle.serviceId,
    serviceName: cycle.serviceName ?? '',
    networkId: cycle.networkId,
    cohortId: cycle.cohortId,
    stage: cycle.stage,
    status: cycle.status,
    deadline: cycle.currentDeadline ?? '',
    // Negative when overdue: a spreadsheet can sort and filter on it.
    deadlineInWorkingDays: deadline?.workingDays ?? '',
    lastEmailAt: cycle.lastEmailSentAt ?? cycle.welcomeEmailSentAt ?? '',
  };
};

/** An audit event as a row: its detail as JSON text in one cell (CSV), or as it is (JSON). */
const auditExportRecord = (event: ExportableAuditEvent, index: number, detailAs: 'text' | 'object') => ({
  sequence: event.sequence ?? index + 1,
  at: event.at,
  type: event.type,
  actor: event.actor,
  detail: detailAs === 'text' ? JSON.stringify(event.detail ?? {}) : (event.detail ?? {}),
});

export { AUDIT_EXPORT_COLUMNS, CYCLE_EXPORT_COLUMNS, auditExportRecord, cycleExportRecord };
export type { ExportableAuditEvent, ExportableCycle };
