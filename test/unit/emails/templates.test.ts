// Every template renders, with its sample data, the way SES renders it (Handlebars, no escaping,
// a missing variable fails), and the HTML part cannot be injected through the data.
import Handlebars from 'handlebars';
import { describe, expect, it } from 'vitest';
import { loadEmailTemplates, loadSampleData } from '../../../emails/templates.ts';
import { ReservedTemplateDataKeyError, escapeHtml, toTemplateData } from '../../../emails/template-data.ts';
import { EmailTemplate } from '#core/email-templates';

const templates = loadEmailTemplates();
const byName = new Map(templates.map((template) => [template.TemplateName, template]));

/** SES renders raw (no HTML escaping) and refuses to send when a variable is missing. */
const render = (source: string, data: Record<string, unknown>): string =>
  Handlebars.compile(source, { noEscape: true, strict: true })(data);

const renderAll = (name: string, data: Record<string, unknown>) => {
  const template = byName.get(name);
  if (!template) throw new Error(`No template ${name}`);
  const templateData = toTemplateData(data);
  return {
    subject: render(template.SubjectPart, templateData),
    html: render(template.HtmlPart, templateData),
    text: render(template.TextPart, templateData),
  };
};

const HOSTILE = `<script>alert("x")</script> & 'Ward' = 3`;
/** The sample with every string value replaced by markup, keeping its shape (arrays, nesting). */
const poison = (value: unknown): unknown => {
  if (typeof value === 'string') return HOSTILE;
  if (Array.isArray(value)) return value.map(poison);
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, poison(item)]));
  return value;
};

const names = Object.values(EmailTemplate);

describe('Email templates: emails/*.json', () => {
  it('has one source file per name the handlers use, and no other', () => {
    // Assess
    expect(templates.map((template) => template.TemplateName).sort()).toEqual([...names].sort());
  });

  it.each(names)('%s has a subject, an HTML part and a text part', (name) => {
    // Act
    const template = byName.get(name);
    // Assess
    expect(template?.SubjectPart.trim()).not.toBe('');
    expect(template?.HtmlPart.trim()).not.toBe('');
    expect(template?.TextPart.trim()).not.toBe('');
  });

  it.each(names)('%s renders its sample data without a missing variable', (name) => {
    // Prepare
    const sample = loadSampleData(name);
    // Act
    const email = renderAll(name, sample);
    // Assess
    expect(email.subject).not.toMatch(/\{\{|\n/);
    expect(email.html).toContain(String(sample.serviceName));
    expect(email.text).toContain(String(sample.serviceName));
    expect(email.text).not.toMatch(/<[a-z]/i);
  });

  it.each(names)('%s escapes every value in its HTML part and keeps the text part verbatim', (name) => {
    // Prepare
    const hostile = poison(loadSampleData(name)) as Record<string, unknown>;
    // Act
    const email = renderAll(name, hostile);
    // Assess
    expect(email.html).not.toContain('<script>');
    expect(email.html).toContain(escapeHtml(HOSTILE));
    expect(email.text).toContain(HOSTILE);
    expect(email.subject).toContain(HOSTILE);
  });
});

describe('Function: toTemplateData', () => {
  it('adds an escaped copy under html, nested values included', () => {
    // Act
    const data = toTemplateData({ name: 'A & B', team: [{ name: '<i>' }], count: 3, missing: null });
    // Assess
    expect(data).toEqual({
      name: 'A & B',
      team: [{ name: '<i>' }],
      count: 3,
      missing: null,
      html: { name: 'A &amp; B', team: [{ name: '&lt;i&gt;' }], count: 3, missing: null },
    });
  });

  it('refuses data that sets the reserved html key', () => {
    // Act
    const build = () => toTemplateData({ html: '<p>' });
    // Assess
    expect(build).toThrow(ReservedTemplateDataKeyError);
  });
});
