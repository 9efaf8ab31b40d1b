// Endpoint from AWS_ENDPOINT_URL_SESV2 when set (the SES emulator), else the regional one.
import { SESv2Client } from '@aws-sdk/client-sesv2';

const sesClient = new SESv2Client({});

export { sesClient };
