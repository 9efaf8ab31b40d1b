// The POST policy of a browser upload, checked as S3 checks it: signed with the emulator's
// credentials, not expired, every condition met (exact match, "eq", "starts-with",
// "content-length-range"), and no form field the policy does not name. The size range is returned
// for the file, which arrives after the fields.
import { verifyPolicySignature } from './signing.ts';
import type { EmulatorCredentials } from './signing.ts';
import { S3Errors } from './s3-errors.ts';

interface SizeRange {
  min: number;
  max: number;
}

/** Form fields by lower-case name (S3 matches field names without regard to case). */
type FormFields = ReadonlyMap<string, string>;

/** Fields S3 never asks the policy to name. */
const exempt = (name: string) => ['policy', 'x-amz-signature', 'file'].includes(name) || name.startsWith('x-ignore-');

const required = (fields: FormFields, name: string): string => {
  const value = fields.get(name.toLowerCase());
  if (value === undefined) throw S3Errors.missingField(name);
  return value;
};

const parsePolicy = (policy: string): { expiration: string; conditions: unknown[] } => {
  try {
    const parsed = JSON.parse(Buffer.from(policy, 'base64').toString('utf8')) as { expiration?: unknown; conditions?: unknown };
    if (typeof parsed.expiration !== 'string' || !Array.isArray(parsed.conditions)) throw new Error('no expiration or conditions');
    return { expiration: parsed.expiration, conditions: parsed.conditions };
  } catch {
    throw S3Errors.malformedPost('Invalid Policy: Invalid JSON.');
  }
};

/** One condition as [operation, field name, value]; a content-length-range as its range. */
const normalise = (condition: unknown): { op: string; field: string; value: string } | SizeRange => {
  if (Array.isArray(condition)) {
    const [op, first, second] = condition as unknown[];
    if (op === 'content-length-range') return { min: Number(first), max: Number(second) };
    if ((op === 'eq' || op === 'starts-with') && typeof first === 'string' && first.startsWith('$')) return { op, field: first.slice(1).toLowerCase(), value: String(second) };
  } else if (condition && typeof condition === 'object' && Object.keys(condition).length === 1) {
    const [[field, value]] = Object.entries(condition);
    return { op: 'eq', field: field.toLowerCase(), value: String(value) };
  }
  throw S3Errors.malformedPost(`Invalid Policy: Invalid Simple-Condition: ${JSON.stringify(condition)}`);
};

/** Checks everything but the file's size; returns the size range the file must fall in. */
const checkPostPolicy = (fields: FormFields, credentials: EmulatorCredentials, now: Date): SizeRange => {
  const policy = required(fields, 'Policy');
  if (required(fields, 'X-Amz-Algorithm') !== 'AWS4-HMAC-SHA256') throw S3Errors.accessDenied('Only AWS4-HMAC-SHA256 is supported');
  verifyPolicySignature(policy, required(fields, 'X-Amz-Credential'), required(fields, 'X-Amz-Signature'), credentials);
  required(fields, 'X-Amz-Date');
  required(fields, 'key');
  const { expiration, conditions } = parsePolicy(policy);
  if (!(new Date(expiration).getTime() > now.getTime())) throw S3Errors.policyExpired();
  let range: SizeRange = { min: 0, max: Number.POSITIVE_INFINITY };
  const named = new Set<string>();
  for (const condition of conditions) {
    const rule = normalise(condition);
    if ('min' in rule) {
      range = rule;
      continue;
    }
    named.add(rule.field);
    const value = fields.get(rule.field);
    const met = value !== undefined && (rule.op === 'eq' ? value === rule.value : value.startsWith(rule.value));
    if (!met) throw S3Errors.policyConditionFailed(condition);
  }
  const extra = [...fields.keys()].find((name) => !exempt(name) && !named.has(name));
  if (extra) throw S3Errors.extraInputFields(extra);
  return range;
};

export { checkPostPolicy };
export type { FormFields, SizeRange };
