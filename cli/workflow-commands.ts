// `accredit` commands for the workflow's stages: standards and the reviewer pool (staff), dates,
// team answers, ratings, factual accuracy, evidence and appeals (services and reviewers),
// extensions, manual allocation and withdrawal (staff). Each calls one API route.
import { InvalidArgumentError } from 'commander';
import type { Command } from 'commander';
import { REPORT_SECTIONS, ReportSection } from '#core/report-corrections';
import { request } from './api-client.ts';
import { dateArgument, dateListArgument, jsonArgument, overrideArgument, readJsonFile, readTextFile, teamArgument } from './arguments.ts';
import { CliInputError } from './errors.ts';
import { addNetworkLoadCommand } from './network-load.ts';
import type { Output } from './program.ts';

interface WorkflowCommandContext {
  api: () => string;
  print: (value: unknown) => void;
  output: Output;
}

/** `--correction summary="The unit has 12 beds"`: one correction per section of the report (#core/report-corrections). */
const collectCorrection = (value: string, previous: { section: string; text: string }[]) => {
  const at = value.indexOf('=');
  if (at < 1) throw new InvalidArgumentError(`takes <section>=<text>, e.g. summary="The unit has 12 beds"; got ${value}`);
  return [...previous, { section: value.slice(0, at).trim(), text: value.slice(at + 1) }];
};

const path = (cycleId: string, ...rest: string[]) => `/cycles/${[cycleId, ...rest].map(encodeURIComponent).join('/')}`;

const addNetworkCommands = (network: Command, { api, print, output }: WorkflowCommandContext) => {
  addNetworkLoadCommand(network, { api, print, output });
  network
    .command('standards <networkId> <csvFile>')
    .description('import the standards CSV of a network (new cycles start with it)')
    .option('--version <version>', 'declared version (default: the one network.yaml declares)')
    .action(async (networkId: string, csvFile: string, options: { version?: string }) =>
      print(await request(api(), 'PUT', `/networks/${encodeURIComponent(networkId)}/standards`, { csv: readTextFile(csvFile, 'standards file'), version: options.version })),
    );
  network
    .command('reviewers <networkId> [jsonFile]')
    .description('list the reviewer pool, or import it from a JSON file ({"reviewers": [...]})')
    .action(async (networkId: string, jsonFileName: string | undefined) =>
      print(
        jsonFileName
          ? await request(api(), 'PUT', `/networks/${encodeURIComponent(networkId)}/reviewers`, readJsonFile(jsonFileName))
          : await listWholePool(api(), networkId),
      ),
    );
};

/** Every page of the pool listing, followed by its nextCursor, as one list. */
const listWholePool = async (baseUrl: string, networkId: string): Promise<Record<string, unknown>> => {
  const reviewers: unknown[] = [];
  let cursor: string | undefined;
  do {
    const page = await request(baseUrl, 'GET', `/networks/${encodeURIComponent(networkId)}/reviewers${cursor === undefined ? '' : `?cursor=${encodeURIComponent(cursor)}`}`);
    reviewers.push(...((page.reviewers as unknown[] | undefined) ?? []));
    cursor = typeof page.nextCursor === 'string' ? page.nextCursor : undefined;
  } while (cursor !== undefined);
  return { networkId, reviewers };
};

const addCycleCommands = (cycle: Command, { api, print }: WorkflowCommandContext) => {
  cycle
    .command('withdraw <cycleId>')
    .description('withdraw the service: recorded with the reason, then the execution is stopped')
    .requiredOption('--by <name>', 'who withdraws it')
    .requiredOption('--reason <text>', 'why')
    .action(async (cycleId: string, options: { by: string; reason: string }) =>
      print(await request(api(), 'POST', path(cycleId, 'withdraw'), { withdrawnBy: options.by, reason: options.reason })),
    );
  cycle
    .command('extend <cycleId> <stage>')
    .description('give a step a new deadline (self-review, peer-review-scheduling, manual-allocation, peer-ratings, committee-decision)')
    .requiredOption('--due <date>', 'the new due day (YYYY-MM-DD)', dateArgument)
    .requiredOption('--by <name>', 'who grants it')
    .requiredOption('--reason <text>', 'why')
    .action(async (cycleId: string, stage: string, options: { due: string; by: string; reason: string }) =>
      print(await request(api(), 'POST', path(cycleId, 'tasks', stage, 'extension'), { extendedBy: options.by, dueOn: options.due, reason: options.reason })),
    );
  cycle
    .command('team <cycleId>')
    .description('the review team (or, when none could be formed, who was ruled out and why)')
    .action(async (cycleId: string) => print(await request(api(), 'GET', path(cycleId, 'allocation'))));
  cycle
    .command('report <cycleId>')
    .description('the draft report and the recommendation with its reasons')
    .action(async (cycleId: string) => print(await request(api(), 'GET', path(cycleId, 'report'))));
};

