// The SES email templates, one JSON file per template in the form SESv2 CreateEmailTemplate takes
// ({ TemplateName, SubjectPart, HtmlPart, TextPart } with Handlebars placeholders), the HtmlPart put
// in the shared layout. The CDK stack deploys these same templates; local start-up creates them in the
// SES emulator.
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { withLayout } from './layout.ts';

interface EmailTemplateSource {
  TemplateName: string;
  SubjectPart: string;
  HtmlPart: string;
  TextPart: string;
}

const emailTemplatesDir = fileURLToPath(new URL('.', import.meta.url));

/** Each file's HtmlPart is the message body; the template SES stores is the whole document (emails/layout.ts). */
const loadEmailTemplates = (dir: string = emailTemplatesDir): EmailTemplateSource[] =>
  readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => JSON.parse(readFileSync(join(dir, file), 'utf8')) as EmailTemplateSource)
    .map((template) => (typeof template.HtmlPart === 'string' ? { ...template, HtmlPart: withLayout(template.HtmlPart) } : template));

/** Example data for a template (emails/samples/<TemplateName>.json), for previews and tests. */
const loadSampleData = (templateName: string, dir: string = emailTemplatesDir): Record<string, unknown> =>
  JSON.parse(readFileSync(join(dir, 'samples', `${templateName}.json`), 'utf8')) as Record<string, unknown>;

export { emailTemplatesDir, loadEmailTemplates, loadSampleData };
export type { EmailTemplateSource };
