// S3's error answers as S3 sends them (status, XML body with Code and Message), so a client or a
// test cannot tell the emulator from the bucket on what it refuses. The codes and words are S3's
// own for the cases the emulator checks (Amazon S3 API reference, "Error responses", and the
// POST policy answers: "Invalid according to Policy: …").
import { randomBytes } from 'node:crypto';

class S3Error extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Extra elements S3 adds for this code (EntityTooLarge: ProposedSize, MaxSizeAllowed). */
    readonly details: Record<string, string | number> = {},
  ) {
    super(message);
    this.name = code;
  }
}

const escapeXml = (text: string): string => text.replace(/[<>&'"]/g, (char) => `&#${char.charCodeAt(0)};`);

const errorXml = (error: S3Error, resource: string): string => {
  const details = Object.entries(error.details).map(([name, value]) => `<${name}>${escapeXml(String(value))}</${name}>`).join('');
  const requestId = randomBytes(8).toString('hex').toUpperCase();
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${error.code}</Code><Message>${escapeXml(error.message)}</Message>${details}<Resource>${escapeXml(resource)}</Resource><RequestId>${requestId}</RequestId><HostId>${requestId}</HostId></Error>`;
};

const policyFailure = (why: string) => new S3Error(403, 'AccessDenied', `Invalid according to Policy: ${why}`);

const S3Errors = {
  accessDenied: (message = 'Access Denied') => new S3Error(403, 'AccessDenied', message),
  policyExpired: () => policyFailure('Policy expired.'),
  policyConditionFailed: (condition: unknown) => policyFailure(`Policy Condition failed: ${JSON.stringify(condition).replace(/,/g, ', ')}`),
  extraInputFields: (field: string) => policyFailure(`Extra input fields: ${field}`),
  requestExpired: () => new S3Error(403, 'AccessDenied', 'Request has expired'),
  signatureDoesNotMatch: () =>
    new S3Error(403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided. Check your key and signing method.'),
  invalidAccessKeyId: () => new S3Error(403, 'InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.'),
  entityTooLarge: (proposed: number, max: number) =>
    new S3Error(400, 'EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size', { ProposedSize: proposed, MaxSizeAllowed: max }),
  entityTooSmall: (proposed: number, min: number) =>
    new S3Error(400, 'EntityTooSmall', 'Your proposed upload is smaller than the minimum allowed size', { ProposedSize: proposed, MinSizeAllowed: min }),
  malformedPost: (why = 'The body of your POST request is not well-formed multipart/form-data.') => new S3Error(400, 'MalformedPOSTRequest', why),
  missingField: (field: string) => new S3Error(400, 'InvalidArgument', `Bucket POST must contain a field named '${field}'.  If it is specified, please check the order of the fields.`),
  noSuchBucket: () => new S3Error(404, 'NoSuchBucket', 'The specified bucket does not exist'),
  noSuchKey: () => new S3Error(404, 'NoSuchKey', 'The specified key does not exist.'),
  methodNotAllowed: () => new S3Error(405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.'),
} as const;

export { errorXml, S3Error, S3Errors };
