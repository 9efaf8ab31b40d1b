// Parsers for the CLI's arguments and the files they name. A parser throws InvalidArgumentError,
// which commander prints with the option it belongs to; reading a file happens inside a command,
// so its failure is a CliInputError naming the file.
import { readFileSync } from 'node:fs';
import { InvalidArgumentError } from 'commander';
import { isIsoDate } from '#core/iso-date';
import { parseDurationSeconds } from './duration.ts';
import { CliInputError } from './errors.ts';

const durationArgument = (value: string): number => {
  try {
    return parseDurationSeconds(value);
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
};

const jsonArgument = (value: string): unknown => {
  try {
    return JSON.parse(value) as unknown;
  } catch (error) {
    throw new InvalidArgumentError(`not valid JSON (${(error as Error).message})`);
  }
};

const jsonObjectArgument = (value: string): Record<string, unknown> => {
  const parsed = jsonArgument(value);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new InvalidArgumentError('not a JSON object ({...})');
  return parsed as Record<string, unknown>;
};

const listArgument = (value: string): string[] => value.split(',').map((item) => item.trim()).filter((item) => item !== '');

/** A calendar day as the API takes it; the value is echoed so a typo in a list is easy to find. */
const dateArgument = (value: string): string => {
  if (!isIsoDate(value)) throw new InvalidArgumentError(`${JSON.stringify(value)} is not a date: use YYYY-MM-DD, e.g. 2027-01-12`);
  return value;
};

const dateListArgument = (value: string): string[] => listArgument(value).map(dateArgument);

/** `lead-a:lead,peer-b:professional` -> the team of a manual allocation. */
const teamArgument = (value: string) =>
  listArgument(value).map((entry) => {
    const [reviewerId, role] = entry.split(':');
    if (!reviewerId || !role) throw new InvalidArgumentError(`"${entry}" is not reviewerId:role`);
    return { reviewerId, role };
  });

/** `lead-a:same-organisation` -> a rule the network lets staff override, for that reviewer (`team-composition` alone for the team). */
const overrideArgument = (value: string, previous: { reviewerId?: string; rule: string }[] = []) => {
  const [first, second] = value.split(':');
  if (!first) throw new InvalidArgumentError(`"${value}" is not reviewerId:rule`);
  return [...previous, second === undefined ? { rule: first } : { reviewerId: first, rule: second }];
};

const readTextFile = (path: string, what = 'file'): string => {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new CliInputError(`Cannot read the ${what} ${path}: ${reason}`, { cause: error });
  }
};

/** A JSON object from a file; a missing file or bad JSON names the file and what is wrong. */
const readJsonFile = (path: string): Record<string, unknown> => {
  const text = readTextFile(path, 'JSON file');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new CliInputError(`${path} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new CliInputError(`${path} must hold a JSON object ({...})`);
  return parsed as Record<string, unknown>;
};

export { dateArgument, dateListArgument, durationArgument, jsonArgument, jsonObjectArgument, listArgument, overrideArgument, readJsonFile, readTextFile, teamArgument };
