// Reading a CSV file as people write them (standards, measure data): every record in file order
// with its line, so each mistake can be reported where it is.
import { CsvError, parse } from 'csv-parse/sync';

interface CsvRecord {
  line?: number;
  record?: string[];
  /** Why csv-parse could not read this record (e.g. a row of the wrong width). */
  error?: CsvError;
}

const lineOf = (error: CsvError): number | undefined => (typeof error.lines === 'number' ? error.lines : undefined);

/**
 * Every record in file order, with the ones csv-parse refused kept in place: a row with the wrong
 * number of columns is an error at its line (an unquoted comma would otherwise shift or drop cells
 * silently), and every such row is reported at once rather than the first alone.
 */
const readRecords = (text: string): CsvRecord[] => {
  const records: CsvRecord[] = [];
  try {
    parse(text, {
      bom: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      on_record: (record: string[], context) => {
        records.push({ line: context.lines, record });
        return record;
      },
      on_skip: (error) => {
        if (error) records.push({ line: lineOf(error), error });
      },
    });
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    records.push({ line: lineOf(error), error });
  }
  return records;
};

export { readRecords };
export type { CsvRecord };
