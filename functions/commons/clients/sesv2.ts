// Endpoint from AWS_ENDPOINT_URL_SESV2 when set (the SES emulator), else the regional one.
// One attempt per call: SendEmail has no idempotency key, so an SDK retry after an answer lost
// mid-flight would send the email twice. The claim in data/email-once.ts is the retry instead.
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { nameNetworkFailures } from './dependency-errors.ts';

const sesClient = nameNetworkFailures(new SESv2Client({ maxAttempts: 1 }), 'SES');

export { sesClient };
