// SES renders stored templates with Handlebars but does not escape HTML ("SES doesn't escape HTML
// content when rendering the HTML template", SES Developer Guide, Advanced email personalization),
// and it renders the text part and the subject with the same raw values. So the sender escapes:
// every template's HtmlPart reads its values from `html.*`, an HTML-escaped copy of the data, while
// the SubjectPart and TextPart read the raw values. A service name such as "Ward 3 <Acute> & Rehab"
// then shows as written in both parts, and cannot inject markup into the HTML one.

/** The key under which the escaped copy travels; no template variable may use it for anything else. */
const HTML_DATA_KEY = 'html';

const htmlEntities: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
  '=': '&#61;',
};

const escapeHtml = (text: string): string => text.replace(/[&<>"'`=]/g, (character) => htmlEntities[character]);

const escapeDeep = (value: unknown): unknown => {
  if (typeof value === 'string') return escapeHtml(value);
  if (Array.isArray(value)) return value.map(escapeDeep);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, escapeDeep(item)]));
  }
  return value;
};

class ReservedTemplateDataKeyError extends Error {
  constructor(options?: ErrorOptions) {
    super(`Template data must not set "${HTML_DATA_KEY}": the sender fills it with the HTML-escaped copy`, options);
    this.name = 'ReservedTemplateDataKeyError';
  }
}

/** The TemplateData SES receives: the caller's values, plus their HTML-escaped copy for the HtmlPart. */
const toTemplateData = (data: Readonly<Record<string, unknown>>): Record<string, unknown> => {
  if (Object.hasOwn(data, HTML_DATA_KEY)) throw new ReservedTemplateDataKeyError();
  return { ...data, [HTML_DATA_KEY]: escapeDeep(data) };
};

export { HTML_DATA_KEY, ReservedTemplateDataKeyError, escapeHtml, toTemplateData };
