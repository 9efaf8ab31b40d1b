// The SES emulator's web inbox shows an email's inline parts (issue 13: a chart sent as a cid: image),
// as a mail client does, while the store keeps the email exactly as SendEmail carried it.
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSesEmulator } from '../../../local/ses-emulator.ts';
import type { RunningSesEmulator } from '../../../local/ses-emulator.ts';

let emulator: RunningSesEmulator;

describe('Local: SES emulator inbox with inline parts', () => {
  beforeAll(async () => {
    emulator = await startSesEmulator('127.0.0.1', 0);
  });

  afterAll(async () => {
    await emulator?.stop();
  });

  it('serves the inbox page with cid: references resolved to the stored part, and the store unchanged', async () => {
    // Prepare
    const client = new SESv2Client({ endpoint: emulator.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    const png = new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10]);
    await client.send(
      new SendEmailCommand({
        FromEmailAddress: 'reviews@network.example.org',
        Destination: { ToAddresses: ['lead@service.example.org'] },
        Content: {
          Simple: {
            Subject: { Data: 'A chart' },
            Body: { Html: { Data: '<p><img src="cid:spc-chart@x" alt="SPC chart"></p>' } },
            Attachments: [{ FileName: 'x.png', ContentType: 'image/png', ContentDisposition: 'INLINE', ContentId: 'spc-chart@x', ContentTransferEncoding: 'BASE64', RawContent: png }],
          },
        },
      }),
    );
    client.destroy();
    // Act
    const page = await (await fetch(`${emulator.endpoint}/`)).text();
    const store = (await (await fetch(`${emulator.endpoint}/store`)).json()) as { emails: { body: { html: string }; attachments: { contentId?: string; content: string }[] }[] };
    // Assess
    expect(page).toContain("cid:([^\"']+)");
    expect(page).not.toContain('iframeDoc.body.innerHTML = e.body.html;');
    expect(store.emails[0].body.html).toContain('src="cid:spc-chart@x"');
    expect(store.emails[0].attachments).toEqual([expect.objectContaining({ contentId: 'spc-chart@x', content: Buffer.from(png).toString('base64') })]);
  });
});
