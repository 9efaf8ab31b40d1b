// The files a coordinator chooses on the network set-up page, read and checked in the browser as
// the CLI does (cli/network-load.ts): network.yaml with the core's parser, which puts each mistake
// at its line and column; the standards CSV and reviewers.json are checked by the API's dry run
// (the core's CSV reader needs node:crypto). Every problem of every file comes back together.
import { parseDocument } from 'yaml';
import { type ConfigIssue, configIssuesOf, issueLocation } from '#core/errors';
import { parseNetworkConfig } from '#core/network-config-file';
import type { FieldIssue } from '../api/client.ts';
import type { NetworkLoadBody } from '../api/networks.ts';

/** The form's file fields; each is also the id of its input, so the error summary links to it. */
const FileField = { network: 'network-file', standards: 'standards-file', reviewers: 'reviewers-file' } as const;
type FileField = (typeof FileField)[keyof typeof FileField];

interface ChosenFiles {
  network?: File;
  standards?: File;
  reviewers?: File;
}

/** One problem as the page shows it: the field it belongs to and the words, location first. */
interface FileProblem {
  field: string;
  text: string;
}

interface CheckedFiles {
  networkId?: string;
  body?: NetworkLoadBody;
  problems: FileProblem[];
}

const EXTENSIONS: Record<FileField, { pattern: RegExp; words: string }> = {
  [FileField.network]: { pattern: /\.(ya?ml|json)$/i, words: 'a .yaml or .json file (network.yaml)' },
  [FileField.standards]: { pattern: /\.csv$/i, words: 'a .csv file (standards.csv)' },
  [FileField.reviewers]: { pattern: /\.json$/i, words: 'a .json file (reviewers.json)' },
};

const LABELS: Record<FileField, string> = {
  [FileField.network]: 'the network configuration',
  [FileField.standards]: 'the standards',
  [FileField.reviewers]: 'the reviewer pool',
};

const issueText = (issue: ConfigIssue): string => `${issueLocation(issue)}: ${issue.message} (expected ${issue.expected}, found ${issue.found})`;

/** The text of a chosen file, or why it cannot be used (the wrong kind of file, or an empty one). */
const readChosen = async (field: FileField, file: File | undefined, problems: FileProblem[]): Promise<string | undefined> => {
  if (!file) return undefined;
  if (!EXTENSIONS[field].pattern.test(file.name)) {
    problems.push({ field, text: `${file.name} is not ${LABELS[field]}: choose ${EXTENSIONS[field].words}` });
    return undefined;
  }
  const text = await file.text();
  if (text.trim() === '') {
    problems.push({ field, text: `${file.name} is empty: choose the file with ${LABELS[field]} in it` });
    return undefined;
  }
  return text;
};

/** network.yaml's id, read leniently (the file may be broken elsewhere). */
const idOf = (text: string): string | undefined => {
  const id = parseDocument(text).get('id');
  return typeof id === 'string' && id !== '' ? id : undefined;
};

/**
 * The document's value even when it breaks the schema, so the API's dry run still checks the
 * standards and the reviewers against it; its own findings on network.yaml are replaced by the
 * browser's, which carry lines and columns.
 */
const leniently = (text: string): unknown => {
  try {
    return parseDocument(text).toJS() ?? {};
  } catch {
    return {};
  }
};

const parseReviewers = (file: File, text: string, problems: FileProblem[]): unknown => {
  try {
    return JSON.parse(text);
  } catch (error) {
    problems.push({ field: FileField.reviewers, text: `${file.name} is not valid JSON: ${(error as Error).message}` });
    return undefined;
  }
};

/** Reads and checks what the browser can; the body for the API's dry run when there is one to send. */
const checkChosenFiles = async (files: ChosenFiles): Promise<CheckedFiles> => {
  const problems: FileProblem[] = [];
  if (!files.network) problems.push({ field: FileField.network, text: 'Choose the network configuration file (network.yaml)' });
  if (!files.standards) problems.push({ field: FileField.standards, text: 'Choose the standards file (a CSV file)' });
  const [networkText, standardsText, reviewersText] = await Promise.all([
    readChosen(FileField.network, files.network, problems),
    readChosen(FileField.standards, files.standards, problems),
    readChosen(FileField.reviewers, files.reviewers, problems),
  ]);
  const reviewers = files.reviewers && reviewersText !== undefined ? parseReviewers(files.reviewers, reviewersText, problems) : undefined;
  if (!files.network || networkText === undefined) return { problems };
  let config: unknown;
  const yamlIssues = configIssuesOf(() => {
    config = parseNetworkConfig(networkText, files.network!.name);
  });
  problems.push(...yamlIssues.map((issue) => ({ field: FileField.network, text: issueText(issue) })));
  const networkId = idOf(networkText);
  if (!networkId) return { problems };
  const body: NetworkLoadBody = {
    network: { fileName: files.network.name, config: config ?? leniently(networkText) },
    ...(files.standards && standardsText !== undefined && { standards: { fileName: files.standards.name, text: standardsText } }),
    ...(files.reviewers && reviewers !== undefined && { reviewers: { fileName: files.reviewers.name, content: reviewers } }),
  };
  return { networkId, body, problems };
};

/** The API's issues against the field of the file each names; the browser's own network.yaml findings win. */
const apiProblems = (issues: readonly (FieldIssue & { file?: string })[], body: NetworkLoadBody, yamlCheckedHere: boolean): FileProblem[] =>
  issues
    .map((issue): FileProblem | undefined => {
      const text = `${issue.field}: ${issue.message}`;
      if (issue.file === body.network.fileName) return yamlCheckedHere ? undefined : { field: FileField.network, text };
      if (issue.file !== undefined && issue.file === body.standards?.fileName) return { field: FileField.standards, text };
      if (issue.file !== undefined && issue.file === body.reviewers?.fileName) return { field: FileField.reviewers, text };
      if (issue.field === 'startDate') return { field: 'start-date', text: issue.message };
      return { field: 'form', text };
    })
    .filter((problem): problem is FileProblem => problem !== undefined);

export { apiProblems, checkChosenFiles, FileField };
export type { CheckedFiles, ChosenFiles, FileProblem };
