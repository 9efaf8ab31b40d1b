// The only file I/O in the core: reads a network folder (network.yaml or network.json,
// plus the standards CSV it names) and hands the text to the pure parsers.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { type ConfigIssue, ConfigFileError, NetworkConfigError } from './errors.ts';
import { type NetworkConfig, parseNetworkConfig } from './network-config.ts';
import { parseStandardsCsv, type StandardsSet } from './standards.ts';

const CONFIG_FILE_NAMES = ['network.yaml', 'network.yml', 'network.json'] as const;

interface LoadedNetwork {
  config: NetworkConfig;
  standards: StandardsSet;
}

const findConfigFile = (dir: string): string => {
  const found = CONFIG_FILE_NAMES.map((name) => path.join(dir, name)).find((file) => existsSync(file));
  if (found === undefined) {
    throw new NetworkConfigError([
      { file: dir, expected: `one of ${CONFIG_FILE_NAMES.join(', ')}`, found: 'none of them', message: 'No network configuration file in this folder' },
    ]);
  }
  return found;
};

/** Reads and validates a network folder. Throws NetworkConfigError carrying the issues of both files. */
const loadNetwork = (dir: string): LoadedNetwork => {
  const configFile = findConfigFile(dir);
  const config = parseNetworkConfig(readFileSync(configFile, 'utf8'), configFile);
  const standardsFile = path.resolve(dir, config.standards.file);
  if (!existsSync(standardsFile)) {
    throw new NetworkConfigError([
      { file: configFile, path: 'standards.file', expected: 'a CSV file in the network folder', found: `"${config.standards.file}" (not found)`, message: 'Standards file not found' },
    ]);
  }
  try {
    return { config, standards: parseStandardsCsv(readFileSync(standardsFile, 'utf8'), standardsFile, { version: config.standards.version }) };
  } catch (error) {
    if (!(error instanceof ConfigFileError)) throw error;
    const issues: ConfigIssue[] = error.issues;
    throw new NetworkConfigError(issues, { cause: error });
  }
};

export { loadNetwork };
export type { LoadedNetwork };
