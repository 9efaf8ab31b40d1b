// The host service in a browser (issue 9): it opens its emailed link to offer visit dates, sees the
// visit window, makes two mistakes the page shows in the error summary in the API's words (a weekend
// date, then three dates on one weekday), finds its draft kept after a reload, checks and offers the
// dates. After the visit (walked through the API) it opens the draft report's emailed link, sees the
// deadline and the report by section, is told corrections are needed when it sends none, writes
// corrections for two sections, finds them kept after a reload, checks and sends them; the lead
// reviewer is emailed them and the report carries them. axe-core at WCAG 2.2 AA on every state.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptAll, advanceBeyond, enrolAndStart, loadNetwork, peerRatingsBody, selfReviewBody, submit, waitForTask } from '../support/cycle-walk.ts';
import { cycleItems, sesEmails, startTestApp, waitFor } from '../support/local-app.ts';
import type { TestApp } from '../support/local-app.ts';
import { axeViolations, buildWebForTest, emailedPath, launchChromium, screenshot, screenshotFrom, signInAs } from './support/browser.ts';

const SERVICE = 'Service user at org-hill';

// The test app's clock starts on Monday 6 January 2025 and stays there: these are days to come,
// none a bank holiday, well before the visit window ends (months after the self-review's deadline).
const MONDAY = { day: '3', month: '2', year: '2025' };
const SATURDAY = { day: '8', month: '2', year: '2025' };
const NEXT_MONDAY = { day: '10', month: '2', year: '2025' };
const MONDAY_AFTER = { day: '17', month: '2', year: '2025' };
const TUESDAY = { day: '4', month: '2', year: '2025' };

let env: TestApp;
let browser: Browser;
let baseUrl: string;
let cycleId: string;
let leadEmail: string;

const expectAccessible = async (page: Page, state: string) => {
  expect({ state, violations: await axeViolations(page) }).toEqual({ state, violations: [] });
};

const fillDate = async (page: Page, n: number, value: { day: string; month: string; year: string }) => {
  const group = page.getByRole('group', { name: `Date ${n}` });
  await group.getByLabel('Day').fill(value.day);
  await group.getByLabel('Month').fill(value.month);
  await group.getByLabel('Year').fill(value.year);
};

