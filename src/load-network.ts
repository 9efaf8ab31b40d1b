// A network as a coordinator keeps it: a folder with network.yaml (or network.json), the
// standards CSV it names and, optionally, the reviewer pool (reviewers.json). The pure part
// checks the texts of both files together, so every mistake in either is reported at once; the
// only file I/O in the core reads a folder into those texts.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { configIssuesOf, NetworkConfigError } from './errors.ts';
import type { NetworkConfig, NetworkLoadChecks } from './network-config.ts';
import { parseNetworkConfig } from './network-config-file.ts';
import { parseStandardsCsv, type StandardsSet } from './standards.ts';

const CONFIG_FILE_NAMES = ['network.yaml', 'network.yml', 'network.json'] as const;
const REVIEWERS_FILE_NAME = 'reviewers.json';
/** Where the standards are when network.yaml cannot say (it does not parse, or names none). */
const DEFAULT_STANDARDS_FILE = 'standards.csv';

interface NetworkFile {
  /** As the issues should name it: a file name, or a path for a folder on disk. */
  fileName: string;
  text: string;
}

interface NetworkFiles {
  config: NetworkFile;
  standards?: NetworkFile;
  reviewers?: NetworkFile;
}

interface LoadedNetwork {
  config: NetworkConfig;
  standards: StandardsSet;
}

/**
 * Pure: the network configuration and its standards, checked together. Throws NetworkConfigError
 * with the issues of both files (the standards are checked even when network.yaml is broken).
 */
const parseNetworkFiles = (files: Pick<NetworkFiles, 'config' | 'standards'>, checks: NetworkLoadChecks = {}): LoadedNetwork => {
  let config: NetworkConfig | undefined;
  let standards: StandardsSet | undefined;
  const configIssues = configIssuesOf(() => {
    config = parseNetworkConfig(files.config.text, files.config.fileName, checks);
  });
  const standardsIssues = files.standards
    ? configIssuesOf(() => {
        standards = parseStandardsCsv(files.standards!.text, files.standards!.fileName, { version: config?.standards.version });
      })
    : [
        {
          file: files.config.fileName,
          path: 'standards.file',
          expected: 'a CSV file of standards beside the network configuration',
          found: config ? `"${config.standards.file}" (not found)` : 'no standards file',
          message: 'Standards file not found',
        },
      ];
  const issues = [...configIssues, ...standardsIssues];
  if (issues.length > 0 || config === undefined || standards === undefined) throw new NetworkConfigError(issues);
  return { config, standards };
};

/** The standards file network.yaml names, read leniently: a broken file still gets its CSV checked. */
const declaredStandardsFile = (configText: string): string => {
  const declared = parseDocument(configText).getIn(['standards', 'file']);
  return typeof declared === 'string' && declared !== '' ? declared : DEFAULT_STANDARDS_FILE;
};

const readIfPresent = (file: string): NetworkFile | undefined => (existsSync(file) ? { fileName: file, text: readFileSync(file, 'utf8') } : undefined);

/** Reads a network folder's files (file names are the paths, so issues point into the folder). */
const readNetworkFolder = (dir: string): NetworkFiles => {
  const configFile = CONFIG_FILE_NAMES.map((name) => path.join(dir, name)).find((file) => existsSync(file));
  if (configFile === undefined) {
    throw new NetworkConfigError([
      { file: dir, expected: `one of ${CONFIG_FILE_NAMES.join(', ')}`, found: 'none of them', message: 'No network configuration file in this folder' },
    ]);
  }
  const config = { fileName: configFile, text: readFileSync(configFile, 'utf8') };
  const standards = readIfPresent(path.resolve(dir, declaredStandardsFile(config.text)));
  const reviewers = readIfPresent(path.join(dir, REVIEWERS_FILE_NAME));
  return { config, ...(standards && { standards }), ...(reviewers && { reviewers }) };
};

/** Reads and validates a network folder. Throws NetworkConfigError carrying the issues of both files. */
const loadNetwork = (dir: string): LoadedNetwork => parseNetworkFiles(readNetworkFolder(dir));

export { loadNetwork, parseNetworkFiles, readNetworkFolder };
export type { LoadedNetwork, NetworkFile, NetworkFiles };
