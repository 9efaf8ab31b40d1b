// `accredit network load <folder>`: checks a network folder (network.yaml and the standards CSV it
// names, every mistake of both at once with file, line and column), then sends it with reviewers.json
// when present to PUT /networks/{id}, which checks it again with what only the app knows (the pool,
// the committee address on record). With --dry-run the API answers the timetable from --start-date
// and nothing is saved.
import { basename } from 'node:path';
import type { Command } from 'commander';
import { parseDocument } from 'yaml';
import { type ConfigIssue, issueLocation, NetworkConfigError } from '#core/errors';
import { type NetworkFile, parseNetworkFiles, readNetworkFolder } from '#core/load-network';
import { request } from './api-client.ts';
import { dateArgument } from './arguments.ts';
import { CliInputError } from './errors.ts';
import type { Output } from './program.ts';

interface NetworkLoadContext {
  api: () => string;
  print: (value: unknown) => void;
  output: Output;
}

interface LoadOptions {
  dryRun?: boolean;
  startDate?: string;
  membership?: string;
  reviewers: boolean;
}

interface DryRunAnswer {
  networkId: string;
  name: string;
  currentConfigVersion?: number;
  standards: { versionId: string; count: number; byType: Record<string, number> };
  reviewers?: number;
  warnings: string[];
  startDate: string;
  timetables: { membershipType: string; text: string }[];
}

/** The file as the API names it in issues: its name in the folder. */
const asSent = (file: NetworkFile) => ({ fileName: basename(file.fileName), text: file.text });

const issueLines = (issues: readonly ConfigIssue[]): string =>
  issues.map((issue) => `  ${issueLocation(issue)}: ${issue.message} (expected ${issue.expected}, found ${issue.found})`).join('\n');

/** network.yaml and the standards, checked here where the YAML parser locates each mistake. */
const checkLocally = (files: ReturnType<typeof readNetworkFolder>, networkId: string) => {
  try {
    return parseNetworkFiles(files, { networkId });
  } catch (error) {
    if (!(error instanceof NetworkConfigError)) throw error;
    throw new CliInputError(`Network ${networkId} was not loaded: ${error.issues.length} problem(s)\n${issueLines(error.issues)}`, { cause: error });
  }
};

const reviewersContent = (file: NetworkFile): unknown => {
  try {
    return JSON.parse(file.text);
  } catch (error) {
    throw new CliInputError(`${file.fileName} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
};

const networkIdOf = (config: NetworkFile): string => {
  const id = parseDocument(config.text).get('id');
  if (typeof id !== 'string' || id === '') throw new CliInputError(`${config.fileName} has no id: the network's id is its first line, e.g. id: my-network`);
  return id;
};

const dryRunText = (answer: DryRunAnswer): string =>
  [
    `${answer.name} (${answer.networkId}): valid. Nothing was saved (dry run).`,
    `Standards ${answer.standards.versionId}: ${answer.standards.count} (type 1: ${answer.standards.byType['1']}, type 2: ${answer.standards.byType['2']}, type 3: ${answer.standards.byType['3']})`,
    ...(answer.reviewers === undefined ? [] : [`Reviewers: ${answer.reviewers}`]),
    answer.currentConfigVersion === undefined ? 'Not loaded yet: loading creates version 1.' : `Loading makes version ${answer.currentConfigVersion + 1}; running cycles keep theirs.`,
    ...answer.warnings.map((warning) => `Warning: ${warning}`),
    ...answer.timetables.flatMap((timetable) => ['', `Timetable of a cycle starting ${answer.startDate} (${timetable.membershipType} membership):`, timetable.text]),
  ].join('\n');

const addNetworkLoadCommand = (network: Command, { api, print, output }: NetworkLoadContext): void => {
  network
    .command('load <folder>')
    .description('load or reload a network from its folder (network.yaml, standards.csv, reviewers.json); a reload makes a new version and running cycles keep theirs')
    .option('--dry-run', 'check every file and print the timetable from --start-date; save nothing')
    .option('--start-date <date>', 'YYYY-MM-DD, for the dry run (default: today on the workflow clock)', dateArgument)
    .option('--membership <type>', 'only this membership type in the dry run timetable')
    .option('--no-reviewers', 'leave the reviewer pool as it is, even when the folder has reviewers.json')
    .action(async (folder: string, options: LoadOptions) => {
      let files;
      try {
        files = readNetworkFolder(folder);
      } catch (error) {
        throw new CliInputError(`Cannot load ${folder}: ${(error as Error).message}`, { cause: error });
      }
      const networkId = networkIdOf(files.config);
      const { config } = checkLocally(files, networkId);
      const answer = await request(api(), 'PUT', `/networks/${encodeURIComponent(networkId)}`, {
        network: { fileName: basename(files.config.fileName), config },
        ...(files.standards && { standards: asSent(files.standards) }),
        ...(options.reviewers && files.reviewers && { reviewers: { fileName: basename(files.reviewers.fileName), content: reviewersContent(files.reviewers) } }),
        dryRun: options.dryRun === true,
        startDate: options.startDate,
        membershipType: options.membership,
      });
      if (options.dryRun) output.out(dryRunText(answer as unknown as DryRunAnswer));
      else print(answer);
    });
};

export { addNetworkLoadCommand };
