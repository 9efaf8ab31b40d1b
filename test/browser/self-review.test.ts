// The service fills in its self-review in a browser (issue 9): a task list of sections with their
// progress, one page per section with met / not met / not applicable, a comment and evidence links
// per standard, each answer saved as it is given. The answers survive closing the page; a stale save
// (a colleague changed the answer in another browser since the page was opened) is shown with who
// and when and a way to reload; then check your answers and submit. axe-core at WCAG 2.2 AA on
// every page and state.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrolAndStart, loadNetwork, waitForTask } from '../support/cycle-walk.ts';
import { startTestApp } from '../support/local-app.ts';
import type { TestApp } from '../support/local-app.ts';
import { callApiAs } from '../support/operations.ts';
import { axeViolations, buildWebForTest, launchChromium, screenshot, signInAs } from './support/browser.ts';

let env: TestApp;
let browser: Browser;
let baseUrl: string;
let cycleId: string;

const SERVICE = 'Service user at org-svc-ward';

const expectAccessible = async (page: Page, state: string) => {
  expect({ state, violations: await axeViolations(page) }).toEqual({ state, violations: [] });
};

const card = (page: Page, standardId: string) => page.locator('.app-standard').filter({ has: page.getByRole('heading', { name: new RegExp(`^${standardId.replace('.', '\\.')}\\b`) }) });

/** Chooses a rating for a standard and waits for its "Saved at" status. */
const rate = async (page: Page, standardId: string, rating: 'Met' | 'Not met' | 'Not applicable') => {
  await page.getByRole('group', { name: `Does your service meet standard ${standardId}?` }).getByLabel(rating, { exact: true }).check();
  await card(page, standardId).getByRole('status').filter({ hasText: /^Saved at \d\d:\d\d by/ }).waitFor();
};

const openSelfReview = async (page: Page) => {
  await page.goto(`${baseUrl}/cycles/${cycleId}/tasks/self-review`);
  await page.getByRole('heading', { name: /Self-review/ }).waitFor();
  await page.getByRole('heading', { name: /standards rated/ }).waitFor();
};

const sectionStatuses = async (page: Page) =>
  page.locator('.nhsuk-task-list__item').evaluateAll((items) => items.map((item) => `${item.querySelector('a')?.textContent?.trim()}: ${item.querySelector('.nhsuk-task-list__status')?.textContent?.trim()}`));