const addStepCommands = (program: Command, { api, print }: WorkflowCommandContext) => {
  const submit = async (cycleId: string, stage: string, body: Record<string, unknown>) => print(await request(api(), 'POST', path(cycleId, 'tasks', stage), body));
  program
    .command('offer-dates <cycleId>')
    .description('the host offers visit dates (at least three, on two different weekdays)')
    .requiredOption('--by <name>', 'who offers them')
    .requiredOption('--dates <list>', 'comma-separated dates (YYYY-MM-DD), e.g. 2025-06-10,2025-06-11,2025-06-17', dateListArgument)
    .option('--address <text>', 'where the visit takes place')
    .action((cycleId: string, options: { by: string; dates: string[]; address?: string }) =>
      submit(cycleId, 'peer-review-scheduling', { offeredBy: options.by, dates: options.dates, hostAddress: options.address }),
    );
  program
    .command('allocate <cycleId>')
    .description('staff allocate the review team by hand (when no conflict-free team was found)')
    .requiredOption('--by <name>', 'who allocates')
    .requiredOption('--date <date>', 'one of the offered dates (YYYY-MM-DD)', dateArgument)
    .requiredOption('--team <list>', 'reviewerId:role pairs, e.g. lead-a:lead,peer-b:professional,expert-c:expert-by-experience', teamArgument)
    .option('--note <text>', 'why this team (and the reason for each --override)')
    .option('--override <reviewerId:rule>', 'break a rule the network lists as overridable (repeatable; needs --note)', overrideArgument)
    .action((cycleId: string, options: { by: string; date: string; team: { reviewerId: string; role: string }[]; note?: string; override?: { reviewerId?: string; rule: string }[] }) =>
      submit(cycleId, 'manual-allocation', {
        allocatedBy: options.by,
        date: options.date,
        team: options.team,
        note: options.note,
        ...(options.override ? { overrides: options.override.map((override) => ({ ...override, reason: options.note ?? '' })) } : {}),
      }),
    );
  program
    .command('invitation <cycleId> <reviewerId> <answer>')
    .description('a reviewer accepts or declines the invitation to a visit (answer: accept or decline)')
    .option('--reason <text>', 'why (for a decline)')
    .action(async (cycleId: string, reviewerId: string, answer: string, options: { reason?: string }) => {
      if (answer !== 'accept' && answer !== 'decline') throw new CliInputError(`answer must be accept or decline, not ${JSON.stringify(answer)}`);
      print(await request(api(), 'POST', path(cycleId, 'reviewers', reviewerId, answer), { reason: options.reason }));
    });
  program
    .command('cancel-visit <cycleId>')
    .description('the host cancels the visit; dates are offered again')
    .requiredOption('--by <name>', 'who cancels')
    .requiredOption('--reason <text>', 'why')
    .action(async (cycleId: string, options: { by: string; reason: string }) =>
      print(await request(api(), 'POST', path(cycleId, 'visit', 'cancel'), { cancelledBy: options.by, reason: options.reason })),
    );
  program
    .command('peer-ratings <cycleId> <jsonFile>')
    .description('the lead reviewer submits the ratings ({"ratings": [{"standardId","rating","comment"}], "goodPractice": [], "areasForDevelopment": []})')
    .requiredOption('--by <name>', 'the lead reviewer')
    .action((cycleId: string, jsonFileName: string, options: { by: string }) =>
      submit(cycleId, 'peer-ratings', { ...readJsonFile(jsonFileName), submittedBy: options.by }),
    );
  program
    .command('factual-accuracy <cycleId>')
    .description('the service answers the factual-accuracy check (silence until the deadline counts as acceptance)')
    .requiredOption('--by <name>', 'who answers')
    .option('--correction <section=text>', `a correction of one section of the report, repeatable; sections: ${REPORT_SECTIONS.join(', ')}`, collectCorrection, [])
    .option('--corrections <text>', 'a correction of the report as a whole (without any correction the draft is accepted)')
    .action((cycleId: string, options: { by: string; correction: { section: string; text: string }[]; corrections?: string }) => {
      const corrections = [...options.correction, ...(options.corrections === undefined ? [] : [{ section: ReportSection.wholeReport, text: options.corrections }])];
      return submit(cycleId, 'factual-accuracy', { respondedBy: options.by, accepted: corrections.length === 0, ...(corrections.length > 0 ? { corrections } : {}) });
    });
  program
    .command('evidence <cycleId>')
    .description('a deferred service sends evidence for the unmet standards')
    .requiredOption('--by <name>', 'who sends it')
    .requiredOption('--summary <text>', 'summary')
    .requiredOption('--evidence <json>', 'e.g. [{"standardId":"1.1","note":"Audit of 20 admissions"}]', jsonArgument)
    .action((cycleId: string, options: { by: string; summary: string; evidence: unknown }) =>
      submit(cycleId, 'deferral-evidence', { submittedBy: options.by, summary: options.summary, evidence: options.evidence }),
    );
  program
    .command('appeal <cycleId>')
    .description('lodge an appeal against Not accredited, within the appeal window')
    .requiredOption('--by <name>', 'who lodges it')
    .requiredOption('--grounds <text>', 'the grounds')
    .action((cycleId: string, options: { by: string; grounds: string }) => submit(cycleId, 'appeal', { lodgedBy: options.by, grounds: options.grounds }));
};

/** Adds the workflow's commands to the `accredit` program (and its `network` and `cycle` groups). */
const addWorkflowCommands = (program: Command, context: WorkflowCommandContext): void => {
  addNetworkCommands(program.command('network').description('load a network, or import its standards or reviewer pool (staff)'), context);
  const cycle = program.commands.find((command) => command.name() === 'cycle');
  if (cycle) addCycleCommands(cycle, context);
  addStepCommands(program, context);
};

export { addWorkflowCommands };
export type { WorkflowCommandContext };
