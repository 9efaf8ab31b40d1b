// The SES template sources (emails/*.json), read by the same loader the local SES emulator is
// filled from, so AWS and the laptop send identical emails.
import { existsSync } from 'node:fs';
import { loadEmailTemplates as readSharedTemplates } from '../../emails/templates.ts';
import { EmailTemplateError } from '../errors.ts';

interface EmailTemplateSource {
  TemplateName: string;
  SubjectPart: string;
  HtmlPart?: string;
  TextPart?: string;
}

// SES template names: letters, digits, '-' and '_', up to 64 characters.
const templateNamePattern = /^[A-Za-z0-9_-]{1,64}$/;

const isOptionalString = (value: unknown): boolean => value === undefined || typeof value === 'string';

const parseTemplate = (source: string, raw: unknown): EmailTemplateSource => {
  if (typeof raw !== 'object' || raw === null) throw new EmailTemplateError(source, 'is not a JSON object');
  const candidate = raw as Record<string, unknown>;
  if (typeof candidate.TemplateName !== 'string' || !templateNamePattern.test(candidate.TemplateName)) {
    throw new EmailTemplateError(source, 'TemplateName must be 1-64 letters, digits, "-" or "_"');
  }
  if (typeof candidate.SubjectPart !== 'string') throw new EmailTemplateError(source, 'SubjectPart must be a string');
  if (!isOptionalString(candidate.HtmlPart) || !isOptionalString(candidate.TextPart)) {
    throw new EmailTemplateError(source, 'HtmlPart and TextPart must be strings when present');
  }
  if (candidate.HtmlPart === undefined && candidate.TextPart === undefined) {
    throw new EmailTemplateError(source, 'needs an HtmlPart or a TextPart');
  }
  return {
    TemplateName: candidate.TemplateName,
    SubjectPart: candidate.SubjectPart,
    HtmlPart: candidate.HtmlPart as string | undefined,
    TextPart: candidate.TextPart as string | undefined,
  };
};

/**
 * The templates emails/templates.ts loads for the local emulator, checked before SES sees them:
 * a bad file fails the synth instead of a CloudFormation update halfway through.
 */
const loadEmailTemplates = (directory?: string): EmailTemplateSource[] => {
  if (directory !== undefined && !existsSync(directory)) return [];
  const templates = readSharedTemplates(directory).map((raw) => parseTemplate(raw.TemplateName ?? '(unnamed)', raw));
  const names = templates.map((template) => template.TemplateName);
  const duplicate = names.find((name, index) => names.indexOf(name) !== index);
  if (duplicate !== undefined) throw new EmailTemplateError('emails/', `TemplateName "${duplicate}" is used twice`);
  return templates;
};

export { loadEmailTemplates, parseTemplate };
export type { EmailTemplateSource };
