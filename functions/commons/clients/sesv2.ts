// Endpoint from AWS_ENDPOINT_URL_SESV2 when set (the SES emulator), else the regional one.
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { nameNetworkFailures } from './dependency-errors.ts';

const sesClient = nameNetworkFailures(new SESv2Client({}), 'SES');

export { sesClient };
