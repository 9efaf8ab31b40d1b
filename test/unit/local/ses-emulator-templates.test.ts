// The SES emulator compiles each stored template once (local/ses-emulator.ts caches the emulator's
// Handlebars compilation): every send still renders its own data, an updated template renders
// its new text, and a template with a missing variable renders it empty, as SES does.
import { CreateEmailTemplateCommand, SESv2Client, SendEmailCommand, UpdateEmailTemplateCommand } from '@aws-sdk/client-sesv2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSesEmulator } from '../../../local/ses-emulator.ts';
import type { RunningSesEmulator } from '../../../local/ses-emulator.ts';

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
let emulator: RunningSesEmulator;
let client: SESv2Client;

const sendTemplated = (to: string, data: Record<string, string>) =>
  client.send(
    new SendEmailCommand({
      FromEmailAddress: 'reviews@network.example.org',
      Destination: { ToAddresses: [to] },
      Content: { Template: { TemplateName: 'cache-check', TemplateData: JSON.stringify(data) } },
    }),
  );

const lastEmail = async () => {
  const { emails } = (await (await fetch(`${emulator.endpoint}/store`)).json()) as { emails: { subject: string; body: { text: string; html: string } }[] };
  return emails[emails.length - 1];
};

describe('Local: SES emulator templates', () => {
  beforeAll(async () => {
    emulator = await startSesEmulator('127.0.0.1', 0);
    client = new SESv2Client({ endpoint: emulator.endpoint, region: 'us-east-1', credentials });
    await client.send(
      new CreateEmailTemplateCommand({
        TemplateName: 'cache-check',
        TemplateContent: { Subject: 'Visit for {{service}}', Text: 'Dear {{lead}}, your visit is on {{day}}.', Html: '<p>Dear {{lead}}</p>' },
      }),
    );
  });
  afterAll(async () => {
    client.destroy();
    await emulator.stop();
  });

  it('renders each send with its own data, and an updated template with its new text', async () => {
    // Act
    await sendTemplated('one@example.org', { service: 'Ward 1', lead: 'Ada', day: 'Monday' });
    const first = await lastEmail();
    await sendTemplated('two@example.org', { service: 'Ward 2', lead: 'Grace', day: 'Tuesday' });
    const second = await lastEmail();
    await client.send(
      new UpdateEmailTemplateCommand({ TemplateName: 'cache-check', TemplateContent: { Subject: 'Moved: {{service}}', Text: 'Now {{day}}.', Html: '<p>Now {{day}}</p>' } }),
    );
    await sendTemplated('three@example.org', { service: 'Ward 3', lead: 'Alan' });
    const updated = await lastEmail();

    // Assess
    expect([first.subject, first.body.text, first.body.html]).toEqual(['Visit for Ward 1', 'Dear Ada, your visit is on Monday.', '<p>Dear Ada</p>']);
    expect([second.subject, second.body.text]).toEqual(['Visit for Ward 2', 'Dear Grace, your visit is on Tuesday.']);
    // The missing `day` renders empty, as SES renders it.
    expect([updated.subject, updated.body.text]).toEqual(['Moved: Ward 3', 'Now .']);
  });
});
