// The `accredit` command line: staff and services drive a cycle through the HTTP API, and move
// the local runtime's clock. Built with commander; every command prints JSON or a short table.
import { Command } from 'commander';
import { loadEmailTemplates } from '../emails/templates.ts';
import { request } from './api-client.ts';
import { dateArgument, durationArgument, jsonObjectArgument } from './arguments.ts';
import { addCohortCommands } from './cohort-commands.ts';
import { addExportCommands, allCycles } from './export-commands.ts';
import { addLoginCommands, signedInApiUrl } from './login-commands.ts';
import { previewEmail } from './email-preview.ts';
import { addWorkflowCommands } from './workflow-commands.ts';

interface Output {
  out(text: string): void;
  err(text: string): void;
}

const defaultApiUrl = () => process.env.ACCREDIT_API_URL ?? 'http://127.0.0.1:3000';
const defaultSfnUrl = () => process.env.ACCREDIT_SFN_URL ?? 'http://127.0.0.1:8083';
const defaultSesUrl = () => process.env.ACCREDIT_SES_URL ?? 'http://127.0.0.1:8005';

/** A failed execution's error name (its cause is in `status <cycleId>`). */
const cellOf = (cycle: Record<string, unknown>, column: string): string => {
  if (column === 'error') return String((cycle.executionError as { error?: string } | undefined)?.error ?? '-');
  return String(cycle[column] ?? '-');
};

const cycleTable = (cycles: Record<string, unknown>[]): string => {
  if (cycles.length === 0) return 'No cycles.';
  const columns = ['cycleId', 'networkId', 'stage', 'status', 'currentDeadline', ...(cycles.some((cycle) => cycle.executionError) ? ['error'] : [])];
  const rows = [columns, ...cycles.map((cycle) => columns.map((column) => cellOf(cycle, column)))];
  const widths = columns.map((_column, index) => Math.max(...rows.map((row) => row[index].length)));
  return rows.map((row) => row.map((cell, index) => cell.padEnd(widths[index])).join('  ')).join('\n');
};

