// Every email is an SES template (sources in emails/*.json, deployed by the CDK stack and created
// in the SES emulator locally) sent with SESv2 SendEmail. Emails never carry a task token: they
// carry a link with the cycle id and stage, which the API resolves to the stored token.
//
// SES does not escape HTML when it renders a template; the data goes out with an escaped copy
// for the HTML part (emails/template-data.ts). Attachments (the .ics visit invitation) travel in
// the same templated SendEmail call (SESv2 Template.Attachments), which the SES emulator stores too.
import { SendEmailCommand } from '@aws-sdk/client-sesv2';
import type { Attachment } from '@aws-sdk/client-sesv2';
import { toTemplateData } from '../../../emails/template-data.ts';
import { sesClient } from '../clients/sesv2.ts';
import { requireEnv } from '../env.ts';
import { EmailTemplate } from '#core/email-templates';

const emailFrom = requireEnv('EMAIL_FROM');
/** Base URL of the pages that call the API (the web console locally). */
const appBaseUrl = requireEnv('APP_BASE_URL').replace(/\/+$/, '');

interface EmailAttachment {
  filename: string;
  /** MIME type, e.g. `text/calendar`. */
  contentType: string;
  /** The file's text (an .ics invite) or bytes (a chart's PNG); the SDK base64-encodes it on the wire. */
  content: string | Uint8Array;
  /**
   * A part the HTML shows in place (`<img src="cid:…">`): INLINE with this Content-ID (SES: 1–78
   * characters). Bytes go out BASE64 in the message: SES's default, SEVEN_BIT, is for short-lined ASCII.
   */
  inlineContentId?: string;
}

interface TemplatedEmail {
  to: readonly string[];
  template: EmailTemplate;
  /** The template's variables (see emails/samples/<TemplateName>.json); `html` is reserved. */
  data: Record<string, unknown>;
  attachments?: readonly EmailAttachment[];
}

const toSesAttachment = ({ filename, contentType, content, inlineContentId }: EmailAttachment): Attachment => ({
  FileName: filename,
  ContentType: contentType,
  ContentDisposition: inlineContentId === undefined ? 'ATTACHMENT' : 'INLINE',
  ...(inlineContentId === undefined ? {} : { ContentId: inlineContentId }),
  ...(typeof content === 'string' ? { RawContent: new TextEncoder().encode(content) } : { RawContent: content, ContentTransferEncoding: 'BASE64' }),
});

const sendTemplatedEmail = async ({ to, template, data, attachments = [] }: TemplatedEmail): Promise<string | undefined> => {
  const { MessageId } = await sesClient.send(
    new SendEmailCommand({
      FromEmailAddress: emailFrom,
      Destination: { ToAddresses: [...to] },
      Content: {
        Template: {
          TemplateName: template,
          TemplateData: JSON.stringify(toTemplateData(data)),
          ...(attachments.length > 0 ? { Attachments: attachments.map(toSesAttachment) } : {}),
        },
      },
    }),
  );
  return MessageId;
};

// Page addresses the web app routes by path (CloudFront and the local adapter answer any of them
// with the app); an address with `#/` from an older email still lands on its page (web/src/main.ts).
const taskLink = (cycleId: string, stage: string): string => `${appBaseUrl}/cycles/${encodeURIComponent(cycleId)}/tasks/${encodeURIComponent(stage)}`;
const cycleLink = (cycleId: string): string => `${appBaseUrl}/cycles/${encodeURIComponent(cycleId)}`;
/** An action's own page (its PDSA ramp), under the cycle's action plan. */
const actionLink = (cycleId: string, actionId: string): string => `${cycleLink(cycleId)}/action-plan/actions/${encodeURIComponent(actionId)}`;

export { EmailTemplate, actionLink, cycleLink, sendTemplatedEmail, taskLink };
export type { EmailAttachment, TemplatedEmail };