describe('Browser: the host offers dates and the service corrects the draft report', { timeout: 300_000 }, () => {
  beforeAll(async () => {
    await buildWebForTest();
    env = await startTestApp();
    baseUrl = env.app.urls.api;
    await loadNetwork(env);
    ({ cycleId, leadEmail } = await enrolAndStart(env, 'hill-ward', 'dates-fa', { organisationId: 'org-hill' }));
    await waitForTask(env, cycleId, 'self-review');
    expect((await submit(env, cycleId, 'self-review', selfReviewBody)).status).toBe(202);
    await waitForTask(env, cycleId, 'peer-review-scheduling');
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await env?.stop();
  });

  it('the host offers three dates: a weekend date and a single weekday shown in the error summary, the draft kept, checked and sent', async () => {
    // Prepare
    const page = await (await browser.newContext({ viewport: { width: 1100, height: 900 } })).newPage();
    await signInAs(page, baseUrl, SERVICE);
    const path = await emailedPath(env, leadEmail, '/tasks/peer-review-scheduling');

    // Act: the emailed link, then a weekend date
    await page.goto(`${baseUrl}${path}`);
    await page.getByRole('heading', { name: 'Offer dates for your peer-review visit' }).waitFor();
    const intro = await page.locator('.nhsuk-body-l').textContent();
    await expectAccessible(page, 'date offer, empty');
    await fillDate(page, 1, MONDAY);
    await fillDate(page, 2, SATURDAY);
    await fillDate(page, 3, NEXT_MONDAY);
    await page.getByLabel('Address for the visit (optional)').fill('Hill Ward, 1 High Street\nHilltown');
    await page.getByRole('button', { name: 'Continue to check the dates' }).click();
    const weekendError = page.getByRole('alert').getByRole('link', { name: '2025-02-08 is not a UK working day (weekend or bank holiday)' });
    await weekendError.waitFor();
    await expectAccessible(page, 'date offer, a weekend date');
    await weekendError.click();
    const focusedAfterLink = await page.evaluate<string | undefined>('document.activeElement?.id');
    await screenshot(page, 'date-offers.png');

    // Act: three dates, one weekday
    await fillDate(page, 2, MONDAY_AFTER);
    await page.getByRole('button', { name: 'Continue to check the dates' }).click();
    const weekdayError = page.getByRole('alert').getByRole('link', { name: 'every date falls on the same weekday; offer dates on at least 2 different weekdays' });
    await weekdayError.waitFor();
    await expectAccessible(page, 'date offer, one weekday');

    // Act: the page closed and opened again keeps the draft; one date moved to a Tuesday
    await page.reload();
    await page.getByRole('heading', { name: 'Offer dates for your peer-review visit' }).waitFor();
    const kept = await page.getByRole('group', { name: 'Date 2' }).getByLabel('Day').inputValue();
    await fillDate(page, 2, TUESDAY);
    await page.getByRole('button', { name: 'Continue to check the dates' }).click();
    await page.getByRole('heading', { name: 'Check the dates before offering them' }).waitFor();
    const checked = await page.locator('.nhsuk-summary-list__value').allTextContents();
    await expectAccessible(page, 'date offer, check page');
    await page.getByRole('button', { name: 'Offer these dates' }).click();
    await page.getByRole('heading', { name: 'Dates offered' }).waitFor();
    await expectAccessible(page, 'date offer, sent');

    // Assess
    expect(intro).toMatch(/^The visit window is \d{1,2} \w+ 2025 to \d{1,2} \w+ 2025\.$/);
    expect(focusedAfterLink).toBe('date-2');
    expect(kept).toBe(MONDAY_AFTER.day);
    expect(checked).toEqual(['Monday 3 February 2025', 'Tuesday 4 February 2025', 'Monday 10 February 2025', 'Hill Ward, 1 High Street\nHilltown']);
    const task = await waitForTask(env, cycleId, 'peer-review-scheduling', 'submitted');
    expect(task).toMatchObject({ status: 'submitted' });
    const items = await cycleItems(env.table, env.app.tableName, cycleId);
    expect(items.find((item) => item.sk === 'TASK#peer-review-scheduling')?.submission).toMatchObject({
      dates: ['2025-02-03', '2025-02-04', '2025-02-10'],
      hostAddress: 'Hill Ward, 1 High Street\nHilltown',
      offeredBy: 'Service user at org-hill',
    });
  });

  it('the service reads the draft report by section, sends corrections for two sections, and the lead reviewer gets them', async () => {
    // Prepare: the team accepts, the visit passes, the lead rates (through the API)
    await waitForTask(env, cycleId, 'reviewer-acceptance');
    const allocation = await acceptAll(env, cycleId);
    const lead = allocation.team.find((member) => member.role === 'lead');
    const visit = await waitForTask(env, cycleId, 'visit');
    await advanceBeyond(env, visit.dueAt);
    await waitForTask(env, cycleId, 'peer-ratings');
    expect((await submit(env, cycleId, 'peer-ratings', peerRatingsBody(['1.1']))).status).toBe(202);
    const factualAccuracy = await waitForTask(env, cycleId, 'factual-accuracy');
    const page = await (await browser.newContext({ viewport: { width: 1100, height: 900 } })).newPage();
    await signInAs(page, baseUrl, SERVICE);
    const path = await emailedPath(env, leadEmail, '/tasks/factual-accuracy');

    // Act: the emailed link; no corrections given
    await page.goto(`${baseUrl}${path}`);
    await page.getByRole('heading', { name: 'Check the draft report for factual accuracy' }).waitFor();
    const deadline = await page.locator('.nhsuk-warning-callout__label').first().textContent();
    const sections = await page.locator('.app-draft-report h2').allTextContents();
    await expectAccessible(page, 'factual accuracy, the draft report');
    await page.getByLabel('No, it needs corrections').check();
    await page.getByRole('button', { name: 'Continue to check your answer' }).click();
    await page.getByRole('alert').getByRole('link', { name: 'corrections are required when the draft is not accepted' }).waitFor();
    await expectAccessible(page, 'factual accuracy, no corrections given');

    // Act: two sections corrected; the page closed and opened again keeps them
    await page.getByLabel('Corrections to "Summary"').fill('The unit has 12 beds, not 14.');
    await page.getByLabel('Corrections to "Unmet standards"').fill('Standard 1.1: the ligature audit was done in March; the record was shown on the day.');
    await page.reload();
    await page.getByRole('heading', { name: 'Check the draft report for factual accuracy' }).waitFor();
    const keptSummary = await page.getByLabel('Corrections to "Summary"').inputValue();
    await screenshotFrom(page, 'factual-accuracy.png', 'Your answer', 1000);
    await page.getByRole('button', { name: 'Continue to check your answer' }).click();
    await page.getByRole('heading', { name: 'Check your answer before sending it' }).waitFor();
    const checked = await page.locator('.nhsuk-summary-list__row').allTextContents();
    await expectAccessible(page, 'factual accuracy, check page');
    await page.getByRole('button', { name: 'Send the corrections' }).click();
    await page.getByRole('heading', { name: 'Corrections sent' }).waitFor();
    await expectAccessible(page, 'factual accuracy, sent');

    // Assess
    expect(deadline).toContain(`Answer by ${new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' }).format(new Date(factualAccuracy.dueAt))}`);
    expect(sections).toEqual(expect.arrayContaining(['Summary', 'Unmet standards', 'Areas for development']));
    expect(keptSummary).toBe('The unit has 12 beds, not 14.');
    expect(checked.map((row) => row.replace(/Change.*$/, ''))).toEqual([
      'Is the draft factually accurate?No, it needs corrections',
      'SummaryThe unit has 12 beds, not 14.',
      'Unmet standardsStandard 1.1: the ligature audit was done in March; the record was shown on the day.',
    ]);
    await waitForTask(env, cycleId, 'committee-decision');
    const report = (await cycleItems(env.table, env.app.tableName, cycleId)).find((item) => item.sk === 'REPORT');
    expect(report?.corrections).toEqual([
      { section: 'summary', text: 'The unit has 12 beds, not 14.' },
      { section: 'unmet-standards', text: 'Standard 1.1: the ligature audit was done in March; the record was shown on the day.' },
    ]);
    const toLead = await waitFor('the corrections email to the lead reviewer', async () =>
      (await sesEmails(env.app)).find((email) => email.destination.to.includes(lead?.email ?? '') && email.subject.includes('corrections to the draft report')),
    );
    expect(toLead.body.text).toContain('Summary:\nThe unit has 12 beds, not 14.');
  });
});
