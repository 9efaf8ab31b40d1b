// Turns zod's issues into what a coordinator can act on: what was expected and what was
// actually found, in words, rather than zod's codes.
import type { z } from './zod-mini.ts';
import type { ConfigIssue } from './errors.ts';

interface DescribedIssue {
  path: PropertyKey[];
  expected: string;
  found: string;
  message: string;
}

const describeFound = (input: unknown): string => {
  if (input === undefined) return 'nothing (missing)';
  if (input === null) return 'null (empty)';
  if (typeof input === 'string') return input === '' ? 'an empty value' : `"${input.length > 60 ? `${input.slice(0, 57)}...` : input}"`;
  if (typeof input === 'number' || typeof input === 'boolean') return `${typeof input} ${String(input)}`;
  if (Array.isArray(input)) return `a list of ${input.length}`;
  return `an object with keys ${Object.keys(input as object).join(', ') || '(none)'}`;
};

const expectedOf = (issue: z.core.$ZodIssue): string => {
  switch (issue.code) {
    case 'invalid_type':
      return issue.expected;
    case 'invalid_value':
      return `one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'too_small':
      return `${issue.origin === 'array' ? 'at least' : issue.inclusive === false ? 'more than' : 'at least'} ${String(issue.minimum)}${issue.origin === 'array' ? ' item(s)' : issue.origin === 'string' ? ' character(s)' : ''}`;
    case 'too_big':
      return `${issue.inclusive === false ? 'less than' : 'at most'} ${String(issue.maximum)}${issue.origin === 'array' ? ' item(s)' : ''}`;
    case 'invalid_format':
      return issue.format === 'regex' && 'pattern' in issue ? `text matching ${String(issue.pattern)}` : issue.format;
    case 'unrecognized_keys':
      return 'only known keys (check spelling)';
    case 'not_multiple_of':
      return `a multiple of ${String(issue.divisor)}`;
    case 'custom': {
      const expected = (issue.params as { expected?: unknown } | undefined)?.expected;
      return typeof expected === 'string' ? expected : issue.message;
    }
    default:
      return issue.message;
  }
};

/** One described issue per zod issue; an unknown key gets its own path so it can be located. */
const describeZodIssues = (error: z.core.$ZodError): DescribedIssue[] =>
  error.issues.flatMap((issue): DescribedIssue[] => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        path: [...issue.path, key],
        expected: expectedOf(issue),
        found: `unknown key "${key}"`,
        message: 'Unknown key',
      }));
    }
    return [{ path: issue.path, expected: expectedOf(issue), found: describeFound(issue.input), message: issue.message }];
  });

/** The issues of a file checked as a parsed value: each at its path (no line without the text). */
const configIssuesFromZod = (error: z.core.$ZodError, file: string): ConfigIssue[] =>
  describeZodIssues(error).map((issue) => ({ file, path: issue.path.map(String).join('.'), expected: issue.expected, found: issue.found, message: issue.message }));

export { configIssuesFromZod, describeFound, describeZodIssues };
export type { DescribedIssue };
