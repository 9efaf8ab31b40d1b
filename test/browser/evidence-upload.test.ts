// Evidence files in the browser (issue 9, "one file is uploaded and downloaded back byte for byte"):
// on a self-review section the service uploads a file for a standard, sees it listed and saved,
// downloads it and gets the same bytes; a type not on the list is refused in the API's words with
// the error summary; the file stays after a reload and can be removed. axe-core at WCAG 2.2 AA on
// every state.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrolAndStart, loadNetwork, waitForTask } from '../support/cycle-walk.ts';
import { startTestApp } from '../support/local-app.ts';
import type { TestApp } from '../support/local-app.ts';
import { callApiAs } from '../support/operations.ts';
import { axeViolations, buildWebForTest, launchChromium, signInAs } from './support/browser.ts';

let env: TestApp;
let browser: Browser;
let baseUrl: string;
let cycleId: string;

const SERVICE = 'Service user at org-svc-files';
/** The README's picture of one standard with a file uploaded (the card alone: the whole section is five screens tall). */
const docsDir = fileURLToPath(new URL('../../docs/', import.meta.url));

const expectAccessible = async (page: Page, state: string) => {
  expect({ state, violations: await axeViolations(page) }).toEqual({ state, violations: [] });
};

const card = (page: Page, standardId: string) => page.locator('.app-standard').filter({ has: page.getByRole('heading', { name: new RegExp(`^${standardId.replace('.', '\\.')}\\b`) }) });

const openSection = async (page: Page) => {
  await page.goto(`${baseUrl}/cycles/${cycleId}/self-review/sections/1`);
  await page.getByRole('heading', { name: 'Admission and assessment' }).waitFor();
};

interface SavedEvidence {
  sections: { standards: { id: string; answer?: { evidence?: { kind?: string; name?: string; size?: number }[] } }[] }[];
}

const savedFilesOf = async (standardId: string) => {
  const view = await callApiAs<SavedEvidence>(env.app, 'staff', 'GET', `/cycles/${cycleId}/self-review`);
  const standard = view.body.sections.flatMap((section) => section.standards).find((candidate) => candidate.id === standardId);
  return (standard?.answer?.evidence ?? []).filter((entry) => entry.kind === 'file').map((entry) => ({ name: entry.name, size: entry.size }));
};

describe('Browser: evidence files on the self-review', { timeout: 300_000 }, () => {
  beforeAll(async () => {
    await buildWebForTest();
    env = await startTestApp();
    baseUrl = env.app.urls.api;
    await loadNetwork(env);
    ({ cycleId } = await enrolAndStart(env, 'svc-files', 'files', { organisationId: 'org-svc-files' }));
    await waitForTask(env, cycleId, 'self-review');
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await env?.stop();
  });

  it('uploads a file, downloads it back byte for byte, refuses a type not on the list, keeps the file after a reload and removes it', async () => {
    // Prepare
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    await signInAs(page, baseUrl, SERVICE);
    const bytes = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(200 * 1024)]);
    await openSection(page);
    await expectAccessible(page, 'section, no file');
    const upload = page.getByLabel('Upload a file for standard 1.1');

    // Act: upload
    await upload.setInputFiles({ name: 'ward-audit-march.pdf', mimeType: 'application/pdf', buffer: bytes });
    await card(page, '1.1').locator('.app-upload-status').filter({ hasText: 'ward-audit-march.pdf uploaded' }).waitFor();
    await card(page, '1.1').getByRole('status').filter({ hasText: /^Saved at \d\d:\d\d by/ }).waitFor();
    const listed = await card(page, '1.1').locator('.app-evidence-file').innerText();
    await expectAccessible(page, 'section, a file uploaded');
    await card(page, '1.1').screenshot({ path: join(docsDir, 'evidence-upload.png') });
    // Act: download
    const [download] = await Promise.all([page.waitForEvent('download'), card(page, '1.1').getByRole('button', { name: 'Download ward-audit-march.pdf' }).click()]);
    const downloaded = await readFile(await download.path());
    // Act: a type not on the list
    await page.getByLabel('Upload a file for standard 1.2').setInputFiles({ name: 'page.html', mimeType: 'text/html', buffer: Buffer.from('<script>alert(1)</script>') });
    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    await summary.waitFor();
    const refusal = await summary.locator('li').allInnerTexts();
    await expectAccessible(page, 'section, a file type refused');
    // Act: reload, then remove
    await openSection(page);
    const afterReload = await card(page, '1.1').locator('.app-evidence-file').count();
    const savedBeforeRemove = await savedFilesOf('1.1');
    await card(page, '1.1').getByRole('button', { name: 'Remove ward-audit-march.pdf from standard 1.1' }).click();
    await card(page, '1.1').locator('.app-evidence-file').waitFor({ state: 'detached' });
    await card(page, '1.1').getByRole('status').filter({ hasText: /^Saved at/ }).waitFor();
    await expect.poll(() => savedFilesOf('1.1')).toEqual([]);
    await expectAccessible(page, 'section, the file removed');

    // Assess
    expect(listed).toContain('ward-audit-march.pdf');
    expect(listed).toMatch(/PDF, 200 KB/);
    expect(download.suggestedFilename()).toBe('ward-audit-march.pdf');
    expect(downloaded.equals(bytes)).toBe(true);
    expect(refusal).toEqual([expect.stringMatching(/text\/html is not an allowed type: upload a PDF, Word, Excel, PowerPoint, PNG, JPEG, plain text, CSV file/)]);
    expect(afterReload).toBe(1);
    expect(savedBeforeRemove).toEqual([{ name: 'ward-audit-march.pdf', size: bytes.length }]);
    await context.close();
  });
});
