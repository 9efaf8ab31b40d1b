// Reads are checked where they happen (issue 10, "zod-checked reads"): an item that lacks what its
// record type needs fails here, naming the record and the field, instead of as a TypeError steps
// later. Schemas are loose (unknown attributes are kept) and check only what the code relies on.
import { safeParse } from 'zod/v4/core';
import type { $ZodType, output } from 'zod/v4/core';
import { StoredRecordInvalidError } from '../errors.ts';

/** The item as its record type, or StoredRecordInvalidError naming the first bad field. */
const parseRecord = <S extends $ZodType>(record: string, schema: S, item: unknown): output<S> => {
  const result = safeParse(schema, item);
  if (result.success) return result.data;
  // zod's own message ("Invalid input: expected string, received undefined") says what was found:
  // the core's describeZodIssues would say it in other words at the cost of every Lambda bundle.
  const [first] = result.error.issues;
  const key = item !== null && typeof item === 'object' ? `${String((item as Record<string, unknown>).pk)}/${String((item as Record<string, unknown>).sk)}` : 'unknown key';
  throw new StoredRecordInvalidError(`${record} (${key})`, first.path.map(String).join('.'), first.message, { cause: result.error });
};

/** Every item as its record type (see parseRecord). */
const parseRecords = <S extends $ZodType>(record: string, schema: S, items: readonly unknown[]): output<S>[] => items.map((item) => parseRecord(record, schema, item));

/** An item that may be absent (a GetItem that found nothing). */
const parseOptionalRecord = <S extends $ZodType>(record: string, schema: S, item: unknown): output<S> | undefined => (item === undefined ? undefined : parseRecord(record, schema, item));

export { parseOptionalRecord, parseRecord, parseRecords };
