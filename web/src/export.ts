// Exports made in the browser: the board's cycles (every one that matches the filters, read page
// after page from the API, not only the page shown) and a cycle's audit trail, as CSV (for a
// spreadsheet) or JSON.
import { stringify } from 'csv-stringify/browser/esm/sync';
import type { AuditEvent } from './api/cycle.ts';
import type { BoardRow } from './api/cycles.ts';

const download = (fileName: string, type: string, content: string): void => {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  // Revoked after the click has started the download.
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
};

const cycleColumns = ['cycleId', 'serviceId', 'serviceName', 'networkId', 'cohortId', 'stage', 'status', 'deadline', 'deadlineInWorkingDays', 'lastEmailAt'];

const cycleRecords = (rows: BoardRow[]) =>
  rows.map((row) => ({
    cycleId: row.cycleId,
    serviceId: row.serviceId,
    serviceName: row.serviceName ?? '',
    networkId: row.networkId,
    cohortId: row.cohortId,
    stage: row.stage,
    status: row.status,
    deadline: row.currentDeadline ?? '',
    // Negative when overdue: a spreadsheet can sort and filter on it.
    deadlineInWorkingDays: row.deadline?.workingDays ?? '',
    lastEmailAt: row.lastEmailAt ?? '',
  }));

const exportCycles = (rows: BoardRow[], format: 'csv' | 'json', now: Date): void => {
  const name = `cycles-${now.toISOString().slice(0, 10)}.${format}`;
  if (format === 'json') return download(name, 'application/json', JSON.stringify(cycleRecords(rows), null, 2));
  download(name, 'text/csv', stringify(cycleRecords(rows), { header: true, columns: cycleColumns }));
};

const exportAuditTrail = (cycleId: string, events: AuditEvent[], format: 'csv' | 'json'): void => {
  const records = events.map((event, index) => ({
    sequence: event.sequence ?? index + 1,
    at: event.at,
    type: event.type,
    actor: event.actor,
    detail: JSON.stringify(event.detail ?? {}),
  }));
  const name = `audit-${cycleId}.${format}`;
  if (format === 'json') return download(name, 'application/json', JSON.stringify(records.map((record, index) => ({ ...record, detail: events[index]?.detail ?? {} })), null, 2));
  download(name, 'text/csv', stringify(records, { header: true, columns: ['sequence', 'at', 'type', 'actor', 'detail'] }));
};

export { exportAuditTrail, exportCycles };