const buildProgram = (output: Output = { out: (text) => console.log(text), err: (text) => console.error(text) }): Command => {
  let signedInApi: string | undefined;
  const program = new Command('accredit')
    .description('Drive accreditation review cycles: enrol services, start cycles, submit, decide, watch, move the local clock')
    .option('--api <url>', 'HTTP API base URL (env ACCREDIT_API_URL; after `accredit login`, that stage\'s API)', defaultApiUrl())
    .option('--sfn <url>', 'local Step Functions runtime URL, for the clock (env ACCREDIT_SFN_URL)', defaultSfnUrl())
    .option('--ses <url>', 'SES endpoint, for email previews (env ACCREDIT_SES_URL)', defaultSesUrl())
    .option('--as <user>', 'act as <group>[:<organisationId>[:<reviewerId>[:<email>]]] on the local API, e.g. service:trust-a, or service:trust-a::lead@trust-a.example.org for the service lead (env ACCREDIT_AS; default staff)')
    .hook('preAction', async (command) => {
      const as = command.opts<{ as?: string }>().as;
      if (as) process.env.ACCREDIT_AS = as;
      // Signed in to a stage and no API named: the commands go to that stage.
      if (command.getOptionValueSource('api') === 'default' && !process.env.ACCREDIT_API_URL) signedInApi = await signedInApiUrl();
    })
    .configureOutput({ writeOut: (text) => output.out(text.trimEnd()), writeErr: (text) => output.err(text.trimEnd()) })
    .exitOverride();
  const api = () => signedInApi ?? program.opts<{ api: string }>().api;
  const sfn = () => program.opts<{ sfn: string }>().sfn;
  const ses = () => program.opts<{ ses: string }>().ses;
  const print = (value: unknown) => output.out(JSON.stringify(value, null, 2));

  program
    .command('networks')
    .description('list the networks')
    .action(async () => print(await request(api(), 'GET', '/networks')));

  const service = program.command('service').description('member services');
  service
    .command('enrol')
    .description('enrol a member service in a network')
    .requiredOption('--id <serviceId>', 'service id (letters, digits, - and _)')
    .requiredOption('--name <name>', 'service name')
    .requiredOption('--organisation <organisationId>', 'organisation (trust) id')
    .requiredOption('--network <networkId>', 'network id')
    .requiredOption('--lead-email <email>', "service lead's email")
    .option('--membership <type>', 'accreditation or developmental (may be left out when the network offers one)')
    .option('--qi-lead-email <email>', "the organisation's QI lead (escalations after the service lead)")
    .action(async (options: { id: string; name: string; organisation: string; network: string; leadEmail: string; membership?: string; qiLeadEmail?: string }) =>
      print(
        await request(api(), 'POST', '/services', {
          serviceId: options.id,
          name: options.name,
          organisationId: options.organisation,
          networkId: options.network,
          membershipType: options.membership,
          leadEmail: options.leadEmail,
          ...(options.qiLeadEmail && { qiLeadEmail: options.qiLeadEmail }),
        }),
      ),
    );
  service
    .command('show <serviceId>')
    .description('show an enrolled service')
    .action(async (serviceId: string) => print(await request(api(), 'GET', `/services/${encodeURIComponent(serviceId)}`)));

  const cycle = program.command('cycle').description('review cycles');
  cycle
    .command('start')
    .description("start a service's cycle in a cohort (one execution per service per cycle)")
    .requiredOption('--service <serviceId>', 'service id')
    .requiredOption('--cohort <cohortId>', 'cohort id')
    .option('--start-date <date>', 'YYYY-MM-DD (default: today on the workflow clock)', dateArgument)
    .action(async (options: { service: string; cohort: string; startDate?: string }) =>
      print(await request(api(), 'POST', '/cycles', { serviceId: options.service, cohortId: options.cohort, startDate: options.startDate })),
    );

  cycle
    .command('resume <cycleId>')
    .description(
      'continue a cycle in a new execution at a stage: the new one is started first, then the running one stopped; refused (naming the missing step) where the records cannot support it; repeating the same request starts nothing new',
    )
    .requiredOption('--at <stage>', 'the stage to continue at, e.g. self-review, visit, factual-accuracy, committee-decision')
    .requiredOption('--reason <text>', 'why (kept in the execution history)')
    .action(async (cycleId: string, options: { at: string; reason: string }) =>
      print(await request(api(), 'POST', `/cycles/${encodeURIComponent(cycleId)}/resume`, { resumeAt: options.at, reason: options.reason })),
    );

  addCohortCommands(program, { api, print, output });
  addExportCommands(program, { api, output });

  program
    .command('status [cycleId]')
    .description('one cycle in full (state, tasks, audit trail), or every cycle as a table')
    .option('--network <networkId>', 'only this network')
    .option('--cohort <cohortId>', 'only this cohort (with --network)')
    .option('--json', 'print JSON instead of a table')
    .action(async (cycleId: string | undefined, options: { network?: string; cohort?: string; json?: boolean }) => {
      if (cycleId) return print(await request(api(), 'GET', `/cycles/${encodeURIComponent(cycleId)}`));
      const query = new URLSearchParams();
      if (options.network) query.set('networkId', options.network);
      if (options.cohort) query.set('cohortId', options.cohort);
      const cycles = await allCycles(api(), query);
      if (options.json) return print(cycles);
      output.out(cycleTable(cycles));
    });

  const submit = async (cycleId: string, stage: string, body: Record<string, unknown>) =>
    print(await request(api(), 'POST', `/cycles/${encodeURIComponent(cycleId)}/tasks/${encodeURIComponent(stage)}`, body));

  program
    .command('self-review <cycleId>')
    .description("submit a service's self-review")
    .requiredOption('--by <name>', 'who submits')
    .option('--summary <text>', 'summary', '')
    .option('--ratings <json>', 'ratings by standard id, e.g. {"S1.1":"met"}', jsonObjectArgument, {})
    .action((cycleId: string, options: { by: string; summary: string; ratings: Record<string, unknown> }) =>
      submit(cycleId, 'self-review', { submittedBy: options.by, summary: options.summary, ratings: options.ratings }),
    );

  program
    .command('decision <cycleId>')
    .description("record the committee's decision")
    .requiredOption('--by <name>', 'who records it')
    .requiredOption('--outcome <outcome>', 'accredited, deferred or not-accredited')
    .requiredOption('--reason <text>', 'the reason the committee gave')
    .action((cycleId: string, options: { by: string; outcome: string; reason: string }) =>
      submit(cycleId, 'committee-decision', { decidedBy: options.by, outcome: options.outcome, reason: options.reason }),
    );

  const task = program.command('task').description('human steps of a cycle');
  task
    .command('show <cycleId> <stage>')
    .description('show a task (never its token)')
    .action(async (cycleId: string, stage: string) =>
      print(await request(api(), 'GET', `/cycles/${encodeURIComponent(cycleId)}/tasks/${encodeURIComponent(stage)}`)),
    );
  task
    .command('submit <cycleId> <stage>')
    .description('submit a task with a JSON body (what the emailed link leads to)')
    .requiredOption('--json <body>', 'the submission as JSON', jsonObjectArgument)
    .action((cycleId: string, stage: string, options: { json: Record<string, unknown> }) => submit(cycleId, stage, options.json));

  const emails = program.command('emails').description('the SES email templates (emails/*.json)');
  emails
    .command('list')
    .description('list the templates and their subjects')
    .action(() => {
      for (const template of loadEmailTemplates()) output.out(`${template.TemplateName}  ${template.SubjectPart}`);
    });
  emails
    .command('preview <templateName>')
    .description('render a template with example data (emails/samples/) or --data, as SES renders it')
    .option('--data <json>', 'template data as JSON', jsonObjectArgument)
    .action(async (templateName: string, options: { data?: Record<string, unknown> }) =>
      output.out(await previewEmail(ses(), templateName, options.data)),
    );

  const clock = program.command('clock').description("the local runtime's clock (manual mode)");
  clock
    .command('show')
    .description('print the current time of the workflow clock')
    .action(async () => print(await request(sfn(), 'GET', '/_local/clock')));
  clock
    .command('advance')
    .description('move the clock forward; everything that became due runs')
    .argument('<duration>', 'whole number and unit s, m, h, d or w, e.g. 30d, 2w, 36h', durationArgument)
    .action(async (seconds: number) => print(await request(sfn(), 'POST', '/_local/clock', { advanceBySeconds: seconds })));

  addWorkflowCommands(program, { api, print, output });
  addLoginCommands(program, { output });

  return program;
};

export { buildProgram };
export type { Output };
