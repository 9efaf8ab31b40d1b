// After the review, in a browser (issue 13): the service defines a measure, imports a CSV with
// mistakes (each line in the error summary), then 24 monthly points, and sees a shift flagged on the
// run chart and a special-cause icon on the SPC chart. Staff open the cohort's network report and
// download its CSV (which parses) and its PDF (the print stylesheet, printed by chromium). axe-core
// at WCAG 2.2 AA on every state; screenshots for the README.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { parse } from 'csv-parse/sync';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NETWORK, enrolAndStart, loadNetwork, standardIds, submit, today, waitForTask, walkToCommittee } from '../support/cycle-walk.ts';
import { addWorkingDays } from '#core/calendar';
import { startOfUkDay } from '#core/uk-time';
import { callApiAs, runSweep } from '../support/operations.ts';
import { callApi, startTestApp, waitFor } from '../support/local-app.ts';
import type { TestApp } from '../support/local-app.ts';
import { AxeBuilder } from '@axe-core/playwright';
import { WCAG_22_AA, axeViolations, buildWebForTest, launchChromium, screenshot, signInAs } from './support/browser.ts';

let env: TestApp;
let browser: Browser;
let baseUrl: string;
let cycleId: string;

const docs = (name: string) => fileURLToPath(new URL(`../../docs/${name}`, import.meta.url));

/**
 * axe on the email itself: the body of the inbox's preview frame (a frame path), not the emulator's own
 * page around it (whose preview iframe has no title: `frame-title`, the emulator's, not ours).
 */
const emailViolations = async (page: Page) => {
  const { violations } = await new AxeBuilder({ page }).include(['.email iframe', 'body']).withTags(WCAG_22_AA).analyze();
  return violations.map((violation) => ({ id: violation.id, nodes: violation.nodes.map((node) => node.target.join(' ')) }));
};

const expectAccessible = async (page: Page, state: string) => {
  expect({ state, violations: await axeViolations(page) }).toEqual({ state, violations: [] });
};

const decideCycle = async (serviceId: string, notMet: string[], outcome: string) => {
  const started = await enrolAndStart(env, serviceId, 'qi');
  await walkToCommittee(env, started.cycleId, { notMet });
  await waitForTask(env, started.cycleId, 'committee-decision');
  expect((await submit(env, started.cycleId, 'committee-decision', { decidedBy: 'Committee chair', outcome, reason: 'As recommended' })).status).toBe(202);
  await waitFor(`the decision of ${started.cycleId}`, async () => ((await callApi<{ cycle: { decision?: string } }>(env.app, 'GET', `/cycles/${started.cycleId}`)).body.cycle?.decision === outcome ? true : undefined));
  return started.cycleId;
};

/** The link texts of the cycle page's "After the review" list, in order. */
const afterTheReviewLinks = async (page: Page): Promise<string[]> =>
  page.locator('h2:has-text("After the review") + ul a').allTextContents();

/** The scheduled time the daily schedule gives the sweep on a UK day (07:00 London). */
const sweepTimeOn = (date: string) => new Date(Date.parse(startOfUkDay(date)) + 7 * 3_600_000).toISOString();

/** 24 months: a year around 60% of care plans reviewed in time, then a year around 80% after the change. */
const MONTHLY_CSV = [
  'date,numerator,denominator',
  ...[30, 28, 32, 29, 31, 30, 27, 33, 30, 29, 31, 30, 40, 41, 39, 42, 40, 38, 41, 40, 42, 39, 41, 40].map(
    (numerator, index) => `${2024 + Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01,${numerator},50`,
  ),
].join('\n');

