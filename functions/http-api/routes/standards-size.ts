// The size a standards CSV may have in one request (StandardsLimits in the core, README "Configure a
// network"). API Gateway's HTTP API takes a 10 MB payload, but the Lambda behind it takes 6 MB
// synchronously, request event included, so a larger file would fail before this code on AWS: it is
// refused here, naming the field, with room left for the event's own escaping and headers.
import { StandardsLimits } from '#core/standards';
import { httpError } from '../http.ts';

/** A JSON body carries the CSV as a string; a value larger than this cannot have come through API Gateway. */
const MAX_CSV_CHARACTERS = 10_000_000;

const refuseOversizedCsv = (text: string, field: string): void => {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes <= StandardsLimits.csvBytes) return;
  const message = `the standards CSV is ${bytes} bytes; a standards version takes at most ${StandardsLimits.csvBytes} bytes (${StandardsLimits.standards} standards)`;
  throw httpError(413, 'PayloadTooLarge', `${field}: ${message}`, { issues: [{ field, message }] });
};

export { MAX_CSV_CHARACTERS, refuseOversizedCsv };
