// Staff set up a network in a browser (issue 8): choose network.yaml, the standards CSV and the
// reviewer pool, see every problem of every file at once at its line, try the mistakes a busy
// person makes (the wrong file, an empty one, saving twice), see the trial timetable before
// anything is saved, save, and reload a network whose running cycle keeps its version.
// Debian's chromium via playwright-core; axe-core at WCAG 2.2 AA on every state; a screenshot to docs/.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../support/local-app.ts';
import type { TestApp } from '../support/local-app.ts';
import { callApiAs } from '../support/operations.ts';
import { axeViolations, buildWebForTest, launchChromium, screenshot, signInAs } from './support/browser.ts';

const EXAMPLE = 'ccqi-accreditation-example';
const exampleFile = (name: string) => readFileSync(fileURLToPath(new URL(`../../examples/networks/${EXAMPLE}/${name}`, import.meta.url)), 'utf8');
const exampleYaml = exampleFile('network.yaml');
const exampleCsv = exampleFile('standards.csv');
const exampleReviewers = exampleFile('reviewers.json');
/** A new network made from the example: another id and name. */
const NEW_ID = 'setup-test-network';
const newYaml = exampleYaml.replace(`id: ${EXAMPLE}`, `id: ${NEW_ID}`).replace(/^name: .*$/m, 'name: Set-up Test Network');

let env: TestApp;
let browser: Browser;
let baseUrl: string;

type FileSpec = { name: string; text: string };
const file = ({ name, text }: FileSpec) => ({ name, mimeType: 'text/plain', buffer: Buffer.from(text, 'utf8') });

const newPage = async (): Promise<{ context: BrowserContext; page: Page }> => {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  return { context, page: await context.newPage() };
};

const expectAccessible = async (page: Page, state: string) => {
  expect({ state, violations: await axeViolations(page) }).toEqual({ state, violations: [] });
};

const openSetup = async (page: Page) => {
  await signInAs(page, baseUrl, 'Network staff');
  await page.getByRole('link', { name: 'Set up a network' }).click();
  await page.getByRole('heading', { name: 'Set up a network' }).waitFor();
  await page.getByRole('table', { name: 'Networks loaded' }).waitFor();
};

const choose = async (page: Page, files: { network?: FileSpec; standards?: FileSpec; reviewers?: FileSpec }) => {
  if (files.network) await page.setInputFiles('#network-file', file(files.network));
  if (files.standards) await page.setInputFiles('#standards-file', file(files.standards));
  if (files.reviewers) await page.setInputFiles('#reviewers-file', file(files.reviewers));
};

const fillStartDate = async (page: Page, day: string, month: string, year: string) => {
  await page.getByLabel('Day').fill(day);
  await page.getByLabel('Month').fill(month);
  await page.getByLabel('Year').fill(year);
};

const summaryItems = async (page: Page): Promise<string[]> => {
  const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
  await summary.waitFor();
  return summary.locator('li').allInnerTexts();
};

const networkOf = async (networkId: string) => callApiAs<{ configVersion: number; config: { reminders: { beforeWorkingDays: number[] } } }>(env.app, 'staff', 'GET', `/networks/${networkId}`);

