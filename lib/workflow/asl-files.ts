// Reads statemachines/*.asl.json at synth time: the same files the local runtime executes.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { projectPaths } from '../project-paths.ts';

interface AslFile {
  /** File name without `.asl.json`, e.g. `accreditation-cycle`. */
  name: string;
  path: string;
  text: string;
}

const aslSuffix = '.asl.json';
// definitionSubstitutions replace `${Key}`; JSONata's own `{% %}` and `$var` never use braces after `$`.
const substitutionPattern = /\$\{([A-Za-z0-9_]+)\}/g;

const listAslFiles = (directory: string = projectPaths.stateMachines): AslFile[] => {
  if (!existsSync(directory)) return [];
  return readdirSync(directory)
    .filter((file) => file.endsWith(aslSuffix))
    .sort()
    .map((file) => {
      const filePath = path.join(directory, file);
      return { name: file.slice(0, -aslSuffix.length), path: filePath, text: readFileSync(filePath, 'utf8') };
    });
};

const substitutionKeysIn = (aslText: string): string[] =>
  [...new Set([...aslText.matchAll(substitutionPattern)].map((match) => match[1]))].sort();

export { listAslFiles, substitutionKeysIn };
export type { AslFile };
