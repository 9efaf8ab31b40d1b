// Every email is an SES template (sources in emails/*.json, deployed by the CDK stack and created
// in the SES emulator locally) sent with SESv2 SendEmail. Emails never carry a task token: they
// carry a link with the cycle id and stage, which the API resolves to the stored token.
import { SendEmailCommand } from '@aws-sdk/client-sesv2';
import { sesClient } from '../clients/sesv2.ts';
import { requireEnv } from '../env.ts';
import { EmailTemplate } from './email-templates.ts';


const emailFrom = requireEnv('EMAIL_FROM');
/** Base URL of the pages that call the API (the web console locally). */
const appBaseUrl = requireEnv('APP_BASE_URL').replace(/\/+$/, '');

interface TemplatedEmail {
  to: readonly string[];
  template: EmailTemplate;
  data: Record<string, unknown>;
}

const sendTemplatedEmail = async ({ to, template, data }: TemplatedEmail): Promise<string | undefined> => {
  const { MessageId } = await sesClient.send(
    new SendEmailCommand({
      FromEmailAddress: emailFrom,
      Destination: { ToAddresses: [...to] },
      Content: { Template: { TemplateName: template, TemplateData: JSON.stringify(data) } },
    }),
  );
  return MessageId;
};

const taskLink = (cycleId: string, stage: string): string =>
  `${appBaseUrl}/#/cycles/${encodeURIComponent(cycleId)}/tasks/${encodeURIComponent(stage)}`;
const cycleLink = (cycleId: string): string => `${appBaseUrl}/#/cycles/${encodeURIComponent(cycleId)}`;

export { EmailTemplate, cycleLink, sendTemplatedEmail, taskLink };
export type { TemplatedEmail };