describe('Browser: the service fills in its self-review', { timeout: 300_000 }, () => {
  beforeAll(async () => {
    await buildWebForTest();
    env = await startTestApp();
    baseUrl = env.app.urls.api;
    await loadNetwork(env);
    ({ cycleId } = await enrolAndStart(env, 'svc-ward', 'self', { organisationId: 'org-svc-ward' }));
    await waitForTask(env, cycleId, 'self-review');
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await env?.stop();
  });

  it('answers two sections, keeps them after the page is closed, shows a stale save with who and when, checks and submits', async () => {
    // Prepare
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    let page = await context.newPage();
    await signInAs(page, baseUrl, SERVICE);

    // Act: the task list, then the first section
    await openSelfReview(page);
    const before = await sectionStatuses(page);
    await expectAccessible(page, 'task list, nothing answered');
    await page.getByRole('link', { name: 'Admission and assessment' }).click();
    await page.getByRole('heading', { name: 'Admission and assessment' }).waitFor();
    await expectAccessible(page, 'section, nothing answered');
    await rate(page, '1.1', 'Met');
    await page.getByLabel('Comment on standard 1.1 (optional)').fill('Audited monthly by the ward manager');
    await page.getByLabel('Comment on standard 1.1 (optional)').press('Tab');
    await card(page, '1.1').getByRole('status').filter({ hasText: /^Saved at/ }).waitFor();
    await page.getByRole('button', { name: 'Add a link to standard 1.1' }).click();
    await page.getByLabel('Link 1 title').fill('Risk assessment audit, March');
    await page.getByLabel('Link 1 address').fill('http://intranet.trust.example/audit.pdf');
    await page.getByLabel('Link 1 address').press('Tab');
    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    await summary.waitFor();
    const httpLinkErrors = await summary.locator('li').allInnerTexts();
    await expectAccessible(page, 'section, an http evidence link refused');
    await page.getByLabel('Link 1 address').fill('https://intranet.trust.example/audit.pdf');
    await page.getByLabel('Link 1 address').press('Tab');
    await summary.waitFor({ state: 'detached' });
    for (const id of ['1.2', '1.3', '1.4']) await rate(page, id, 'Met');
    await rate(page, '1.5', 'Not met');
    await expectAccessible(page, 'section, every standard answered');
    await screenshot(page, 'self-review-section.png');
    await page.getByRole('button', { name: /^Continue to / }).click();
    const second = (await page.getByRole('heading', { level: 1 }).innerText()).split('\n').pop() ?? '';
    const secondIds = await page.locator('.app-standard h2').evaluateAll((headings) => headings.map((heading) => heading.firstChild?.textContent?.trim() ?? ''));
    for (const id of secondIds) await rate(page, id, 'Met');
    // Act: close the page and come back
    await page.close();
    page = await context.newPage();
    await signInAs(page, baseUrl, SERVICE);
    await openSelfReview(page);
    const after = await sectionStatuses(page);
    await expectAccessible(page, 'task list, two sections completed');
    await page.getByRole('link', { name: 'Admission and assessment' }).click();
    await page.getByRole('heading', { name: 'Admission and assessment' }).waitFor();
    const kept = {
      rating: await page.getByRole('group', { name: 'Does your service meet standard 1.1?' }).getByLabel('Met', { exact: true }).isChecked(),
      comment: await page.getByLabel('Comment on standard 1.1 (optional)').inputValue(),
      link: await page.getByLabel('Link 1 address').inputValue(),
      notMet: await page.getByRole('group', { name: 'Does your service meet standard 1.5?' }).getByLabel('Not met', { exact: true }).isChecked(),
    };
    // Act: network staff change 1.2 in another browser while this page is open; this page then saves on the old version
    const staffContext = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    const staffPage = await staffContext.newPage();
    await signInAs(staffPage, baseUrl, 'Network staff');
    await staffPage.goto(`${baseUrl}/cycles/${cycleId}/self-review/sections/1`);
    await staffPage.getByRole('heading', { name: 'Admission and assessment' }).waitFor();
    await rate(staffPage, '1.2', 'Not met');
    await page.getByRole('group', { name: 'Does your service meet standard 1.2?' }).getByLabel('Not applicable', { exact: true }).check();
    const stale = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    await stale.waitFor();
    const staleErrors = await stale.locator('li').allInnerTexts();
    const staleStatus = await card(page, '1.2').getByRole('status').innerText();
    await expectAccessible(page, 'section, a stale save refused');
    await screenshot(page, 'self-review-stale.png');
    await page.getByRole('link', { name: 'Reload the page to see the newer answers' }).click();
    await page.getByRole('heading', { name: 'Admission and assessment' }).waitFor();
    const reloaded = await page.getByRole('group', { name: 'Does your service meet standard 1.2?' }).getByLabel('Not met', { exact: true }).isChecked();
    // Act: the third section with the keyboard only: from the heading, Tab to each standard's ratings, Space picks "Met"
    await page.goto(`${baseUrl}/cycles/${cycleId}/tasks/self-review`);
    await page.getByRole('heading', { name: /standards rated/ }).waitFor();
    const thirdLink = page.locator('.nhsuk-task-list__link').nth(2);
    const third = await thirdLink.innerText();
    await thirdLink.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: third }).waitFor();
    const thirdIds = await page.locator('.app-standard h2').evaluateAll((headings) => headings.map((heading) => heading.firstChild?.textContent?.trim() ?? ''));
    const focusedOnArrival = await page.evaluate<string>('document.activeElement?.tagName');
    for (const id of thirdIds) {
      // The ratings (Tab), then past the comment, the file upload and the "Add a link" button to the next standard.
      await page.keyboard.press('Tab');
      await page.keyboard.press('Space');
      await card(page, id).getByRole('status').filter({ hasText: /^Saved at/ }).waitFor();
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
    }
    await page.keyboard.press('Tab');
    const keyboardNext = await page.evaluate<string>('document.activeElement?.textContent?.trim()');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1 }).filter({ hasNotText: third }).waitFor();
    // Act: check answers with sections left, then the rest of the team answers them (through the API) and the lead submits
    await page.goto(`${baseUrl}/cycles/${cycleId}/self-review/check`);
    const unrated = page.getByRole('alert').filter({ hasText: 'Rate every standard before you submit' });
    await unrated.waitFor();
    const unratedCount = await unrated.locator('li').count();
    const submitShownEarly = await page.getByRole('button', { name: 'Submit self-review' }).count();
    await expectAccessible(page, 'check answers, standards unrated');
    const view = await callApiAs<{ sections: { section: string; standards: { id: string; answer?: { rating?: string } }[] }[] }>(env.app, 'service:org-svc-ward', 'GET', `/cycles/${cycleId}/self-review`);
    for (const standard of view.body.sections.flatMap((section) => section.standards).filter((candidate) => !candidate.answer?.rating)) {
      expect((await callApiAs(env.app, 'service:org-svc-ward', 'PUT', `/cycles/${cycleId}/self-review/answers/${standard.id}`, { rating: 'met', basedOnVersion: 0, savedBy: 'Charge nurse' })).status).toBe(200);
    }
    await page.reload();
    // A colleague prepares the answers; only the enrolled service lead sends them (src/step-actors.ts).
    const handOver = page.locator('.nhsuk-inset-text').filter({ hasText: 'Only the service lead, lead@svc-ward.example.org, can submit the self-review' });
    await handOver.waitFor();
    const submitShownToColleague = await page.getByRole('button', { name: 'Submit self-review' }).count();
    await expectAccessible(page, 'check answers, a colleague who cannot submit');
    const leadContext = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    page = await leadContext.newPage();
    await signInAs(page, baseUrl, /^Service lead for /);
    await page.goto(`${baseUrl}/cycles/${cycleId}/self-review/check`);
    await page.getByRole('button', { name: 'Submit self-review' }).waitFor();
    await expectAccessible(page, 'check answers, ready to submit');
    const checkText = await page.locator('main').innerText();
    await page.getByRole('button', { name: 'Submit self-review' }).click();
    await page.getByRole('heading', { name: 'Your self-review has been sent to the network' }).waitFor();
    await expectAccessible(page, 'submitted');
    const task = await waitForTask(env, cycleId, 'self-review', 'submitted');
    const submitted = await callApiAs<{ task: { submission: { ratings: Record<string, string>; answerVersions: Record<string, number> } } }>(env.app, 'staff', 'GET', `/cycles/${cycleId}/tasks/self-review`);

    // Assess
    expect(before).toEqual(expect.arrayContaining(['Admission and assessment: Not started']));
    expect(httpLinkErrors).toEqual(['Link 1 address: must be an https:// address']);
    expect(after.slice(0, 2)).toEqual(['Admission and assessment: Completed', `${second}: Completed`]);
    expect(after.slice(2).every((status) => status.endsWith('Not started'))).toBe(true);
    expect(kept).toEqual({ rating: true, comment: 'Audited monthly by the ward manager', link: 'https://intranet.trust.example/audit.pdf', notMet: true });
    expect(staleErrors).toEqual([expect.stringMatching(/^Network staff changed the answer to 1\.2 at \d{1,2} \w{3} \d{4}, \d\d:\d\d, after you opened this page\. Your change was not saved\./)]);
    expect(staleStatus).toMatch(/^Not saved: Network staff saved a newer answer at \d\d:\d\d$/);
    expect(reloaded).toBe(true);
    expect(focusedOnArrival).toBe('H1');
    expect(keyboardNext).toMatch(/^Continue to /);
    expect(unratedCount).toBe(view.body.sections.flatMap((section) => section.standards).filter((candidate) => !candidate.answer?.rating).length);
    expect(unratedCount).toBeGreaterThan(0);
    expect(submitShownEarly).toBe(0);
    expect(submitShownToColleague).toBe(0);
    expect(checkText).toContain('Audited monthly by the ward manager');
    expect(task.status).toBe('submitted');
    expect(submitted.body.task.submission.ratings['1.2']).toBe('not-met');
    expect(submitted.body.task.submission.answerVersions['1.1']).toBeGreaterThanOrEqual(1);
    await staffContext.close();
    await context.close();
    await leadContext.close();
  });
});
