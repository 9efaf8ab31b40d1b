import { describe, expect, it } from 'vitest';
import { EmailTemplateError } from '../../lib/errors.ts';
import { loadEmailTemplates, parseTemplate } from '../../lib/notifications/email-templates.ts';

describe('Function: parseTemplate', () => {
  it.each([
    ['a name SES refuses', { TemplateName: 'Welcome email!', SubjectPart: 'Hi', TextPart: 'Hi' }],
    ['no subject', { TemplateName: 'Welcome', TextPart: 'Hi' }],
    ['no body at all', { TemplateName: 'Welcome', SubjectPart: 'Hi' }],
    ['a body that is not text', { TemplateName: 'Welcome', SubjectPart: 'Hi', HtmlPart: 42 }],
    ['not an object', 'Welcome'],
  ])('rejects %s', (_case, raw) => {
    // Act
    const parse = () => parseTemplate('welcome.json', raw);
    // Assess
    expect(parse).toThrow(EmailTemplateError);
  });

  it('keeps every part of a valid template', () => {
    // Prepare
    const raw = { TemplateName: 'AccreditationWelcome', SubjectPart: 'Welcome {{serviceName}}', HtmlPart: '<p>Hi</p>', TextPart: 'Hi' };
    // Act
    const template = parseTemplate('welcome.json', raw);
    // Assess
    expect(template).toEqual(raw);
  });
});

describe('Function: loadEmailTemplates', () => {
  it('loads emails/*.json with unique names', () => {
    // Act
    const names = loadEmailTemplates().map((template) => template.TemplateName);
    // Assess
    expect(names.length).toBeGreaterThan(0);
    expect(new Set(names).size).toBe(names.length);
  });
});
