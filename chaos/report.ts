// The figures of a chaos run as `npm run chaos` prints them: one line per figure (each must be 0),
// then what each non-zero figure found.
import type { ChaosReport } from './run.ts';
import { passed } from './run.ts';

const FIGURE_LABELS = {
  lost: 'executions lost',
  stuck: 'stuck (not decided)',
  failed: 'executions failed',
  duplicatedAuditEvents: 'duplicated audit events',
  duplicatedEmails: 'duplicated emails',
  clockBackwards: 'clock went backwards',
} as const;

const formatReport = (report: ChaosReport): string => {
  const { figures, driver, crashes, client } = report;
  const lines = [
    `Chaos run: ${report.options.services} services, seed ${report.options.seed}, ${Math.round(report.wallClockMs / 1000)} s`,
    `  kills                     ${crashes.length} of ${report.plannedKills.length} planned`,
    ...crashes.map(
      (crash, index) =>
        `    ${index + 1}. ${crash.kind}${crash.midPhase ? '' : ' (phase already over)'}: clock ${crash.clockBefore ?? '?'} -> ${crash.clockAfter}, restart ${Math.round(crash.restartMs / 1000)} s`,
    ),
    `  decided                   ${driver.decided} of ${driver.cycleIds.length} (driver: ${driver.ending}, ${driver.rounds} rounds, ${driver.submissions} submissions, ${driver.clockAdvances} clock advances, ${driver.extensions} extensions)`,
    `  requests retried after a kill ${client.retriedAfterKill}; 5xx from a live stack ${client.serverErrors}`,
    ...Object.entries(FIGURE_LABELS).map(([key, label]) => `  ${label.padEnd(26)}${figures[key as keyof typeof FIGURE_LABELS].length}`),
    `  (emails left unconfirmed by a kill, in the trail, not re-sent: ${report.unconfirmedEmails.length})`,
  ];
  for (const [key, label] of Object.entries(FIGURE_LABELS)) {
    const found = figures[key as keyof typeof FIGURE_LABELS];
    if (found.length > 0) lines.push(`\n${label}:`, ...found.slice(0, 30).map((item) => `  - ${item}`), ...(found.length > 30 ? [`  … and ${found.length - 30} more`] : []));
  }
  if (report.unconfirmedEmails.length > 0) lines.push('\nemails unconfirmed (email-unconfirmed events):', ...report.unconfirmedEmails.slice(0, 30).map((item) => `  - ${item.slice(0, 300)}`));
  if (driver.unexpectedAnswers.length > 0) lines.push('\nunexpected answers:', ...driver.unexpectedAnswers.map((item) => `  - ${item}`));
  if (driver.unanswerable.length > 0) lines.push('\nsteps the driver cannot answer:', ...driver.unanswerable.map((item) => `  - ${item}`));
  if (client.serverErrorSamples.length > 0) lines.push('\n5xx answers:', ...client.serverErrorSamples.map((item) => `  - ${item}`));
  lines.push('', passed(report) ? 'PASS: every figure is 0' : 'FAIL: a figure is not 0 (or a planned kill was not made)');
  return lines.join('\n');
};

export { formatReport };
