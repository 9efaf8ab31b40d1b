// `accredit emails preview`: a template rendered as SES would send it (TestRenderEmailTemplate,
// the full MIME message), with its example data or the caller's.
import { SESv2Client, TestRenderEmailTemplateCommand } from '@aws-sdk/client-sesv2';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { toTemplateData } from '../emails/template-data.ts';
import { emailTemplatesDir, loadEmailTemplates, loadSampleData } from '../emails/templates.ts';
import { ENDPOINT_SETTINGS, UnreachableError } from './api-client.ts';
import { CliInputError } from './errors.ts';

/** The example data of a known template; an unknown name lists the ones there are. */
const sampleDataOf = (templateName: string): Record<string, unknown> => {
  const names = loadEmailTemplates().map((template) => template.TemplateName);
  if (!names.includes(templateName)) throw new CliInputError(`No email template "${templateName}". The templates are: ${names.join(', ')}`);
  if (!existsSync(join(emailTemplatesDir, 'samples', `${templateName}.json`))) {
    throw new CliInputError(`Template ${templateName} has no example data in emails/samples/; give it with --data '{...}'`);
  }
  return loadSampleData(templateName);
};

/** The SDK's error for a connection that never opened (the emulator is not running). */
const isConnectionError = (error: unknown): boolean =>
  ['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ECONNRESET'].includes(String((error as { code?: unknown }).code));

const renderEmail = async (sesUrl: string, templateName: string, data: Record<string, unknown>): Promise<string> => {
  const client = new SESv2Client({ endpoint: sesUrl, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 1 });
  try {
    const { RenderedTemplate } = await client.send(new TestRenderEmailTemplateCommand({ TemplateName: templateName, TemplateData: JSON.stringify(toTemplateData(data)) }));
    return RenderedTemplate ?? '';
  } catch (error) {
    if (isConnectionError(error)) throw new UnreachableError(sesUrl, ENDPOINT_SETTINGS.ses, { cause: error });
    throw error;
  } finally {
    client.destroy();
  }
};

const previewEmail = (sesUrl: string, templateName: string, data?: Record<string, unknown>): Promise<string> =>
  renderEmail(sesUrl, templateName, data ?? sampleDataOf(templateName));

export { previewEmail };
