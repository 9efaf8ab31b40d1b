// StartExecution's checks of the execution input, answered as AWS answers them.
import { apiErrors } from '../errors.ts';
import { exceedsPayloadLimit, maxPayloadBytes } from '../payload-limit.ts';

const invalidInput = (detail: string) => apiErrors.invalidExecutionInput(`Invalid State Machine Execution Input: '${detail}'`);

/**
 * AWS parses the input with Jackson and quotes its message; the two openings recorded on AWS
 * (localstack/localstack test_sfn_api.snapshot.json, test_invalid_start_execution_input) are
 * reproduced, and any other parse failure quotes the JSON parser's own message.
 */
const parseFailure = (input: string, error: unknown): string => {
  const text = input.trimStart();
  const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text)?.[0];
  if (word !== undefined && !['null', 'true', 'false'].includes(word)) {
    return `Unrecognized token '${word}': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')`;
  }
  const fieldStart = /^\{\s*([^\s"}])/.exec(text)?.[1];
  if (fieldStart !== undefined) return `Unexpected character ('${fieldStart}' (code ${fieldStart.codePointAt(0)})): was expecting double-quote to start field name`;
  return error instanceof Error ? error.message : String(error);
};

/** The input to store, or the error AWS gives: '{}' when none is given, as AWS does. */
const checkExecutionInput = (input: unknown): string => {
  if (input === undefined) return '{}';
  if (typeof input !== 'string') throw invalidInput('Invalid execution input.');
  // AWS's recorded answer for an empty input.
  if (input.trim() === '') throw invalidInput('Invalid execution input.');
  // The API reference's "Maximum length of 262144" (bytes in UTF-8), in the service's
  // validation format; AWS's exact text for this case was not found recorded.
  if (exceedsPayloadLimit(input)) {
    throw apiErrors.validation(`1 validation error detected: Value at 'input' failed to satisfy constraint: Member must have length less than or equal to ${maxPayloadBytes}`);
  }
  try {
    JSON.parse(input);
  } catch (error) {
    throw invalidInput(parseFailure(input, error));
  }
  return input;
};

export { checkExecutionInput };
