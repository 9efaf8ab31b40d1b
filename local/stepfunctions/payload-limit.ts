// AWS's payload quota: "maximum input or output size for a task, state, or execution: 256 KiB
// of data as a UTF-8 encoded string" (Step Functions service quotas), the Maximum length of
// 262144 of every input/output field in the API reference.
const maxPayloadBytes = 256 * 1024;

/** True when a serialised payload is over AWS's quota. */
const exceedsPayloadLimit = (serialised: string): boolean =>
  // Most payloads are far below the quota: skip the byte count when even 4 bytes a character fit.
  serialised.length * 4 > maxPayloadBytes && Buffer.byteLength(serialised, 'utf8') > maxPayloadBytes;

export { maxPayloadBytes, exceedsPayloadLimit };
