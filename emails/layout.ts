// The HTML frame every email is sent in: a simple NHS-style layout (blue header band, white panel,
// Arial, NHS.UK colours) built the way Outlook's Word engine renders reliably: nested tables,
// inline styles only (no <style>, no external CSS, no classes), a 600-pixel panel. Each template's
// HtmlPart is only the message body; the styles are put on its plain tags here, so a template
// stays readable and cannot drift from the layout.

/** NHS.UK frontend colours (nhsuk-frontend settings/_colours.scss). */
const Colour = {
  blue: '#005eb8',
  text: '#212b32',
  secondaryText: '#4c6272',
  border: '#d8dde0',
  background: '#f0f4f5',
  white: '#ffffff',
} as const;

const FONT = 'font-family:Arial,Helvetica,sans-serif;';

/** Inline styles for the plain tags a template body uses. */
const TAG_STYLES: Readonly<Record<string, string>> = {
  h1: `${FONT}margin:0 0 16px;font-size:24px;line-height:32px;font-weight:bold;color:${Colour.text};`,
  h2: `${FONT}margin:24px 0 8px;font-size:19px;line-height:28px;font-weight:bold;color:${Colour.text};`,
  p: `${FONT}margin:0 0 16px;font-size:16px;line-height:24px;color:${Colour.text};`,
  ul: `${FONT}margin:0 0 16px;padding-left:20px;font-size:16px;line-height:24px;color:${Colour.text};`,
  li: `${FONT}margin:0 0 4px;`,
  table: `${FONT}border-collapse:collapse;width:100%;margin:0 0 16px;font-size:16px;line-height:24px;color:${Colour.text};`,
  th: `${FONT}text-align:left;padding:8px;border-bottom:2px solid ${Colour.border};`,
  td: `${FONT}text-align:left;padding:8px;border-bottom:1px solid ${Colour.border};vertical-align:top;`,
  a: `color:${Colour.blue};text-decoration:underline;`,
  code: 'font-family:Consolas,Menlo,monospace;font-size:14px;',
  strong: 'font-weight:bold;',
};

/** `<p data-action><a href="…">Do it</a></p>`: the one thing to do, as a button (a table, so Outlook keeps its colour). */
const ACTION = /<p data-action><a href="([^"]*)">([\s\S]*?)<\/a><\/p>/g;
const actionButton = (href: string, label: string): string =>
  `<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="margin:0 0 16px;"><tr><td style="background:${Colour.blue};border-radius:4px;padding:12px 16px;">` +
  `<a href="${href}" style="${FONT}color:${Colour.white};font-size:16px;font-weight:bold;text-decoration:none;">${label}</a></td></tr></table>` +
  `<p style="${TAG_STYLES.p}font-size:14px;color:${Colour.secondaryText};">Or open this link: <a href="${href}" style="${TAG_STYLES.a}">${href}</a></p>`;

/** Styles each plain tag; a tag that has its own style (the action button) keeps it. */
const styleTags = (body: string): string =>
  body.replace(/<(h1|h2|p|ul|li|table|th|td|a|code|strong)(?=[\s>])(?![^>]*\bstyle=)/g, (tag, name: string) => `${tag} style="${TAG_STYLES[name]}"`);

/** The whole HTML document of an email around a template's body. Placeholders pass through untouched. */
const withLayout = (body: string): string =>
  '<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{{html.networkName}}</title></head>' +
  `<body style="margin:0;padding:0;background:${Colour.background};">` +
  `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:${Colour.background};"><tr><td align="center" style="padding:24px 8px;">` +
  `<table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0" style="width:600px;max-width:600px;background:${Colour.white};">` +
  `<tr><td style="background:${Colour.blue};padding:16px 24px;${FONT}font-size:19px;line-height:28px;font-weight:bold;color:${Colour.white};">{{html.networkName}}</td></tr>` +
  `<tr><td style="padding:24px;">${styleTags(body.replace(ACTION, (_match, href: string, label: string) => actionButton(href, label)))}</td></tr>` +
  `<tr><td style="padding:16px 24px;border-top:1px solid ${Colour.border};${FONT}font-size:14px;line-height:20px;color:${Colour.secondaryText};">` +
  'This email was sent by the review cycle service of {{html.networkName}}. Replies go to the network team.</td></tr>' +
  '</table></td></tr></table></body></html>';

export { withLayout };
