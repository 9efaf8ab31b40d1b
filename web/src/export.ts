// Exports made in the browser: the board's cycles (every one that matches the filters, read page
// after page from the API, not only the page shown) and a cycle's audit trail, as CSV (for a
// spreadsheet) or JSON.
import { stringify } from 'csv-stringify/browser/esm/sync';
import { AUDIT_EXPORT_COLUMNS, CYCLE_EXPORT_COLUMNS, auditExportRecord, cycleExportRecord } from '#core/export-records';
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

const exportCycles = (rows: BoardRow[], format: 'csv' | 'json', now: Date): void => {
  const name = `cycles-${now.toISOString().slice(0, 10)}.${format}`;
  const records = rows.map((row) => cycleExportRecord(row, now));
  if (format === 'json') return download(name, 'application/json', JSON.stringify(records, null, 2));
  download(name, 'text/csv', stringify(records, { header: true, columns: [...CYCLE_EXPORT_COLUMNS] }));
};

const exportAuditTrail = (cycleId: string, events: AuditEvent[], format: 'csv' | 'json'): void => {
  const name = `audit-${cycleId}.${format}`;
  if (format === 'json') return download(name, 'application/json', JSON.stringify(events.map((event, index) => auditExportRecord(event, index, 'object')), null, 2));
  download(name, 'text/csv', stringify(events.map((event, index) => auditExportRecord(event, index, 'text')), { header: true, columns: [...AUDIT_EXPORT_COLUMNS] }));
};

export { download, exportAuditTrail, exportCycles };
