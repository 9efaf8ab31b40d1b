// `accredit export cycles | audit <cycleId>`: the board's cycles (every page of GET /cycles) or one
// cycle's audit trail, as CSV or JSON, with the same columns as the web app's downloads
// (#core/export-records). Written to --out, or printed for a pipe.
import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { stringify } from 'csv-stringify/sync';
import { AUDIT_EXPORT_COLUMNS, CYCLE_EXPORT_COLUMNS, auditExportRecord, cycleExportRecord } from '#core/export-records';
import type { ExportableAuditEvent, ExportableCycle } from '#core/export-records';
import { request } from './api-client.ts';
import { CliInputError } from './errors.ts';
import type { Output } from './program.ts';

interface ExportCommandContext {
  api: () => string;
  output: Output;
}

interface ExportOptions {
  format: string;
  out?: string;
}

/** Every cycle the query matches: GET /cycles answers a page at a time, nextCursor to the end. */
const allCycles = async (api: string, query: URLSearchParams): Promise<Record<string, unknown>[]> => {
  const cycles: Record<string, unknown>[] = [];
  query.set('limit', '100');
  for (let cursor: string | null | undefined; ; ) {
    if (cursor) query.set('cursor', cursor);
    const page = (await request(api, 'GET', `/cycles?${query}`)) as { cycles: Record<string, unknown>[]; nextCursor?: string | null };
    cycles.push(...page.cycles);
    cursor = page.nextCursor;
    if (!cursor) return cycles;
  }
};

const formatOf = (format: string): 'csv' | 'json' => {
  if (format !== 'csv' && format !== 'json') throw new CliInputError(`--format must be csv or json, not "${format}"`);
  return format;
};

const addExportCommands = (program: Command, { api, output }: ExportCommandContext): void => {
  const write = async (options: ExportOptions, content: string) => {
    if (options.out) await writeFile(options.out, content);
    else output.out(content.trimEnd());
  };
  const exported = program.command('export').description('cycles or a cycle\'s audit trail as CSV or JSON (the web app\'s columns)');
  exported
    .command('cycles')
    .description('every cycle, or those of a network or cohort, with its stage, status and deadline in working days')
    .option('--network <networkId>', 'only this network')
    .option('--cohort <cohortId>', 'only this cohort')
    .option('--format <format>', 'csv or json', 'csv')
    .option('--out <file>', 'write to this file instead of printing')
    .action(async (options: ExportOptions & { network?: string; cohort?: string }) => {
      const format = formatOf(options.format);
      const query = new URLSearchParams();
      if (options.network) query.set('networkId', options.network);
      if (options.cohort) query.set('cohortId', options.cohort);
      const now = new Date();
      const records = (await allCycles(api(), query)).map((cycle) => cycleExportRecord(cycle as unknown as ExportableCycle, now));
      await write(options, format === 'json' ? JSON.stringify(records, null, 2) : stringify(records, { header: true, columns: [...CYCLE_EXPORT_COLUMNS] }));
    });
  exported
    .command('audit <cycleId>')
    .description('one cycle\'s audit trail in its order (sequence), with who, what and when')
    .option('--format <format>', 'csv or json', 'csv')
    .option('--out <file>', 'write to this file instead of printing')
    .action(async (cycleId: string, options: ExportOptions) => {
      const format = formatOf(options.format);
      const { auditEvents } = (await request(api(), 'GET', `/cycles/${encodeURIComponent(cycleId)}`)) as { auditEvents: ExportableAuditEvent[] };
      const rows = auditEvents.map((event, index) => auditExportRecord(event, index, format === 'json' ? 'object' : 'text'));
      await write(options, format === 'json' ? JSON.stringify(rows, null, 2) : stringify(rows, { header: true, columns: [...AUDIT_EXPORT_COLUMNS] }));
    });
};

export { addExportCommands, allCycles };