describe('Browser: staff set up a network from files', { timeout: 240_000 }, () => {
  beforeAll(async () => {
    await buildWebForTest();
    env = await startTestApp();
    baseUrl = env.app.urls.api;
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await env?.stop();
  });

  it('shows every problem of both files at once, each at its line, and links each to its file field', async () => {
    // Prepare: a threshold over 100 in network.yaml, a standard of type 7 in the CSV
    const { context, page } = await newPage();
    const brokenYaml = newYaml.replace('thresholds: { type1: 100, type2: 80, type3: 60 }', 'thresholds: { type1: 100, type2: 180, type3: 60 }');
    const thresholdsLine = brokenYaml.split('\n').findIndex((line) => line.startsWith('thresholds:')) + 1;
    const csvLines = exampleCsv.split('\n');
    csvLines[2] = csvLines[2]!.replace(/^([^,]+,[^,]+),1,/, '$1,7,');
    await openSetup(page);
    await expectAccessible(page, 'set-up page');

    // Act
    await choose(page, { network: { name: 'network.yaml', text: brokenYaml }, standards: { name: 'standards.csv', text: csvLines.join('\n') } });
    await page.getByRole('button', { name: 'Check the files' }).click();
    const items = await summaryItems(page);
    await expectAccessible(page, 'set-up page with file errors');
    await screenshot(page, 'network-setup-errors.png');
    await page.getByRole('link', { name: new RegExp(`network.yaml, line ${thresholdsLine}`) }).click();

    // Assess
    expect(items).toEqual(
      expect.arrayContaining([expect.stringMatching(new RegExp(`^network\\.yaml, line ${thresholdsLine}, column \\d+, thresholds\\.type2: `)), expect.stringMatching(/^standards\.csv, row 2, line 3, /)]),
    );
    await expect(page.evaluate('document.activeElement.id')).resolves.toBe('network-file');
    await expect(page.locator('#network-file-error').innerText()).resolves.toContain(`line ${thresholdsLine}`);
    await expect(page.locator('#standards-file-error').innerText()).resolves.toContain('row 2');
    expect((await networkOf(NEW_ID)).status).toBe(404);
    await context.close();
  });

  it('names the field for the wrong file, an empty file and a file left out', async () => {
    // Prepare
    const { context, page } = await newPage();
    await openSetup(page);

    // Act: the standards chosen as the configuration, an empty CSV, and no files at all
    await choose(page, { network: { name: 'standards.csv', text: exampleCsv }, standards: { name: 'standards.csv', text: '  \n' } });
    await page.getByRole('button', { name: 'Check the files' }).click();
    const mistakes = await summaryItems(page);
    await expectAccessible(page, 'wrong and empty files');
    const { context: second, page: fresh } = await newPage();
    await openSetup(fresh);
    await fresh.getByRole('button', { name: 'Check the files' }).click();
    const nothingChosen = await summaryItems(fresh);

    // Assess
    expect(mistakes).toEqual([
      'standards.csv is not the network configuration: choose a .yaml or .json file (network.yaml)',
      'standards.csv is empty: choose the file with the standards in it',
    ]);
    expect(nothingChosen).toEqual(['Choose the network configuration file (network.yaml)', 'Choose the standards file (a CSV file)']);
    await context.close();
    await second.close();
  });

  it('shows the trial timetable before saving, saves once when Save is pressed twice, and a reload keeps the running cycle on its version', async () => {
    // Prepare: a running cycle on the example network (version 1)
    const { context, page } = await newPage();
    const enrolled = await callApiAs(env.app, 'staff', 'POST', '/services', {
      serviceId: 'cedar-ward', name: 'Cedar Ward', organisationId: 'cedar-trust', networkId: EXAMPLE, membershipType: 'accreditation', leadEmail: 'lead@cedar-ward.example.org',
    });
    expect(enrolled.status).toBe(201);
    expect((await callApiAs(env.app, 'staff', 'POST', '/cycles', { serviceId: 'cedar-ward', cohortId: 'setup-test' })).status).toBe(202);
    await openSetup(page);

    // Act: a new network, checked with a start date, then Save pressed twice
    await choose(page, { network: { name: 'network.yaml', text: newYaml }, standards: { name: 'standards.csv', text: exampleCsv }, reviewers: { name: 'reviewers.json', text: exampleReviewers } });
    await fillStartDate(page, '3', '2', '2025');
    await page.getByRole('button', { name: 'Check the files' }).click();
    await page.getByRole('heading', { name: 'Check the network before you save it' }).waitFor();
    const checkText = await page.locator('main').innerText();
    const versionBeforeSave = (await networkOf(NEW_ID)).status;
    await expectAccessible(page, 'trial timetable');
    await screenshot(page, 'network-setup.png');
    const saves: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'PUT' && request.postDataJSON()?.dryRun === false) saves.push(request.url());
    });
    await page.getByRole('button', { name: 'Save the network' }).dblclick();
    await page.getByText('Set-up Test Network is loaded: version 1').waitFor();
    await expectAccessible(page, 'network saved');
    const savedTwice = await networkOf(NEW_ID);
    // Act: the example network reloaded with other reminder days
    await page.getByRole('button', { name: 'Load another network' }).click();
    await choose(page, { network: { name: 'network.yaml', text: exampleYaml.replace('beforeWorkingDays: [28, 14, 7, 1]', 'beforeWorkingDays: [20, 10, 5, 1]') }, standards: { name: 'standards.csv', text: exampleCsv } });
    await page.getByRole('button', { name: 'Check the files' }).click();
    await page.getByRole('heading', { name: 'Check the network before you save it' }).waitFor();
    const reloadText = await page.locator('main').innerText();
    await page.getByRole('button', { name: 'Save the network' }).click();
    await page.getByText(/is loaded: version 2/).waitFor();
    await page.getByRole('table', { name: 'Networks loaded' }).getByText('Version 2', { exact: true }).waitFor();
    const versionsTable = await page.getByRole('table', { name: 'Networks loaded' }).innerText();
    const reloaded = await networkOf(EXAMPLE);

    // Assess
    expect(versionBeforeSave).toBe(404);
    expect(checkText).toContain('Trial timetable: accreditation cycle starting 3 February 2025');
    expect(checkText).toContain('Trial timetable: developmental cycle starting 3 February 2025');
    expect(checkText).toContain('Not loaded yet: saving makes version 1.');
    expect(checkText).toMatch(/\d+ reviewers, replacing the pool/);
    expect(saves.filter((url) => url.endsWith(`/networks/${NEW_ID}`))).toHaveLength(1);
    expect(savedTwice).toMatchObject({ status: 200, body: { configVersion: 1 } });
    await expect(page.getByRole('alert').filter({ hasText: 'There is a problem' }).count()).resolves.toBe(0);
    expect(reloadText).toContain('Version 1 is in use. Saving makes version 2 for new cycles');
    expect(reloadText).toContain('version 1: 1 running cycle');
    expect(reloaded.body.configVersion).toBe(2);
    expect(reloaded.body.config.reminders.beforeWorkingDays).toEqual([20, 10, 5, 1]);
    expect(versionsTable).toMatch(/Version 2[\s\S]*Version 1: 1 running cycle/);
    await context.close();
  });
});