describe('Browser: measures with run and SPC charts, and the network report', { timeout: 400_000 }, () => {
  beforeAll(async () => {
    await buildWebForTest();
    env = await startTestApp();
    baseUrl = env.app.urls.api;
    await loadNetwork(env);
    cycleId = await decideCycle('svc-qi-ward', [], 'accredited');
    await decideCycle('svc-qi-other', ['1.1'], 'not-accredited');
    browser = await launchChromium();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await env?.stop();
  });

  it('defines a measure, shows CSV mistakes by line, imports 24 months and flags the shift and the special cause', async () => {
    // Prepare
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    const page = await context.newPage();
    await signInAs(page, baseUrl, 'Service user at org-svc-qi-ward');

    // Act: from the cycle page, define the measure
    await page.goto(`${baseUrl}/cycles/${cycleId}`);
    await page.getByRole('heading', { name: 'After the review' }).waitFor();
    await page.getByRole('link', { name: 'Define a new measure' }).waitFor();
    await expectAccessible(page, 'cycle page, after the review (service)');
    const serviceLinks = await afterTheReviewLinks(page);
    await page.getByRole('link', { name: 'Define a new measure' }).click();
    await page.getByRole('heading', { name: 'A new measure' }).waitFor();
    await expectAccessible(page, 'new measure form');
    await page.getByLabel('Name').fill('Care plans reviewed within 7 days');
    await page.getByLabel('Definition').fill('Patients discharged whose care plan was reviewed within 7 days, over all discharged');
    await page.getByLabel('Numerator (what is counted)').fill('Care plans reviewed within 7 days');
    await page.getByLabel('Denominator (out of what)').fill('Patients discharged');
    await page.getByLabel('Target (optional)').fill('90');
    await page.getByRole('button', { name: 'Save the measure' }).click();
    await page.getByText('No data yet').waitFor();

    // Act: a CSV with mistakes, then the real one
    await page.getByLabel('Or paste the CSV').fill('date,numerator,denominator\n2024-01-01,30,50\n2024-13-01,30,50\n2024-03-01,60,50\n');
    await page.getByRole('button', { name: 'Import the data' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    await summary.waitFor();
    const problems = await summary.getByRole('listitem').allTextContents();
    await expectAccessible(page, 'CSV mistakes in the error summary');
    await page.getByLabel('Or paste the CSV').fill(MONTHLY_CSV);
    await page.getByRole('button', { name: 'Import the data' }).click();
    await page.getByText('The data is imported').waitFor();
    await expectAccessible(page, 'charts drawn');
    const run = page.locator('figure', { hasText: 'Run chart' });
    const spc = page.locator('figure', { hasText: 'SPC chart (XmR)' });
    await run.screenshot({ path: docs('run-chart.png') });
    await spc.screenshot({ path: docs('spc-chart.png') });

    // Assess
    expect(problems).toEqual([expect.stringMatching(/^Line 3, date: A date is written YYYY-MM-DD/), expect.stringMatching(/^Line 4, numerator: More than the denominator/)]);
    expect(await run.locator('svg [data-mark="square"]').count()).toBeGreaterThanOrEqual(6 + 1); // the shift's points and the legend's square
    expect(await run.textContent()).toContain('Shift: 12 points above the median');
    await expect(spc.locator('svg [data-icon="variation"]').getAttribute('data-name')).resolves.toBe('improvement-high');
    expect(await spc.textContent()).toContain('Special cause of improving nature, high');
    expect(await spc.getByRole('img').getAttribute('aria-labelledby')).toBeTruthy();
    expect(serviceLinks).toEqual([
      'The action plan made from this review',
      'Define a new measure',
      'The network report of cohort qi',
      'Share this review’s good practice with the network',
      'The network’s good-practice library',
    ]);
    // The measure is listed on the cycle page from now on.
    await page.goto(`${baseUrl}/cycles/${cycleId}`);
    await page.getByRole('link', { name: 'Measure: Care plans reviewed within 7 days' }).click();
    await page.getByRole('heading', { name: 'Care plans reviewed within 7 days' }).waitFor();
    await context.close();
  });

  it('lets staff open the network report and download its CSV and PDF', async () => {
    // Prepare
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    await signInAs(page, baseUrl, 'Network staff');
    // window.print() opens the print dialog; here it only records that the button asked for it.
    await page.addInitScript(() => {
      const scope = globalThis as unknown as { printed: number; print: () => void };
      scope.printed = 0;
      scope.print = () => {
        scope.printed += 1;
      };
    });

    // Act: the header's network overview, then its link to the cohort's report
    await page.goto(`${baseUrl}/`);
    await page.getByRole('link', { name: 'Network overview' }).click();
    await page.goto(`${baseUrl}/overview?network=${NETWORK}&cohort=qi`);
    await page.getByRole('heading', { name: 'After the reviews' }).waitFor();
    await expectAccessible(page, 'network overview with its links');
    await page.getByRole('link', { name: 'The network report of cohort qi' }).click();
    await page.getByRole('heading', { name: 'Each standard' }).waitFor();
    await expectAccessible(page, 'network report');
    await screenshot(page, 'network-report.png');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
    const rows = parse(await readFile((await download.path()) as string, 'utf8'), { columns: true }) as Record<string, string>[];
    await page.getByRole('button', { name: 'Download PDF' }).click();
    const printed = await page.evaluate(() => (globalThis as unknown as { printed: number }).printed);
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ format: 'A4' });
    const buttonsWhenPrinted = await page.getByRole('button', { name: 'Download CSV' }).isVisible();

    // Assess
    expect(await page.getByRole('row').filter({ hasText: 'Service svc-qi-ward' }).count()).toBe(1);
    expect(rows).toHaveLength(standardIds.length);
    expect(rows.find((row) => row.standard === '1.1')).toMatchObject({ met: '1', 'not met': '1', 'percentage met': '50' });
    expect(printed).toBe(1);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(5_000);
    expect(buttonsWhenPrinted).toBe(false);
    await context.close();
  });

  it('lets the service share its good practice and anyone find it by standard in the library', async () => {
    // Prepare: the review team's comment on 1.1, as its submission carries it (the walk submits ratings only).
    await env.table.send(
      new UpdateCommand({
        TableName: env.app.tableName,
        Key: { pk: `CYCLE#${cycleId}`, sk: 'TASK#peer-ratings' },
        UpdateExpression: 'SET submission.ratings[0].#comment = :comment',
        ExpressionAttributeNames: { '#comment': 'comment' },
        ExpressionAttributeValues: { ':comment': 'Risk assessments are audited monthly with the patients' },
      }),
    );
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    const page = await context.newPage();
    await signInAs(page, baseUrl, 'Service user at org-svc-qi-ward');

    // Act: share, then search, each reached from the cycle page
    await page.goto(`${baseUrl}/cycles/${cycleId}`);
    await page.getByRole('link', { name: 'Share this review’s good practice with the network' }).click();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('alert').filter({ hasText: 'There is a problem' }).waitFor();
    await expectAccessible(page, 'sharing: nothing chosen');
    await page.getByLabel('Yes, share it').check();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Your review’s good practice is shared with the network').waitFor();
    await expectAccessible(page, 'sharing: saved');
    await page.goto(`${baseUrl}/cycles/${cycleId}`);
    await page.getByRole('link', { name: 'The network’s good-practice library' }).click();
    await page.getByLabel('Standard').fill('1.1');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('heading', { name: /^1 example$/ }).waitFor();
    await expectAccessible(page, 'library: search by standard');

    // Assess
    expect(page.url()).toContain('standardId=1.1');
    expect(await page.locator('.nhsuk-card').first().textContent()).toContain('Risk assessments are audited monthly with the patients');
    await context.close();
  });

  it('sends the overdue-action reminder with the measure’s charts, shown inline in the SES emulator’s inbox', async () => {
    // Prepare: an action due in three working days, followed by a measure with 24 months of data.
    const service = 'service:org-svc-qi-ward';
    const dueOn = addWorkingDays(today(env), 3);
    const added = await callApiAs<{ action: { actionId: string } }>(env.app, service, 'POST', `/cycles/${cycleId}/action-plan/actions`, { title: 'Review every care plan within 7 days', owner: 'Ward manager', dueOn, standardIds: ['1.1'], addedBy: 'Asha Patel' });
    expect(added.status).toBe(201);
    const definition = { name: 'Care plans audited', definition: 'Care plans audited in the month', kind: 'proportion', numerator: 'Care plans audited', denominator: 'Care plans', improvement: 'increase', target: 80, actionId: added.body.action.actionId };
    expect((await callApiAs(env.app, service, 'PUT', `/cycles/${cycleId}/measures/audits`, definition)).status).toBe(201);
    expect((await callApiAs(env.app, service, 'POST', `/cycles/${cycleId}/measures/audits/points`, { csv: MONTHLY_CSV })).status).toBe(200);
    // Act: the daily sweep on the working day before the due date.
    await runSweep(sweepTimeOn(addWorkingDays(dueOn, -1)));
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    const page = await context.newPage();
    await page.goto(env.app.urls.sesInbox);
    const email = page.locator('.email', { hasText: 'Reminder: action “Review every care plan within 7 days”' });
    await email.getByRole('button', { name: 'Toggle HTML view' }).click();
    const frame = email.frameLocator('iframe');
    const chart = frame.getByRole('img', { name: /^SPC chart of Care plans audited\./ });
    await chart.waitFor();
    // The PNG decoded (a broken cid: reference would leave the image 0 × 0).
    await expect.poll(() => chart.evaluate((image) => (image as unknown as { naturalWidth: number }).naturalWidth)).toBeGreaterThan(0);
    const drawn = await chart.evaluate((image) => ({ width: (image as unknown as { naturalWidth: number }).naturalWidth, height: (image as unknown as { naturalHeight: number }).naturalHeight }));
    const alt = await chart.getAttribute('alt');
    const text = await frame.locator('body').textContent();
    await email.locator('iframe').evaluate((element) => {
      const iframe = element as unknown as { style: { height: string }; contentDocument: { documentElement: { scrollHeight: number } } };
      iframe.style.height = `${iframe.contentDocument.documentElement.scrollHeight + 20}px`;
    });
    await email.locator('iframe').screenshot({ path: docs('action-reminder-email.png') });
    const violations = await emailViolations(page);
    // Assess
    expect(drawn).toEqual({ width: 720, height: 360 });
    expect(alt).toContain('Special cause of improving nature, high');
    expect(text).toContain('Review every care plan within 7 days');
    expect(text).toContain('Ward manager');
    expect(text).toContain(dueOn);
    expect(text).toMatch(/Standard 1\.1 \(Type \d\)/);
    expect(await frame.getByRole('link', { name: 'Open the action' }).getAttribute('href')).toBe(`${baseUrl}/cycles/${cycleId}/action-plan/actions/${added.body.action.actionId}`);
    expect(violations).toEqual([]);
    await context.close();

    // Act: the email's link, signed in as the service, leads to the action and on to its measure.
    const signedIn = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    const actionPage = await signedIn.newPage();
    await signInAs(actionPage, baseUrl, 'Service user at org-svc-qi-ward');
    await actionPage.goto(`${baseUrl}/cycles/${cycleId}/action-plan/actions/${added.body.action.actionId}`);
    await actionPage.getByRole('link', { name: 'Care plans audited' }).waitFor();
    await expectAccessible(actionPage, 'action page with its measure');
    await actionPage.getByRole('link', { name: 'Care plans audited' }).click();
    await actionPage.getByRole('heading', { name: 'Care plans audited' }).waitFor();
    await signedIn.close();
  });

  it('shows staff every link after the review, each measure listed', async () => {
    // Prepare
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    const page = await context.newPage();
    await signInAs(page, baseUrl, 'Network staff');
    // Act
    await page.goto(`${baseUrl}/cycles/${cycleId}`);
    await page.getByRole('link', { name: /^Measure: / }).first().waitFor();
    await expectAccessible(page, 'cycle page, after the review (staff)');
    const staffLinks = await afterTheReviewLinks(page);
    // Assess
    expect(staffLinks).toEqual([
      'The action plan made from this review',
      'Measure: Care plans audited',
      'Measure: Care plans reviewed within 7 days',
      'Define a new measure',
      'The network report of cohort qi',
      'Share this review’s good practice with the network',
      'The network’s good-practice library',
    ]);
    await context.close();
  });
});
