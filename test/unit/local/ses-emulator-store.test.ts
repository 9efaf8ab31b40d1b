// The SES emulator's inbox kept in a JSON-lines file (issue 12): what was sent before a restart
// (or a SIGKILL) is still in the store after it, so emails can be counted across crashes.
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { afterAll, describe, expect, it } from 'vitest';
import { startSesEmulator } from '../../../local/ses-emulator.ts';
import type { RunningSesEmulator } from '../../../local/ses-emulator.ts';

const dir = mkdtempSync(join(tmpdir(), 'ses-store-'));
const file = join(dir, 'ses', 'emails.jsonl');
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };

const send = async (emulator: RunningSesEmulator, to: string, subject: string) => {
  const client = new SESv2Client({ endpoint: emulator.endpoint, region: 'us-east-1', credentials });
  await client.send(
    new SendEmailCommand({
      FromEmailAddress: 'reviews@network.example.org',
      Destination: { ToAddresses: [to] },
      Content: { Simple: { Subject: { Data: subject }, Body: { Text: { Data: `About ${subject}` } } } },
    }),
  );
  client.destroy();
};

const stored = async (emulator: RunningSesEmulator) =>
  ((await (await fetch(`${emulator.endpoint}/store`)).json()) as { emails: { subject: string; destination: { to: string[] } }[] }).emails;

describe('Local: SES emulator store file', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps every email sent across a restart, and leaves out a line torn by a crash', async () => {
    // Prepare
    const first = await startSesEmulator('127.0.0.1', 0, { storeFile: file });
    await send(first, 'lead@one.example.org', 'Self-review open');
    await send(first, 'lead@two.example.org', 'Dates wanted');
    await first.stop();
    appendFileSync(file, '{"messageId":"torn-by-a-cr');

    // Act
    const second = await startSesEmulator('127.0.0.1', 0, { storeFile: file });
    const afterRestart = await stored(second);
    await send(second, 'lead@three.example.org', 'Peer ratings due');
    const afterThird = await stored(second);
    await second.stop();

    // Assess
    expect(afterRestart.map((email) => [email.destination.to, email.subject])).toEqual([
      [['lead@one.example.org'], 'Self-review open'],
      [['lead@two.example.org'], 'Dates wanted'],
    ]);
    expect(afterThird.map((email) => email.subject)).toEqual(['Self-review open', 'Dates wanted', 'Peer ratings due']);
    expect(readFileSync(file, 'utf8')).toContain('Peer ratings due');
  });

  it('keeps emails in memory only when no file is given', async () => {
    // Act
    const emulator = await startSesEmulator('127.0.0.1', 0);
    await send(emulator, 'lead@four.example.org', 'In memory');
    await emulator.stop();

    // Assess: nothing more was written to the last file.
    expect(readFileSync(file, 'utf8')).not.toContain('In memory');
  });
});
