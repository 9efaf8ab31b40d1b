// One cycle as the cycle page shows it: GET /cycles/{id} (state, tasks, audit trail) and, once
// drafted, GET /cycles/{id}/report. The emails sent are read from the audit trail and the cycle
// record: the API keeps no per-cycle email log yet (see web/README.md).
import { ApiError } from './client.ts';
import type { Api } from './client.ts';
import type { CycleSummary } from './cycles.ts';

interface Milestone {
  stage: string;
  opensOn: string;
  dueOn: string;
}

/** The whole cycle record: the board's summary plus the timetable, contacts and decision. */
interface CycleRecord extends CycleSummary {
  membershipType?: string;
  startDate?: string;
  decision?: string;
  decisionReason?: string;
  timetable?: Milestone[];
  contacts?: Record<string, string[]>;
}

interface TaskRecord {
  stage: string;
  status: string;
  phase?: string;
  dueAt?: string;
  openedAt?: string;
  submittedAt?: string;
  submittedBy?: string;
}

interface AuditEvent {
  eventId: string;
  type: string;
  at: string;
  actor: string;
  /** The per-cycle sequence number, where the API records one. */
  sequence?: number;
  detail?: Record<string, unknown>;
}

interface ReportRecord {
  preparedOn: string;
  summary: string;
  scores: Record<string, { met: number; applicable: number; percentage: number | null; threshold: number | null }>;
  recommendation: { outcome: string | null; reasons: ({ message?: string } | string)[]; blockingStandardIds: string[] };
  text: string;
  factualAccuracy?: { outcome: string; corrections?: string; closedAt: string };
}

interface CycleView {
  cycle: CycleRecord;
  executionStatus?: string;
  tasks: TaskRecord[];
  auditEvents: AuditEvent[];
  report?: ReportRecord;
  /** The API shows the report to network staff only (today): say so rather than "no report yet". */
  reportForbidden: boolean;
}

/** The trail in the order things happened: by sequence number when the API gives one, else by time (stable). */
const inOrder = (events: AuditEvent[]): AuditEvent[] =>
  events
    .map((event, index) => ({ event, index }))
    .sort((a, b) => (a.event.sequence ?? 0) - (b.event.sequence ?? 0) || a.event.at.localeCompare(b.event.at) || a.index - b.index)
    .map(({ event }) => event);

const loadCycle = async (api: Api, cycleId: string): Promise<CycleView> => {
  const path = `/cycles/${encodeURIComponent(cycleId)}`;
  const [{ body }, report] = await Promise.all([
    api.get<Omit<CycleView, 'report' | 'reportForbidden'>>(path),
    api.get<{ report: ReportRecord }>(`${path}/report`).then(
      ({ body: answer }) => ({ report: answer.report, forbidden: false }),
      (error: unknown) => {
        // No report yet (404), or not for this role (403): the rest of the page still shows.
        if (error instanceof ApiError && (error.status === 404 || error.status === 403)) return { report: undefined, forbidden: error.status === 403 };
        throw error;
      },
    ),
  ]);
  return { ...body, auditEvents: inOrder(body.auditEvents), report: report.report, reportForbidden: report.forbidden };
};

export { loadCycle };
export type { AuditEvent, CycleRecord, CycleView, Milestone, ReportRecord, TaskRecord };
