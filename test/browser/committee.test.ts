// The committee and the service at the decision, in a browser (issue 9): a cycle walked through the
// API to the committee (the review team rated 1.1 not met where the service said met; the service
// sent a correction). The committee opens the pack from its email, sees the correction, filters the
// ratings to where they disagree, is told what is missing, defers; the service sends its evidence
// for the blocking standard; the re-decision pack shows that evidence and the committee accredits.
// Then an appeal path (the service lodges its grounds; the committee's pack shows them) and the host
// cancelling its visit from the cycle page. axe-core at WCAG 2.2 AA on every page and state visited
// (docs/committee-pack.png is taken in journey.test.ts).
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptAll, enrolAndStart, loadNetwork, offeredDates, selfReviewBody, submit, waitForTask, walkToCommittee } from '../support/cycle-walk.ts';
import { callApi, sesEmails, startTestApp } from '../support/local-app.ts';
import type { TestApp } from '../support/local-app.ts';
import { axeViolations, buildWebForTest, launchChromium, signInAs } from './support/browser.ts';
import { decide } from './support/committee.ts';

const CORRECTION = 'The unit has 14 beds, not 12';
const STATEMENT = 'Risk assessments are now done on admission; an audit of 20 admissions found all 20 within 24 hours';

let env: TestApp;
let browser: Browser;
let baseUrl: string;
let cycleId: string;

/** The pointer is moved off the page first: a link under it loses its underline on hover, which axe would read as the page's own style. */
const expectAccessible = async (page: Page, state: string) => {
  await page.mouse.move(0, 0);
  expect({ state, violations: await axeViolations(page) }).toEqual({ state, violations: [] });
};

const newPage = async (): Promise<{ context: BrowserContext; page: Page }> => {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  return { context, page: await context.newPage() };
};

const mainText = (page: Page) => page.locator('main').textContent();

describe('Browser: the committee reads the pack and decides; the service sends deferral evidence', { timeout: 300_000 }, () => {
  beforeAll(async () => {
    await buildWebForTest();
    env = await startTestApp();
    baseUrl = env.app.urls.api;
    await loadNetwork(env);
    ({ cycleId } = await enrolAndStart(env, 'hill-ward', 'cohort-committee-pages'));
    await walkToCommittee(env, cycleId, { notMet: ['1.1'], corrections: CORRECTION });
    await waitForTask(env, cycleId, 'committee-decision');
    browser = await launchChromium();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await env?.stop();
  });

  it('the committee opens the pack from its email, sees the correction, filters to the disagreements and defers', async () => {
    // Prepare: the link in the committee's pack email
    const email = (await sesEmails(env.app)).find((sent) => sent.subject.startsWith('Committee pack: Service hill-ward'));
    const link = /https?:\/\/[^\s"<]+\/tasks\/committee-decision/.exec(email?.body.text ?? '')?.[0];
    expect(link).toBeDefined();
    const { page, context } = await newPage();
    await signInAs(page, baseUrl, 'Accreditation committee member');

    // Act 1: the emailed link
    const { pathname, hash } = new URL(link ?? '');
    await page.goto(`${baseUrl}${pathname}${hash}`);
    await page.getByRole('heading', { name: 'Why the rule recommends this' }).waitFor();

    // Assess 1: the recommendation, the blocking standard, the correction, every standard
    const text = await mainText(page);
    expect(text).toContain(CORRECTION);
    expect(text).toContain('Blocking standards');
    expect(text).toMatch(/1\.1 \(Type 1\)/);
    await expect(page.getByRole('table', { name: /^Every standard/ }).getByRole('row').count()).resolves.toBeGreaterThan(10);
    await expectAccessible(page, 'committee pack');

    // Act 2: only where they disagree (a link: an address)
    await page.getByRole('link', { name: 'Show only the 1 where they disagree' }).click();
    const filtered = page.getByRole('table', { name: 'Standards where the service and the team disagree (1)' });
    await filtered.waitFor();

    // Assess 2: one standard, the service's Met beside the team's Not met
    expect(new URL(page.url()).searchParams.get('ratings')).toBe('disagree');
    const rows = filtered.locator('tbody tr');
    await expect(rows.count()).resolves.toBe(1);
    await expect(rows.first().textContent()).resolves.toMatch(/1\.1[\s\S]*Met[\s\S]*Not met[\s\S]*Disagree/);
    await expectAccessible(page, 'pack filtered to disagreements');

    // Act 3: back to every standard, then continue without a decision
    await page.getByRole('link', { name: /^Show all \d+ standards$/ }).click();
    await page.getByRole('table', { name: /^Every standard/ }).waitFor();
    await page.getByRole('button', { name: 'Continue to check the decision' }).click();

    // Assess 3: the error summary links to each field
    const summary = page.getByRole('alert');
    await expect(summary.getByRole('link', { name: 'Select the committee’s decision' }).getAttribute('href')).resolves.toBe('#outcome');
    await expect(summary.getByRole('link', { name: 'Enter the reason for the decision' }).getAttribute('href')).resolves.toBe('#reason');
    await expectAccessible(page, 'decision without an outcome or reason');

    // Act 4: defer
    await decide(page, 'Accreditation deferred', 'Standard 1.1 (Type 1) not met: send evidence of risk assessments', expectAccessible);

    // Assess 4: the workflow opened the deferral window
    const window = await waitForTask(env, cycleId, 'deferral-evidence');
    expect(window.status).toBe('open');
    await context.close();
  });

  it('the service sends evidence for the blocking standard, and the re-decision pack shows it', async () => {
    // Prepare
    const { page, context } = await newPage();
    await signInAs(page, baseUrl, 'Service user at org-hill-ward');

    // Act 1: the deferral page, continued with nothing filled in
    await page.goto(`${baseUrl}/cycles/${cycleId}/tasks/deferral-evidence`);
    await page.getByRole('heading', { name: 'Evidence per standard' }).waitFor();
    await expectAccessible(page, 'deferral evidence');
    await page.getByRole('button', { name: 'Continue to check your evidence' }).click();

    // Assess 1
    const summary = page.getByRole('alert');
    await expect(summary.getByRole('link', { name: 'Write a statement for at least one standard' }).getAttribute('href')).resolves.toBe('#statement-1-1');
    await expectAccessible(page, 'deferral evidence with errors');

    // Act 2: a statement and a link for 1.1, a summary; check; send
    await page.getByLabel('What has changed for standard 1.1').fill(STATEMENT);
    await page.locator('#title-1-1-0').fill('Admission audit');
    await page.locator('#url-1-1-0').fill('https://documents.example.org/admission-audit.pdf');
    await page.getByLabel('Summary for the committee').fill('Risk assessments audited');
    await page.getByRole('button', { name: 'Continue to check your evidence' }).click();
    await page.getByRole('heading', { name: 'Check your evidence before sending it' }).waitFor();
    await expectAccessible(page, 'check the evidence');
    await page.getByRole('button', { name: 'Send the evidence' }).click();
    await page.getByRole('heading', { name: 'Evidence sent' }).waitFor();
    await expectAccessible(page, 'evidence sent');
    await context.close();

    // Act 3: the committee's pack for the re-decision
    await waitForTask(env, cycleId, 'committee-decision');
    const committee = await newPage();
    await signInAs(committee.page, baseUrl, 'Accreditation committee member');
    await committee.page.goto(`${baseUrl}/cycles/${cycleId}/tasks/committee-decision`);
    await committee.page.getByRole('heading', { name: 'Decide again: the service sent evidence' }).waitFor();

    // Assess 3: the evidence per blocking standard, with its link
    const text = await mainText(committee.page);
    expect(text).toContain(STATEMENT);
    expect(text).toContain('Standard 1.1 (blocked accreditation)');
    await expect(committee.page.getByRole('link', { name: 'Admission audit' }).getAttribute('href')).resolves.toBe('https://documents.example.org/admission-audit.pdf');
    await expectAccessible(committee.page, 're-decision pack');

    // Act 4: accredit
    await decide(committee.page, 'Accredited', 'The evidence shows 1.1 is now met', expectAccessible);

    // Assess 4
    const cycle = await callApi<{ cycle: { status: string } }>(env.app, 'GET', `/cycles/${cycleId}`);
    expect(['accredited', 'active']).toContain(cycle.body.cycle.status);
    await committee.context.close();
  });

  it('after Not accredited the service lodges an appeal, and the committee reads the grounds', async () => {
    // Prepare: a second cycle, not accredited through the API
    const { cycleId: appealed } = await enrolAndStart(env, 'vale-ward', 'cohort-appeal-page');
    await walkToCommittee(env, appealed, { notMet: ['1.1', '1.2', '2.1', '2.2', '2.3', '3.1', '3.2'] });
    await waitForTask(env, appealed, 'committee-decision');
    expect((await submit(env, appealed, 'committee-decision', { decidedBy: 'Chair', outcome: 'not-accredited', reason: 'Seven standards unmet' })).status).toBe(202);
    await waitForTask(env, appealed, 'appeal');
    const { page, context } = await newPage();
    await signInAs(page, baseUrl, 'Service user at org-vale-ward');

    // Act 1: the appeal page, continued empty
    await page.goto(`${baseUrl}/cycles/${appealed}/tasks/appeal`);
    await page.getByLabel('Grounds of the appeal').waitFor();
    await expectAccessible(page, 'appeal');
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.getByRole('alert').getByRole('link', { name: 'Enter the grounds of the appeal' }).getAttribute('href')).resolves.toBe('#grounds');
    await expectAccessible(page, 'appeal without grounds');

    // Act 2: grounds, check, lodge
    await page.getByLabel('Grounds of the appeal').fill('The team did not see the rights leaflet log for 1.2');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { name: 'Check your appeal before lodging it' }).waitFor();
    await expectAccessible(page, 'check the appeal');
    await page.getByRole('button', { name: 'Lodge the appeal' }).click();
    await page.getByRole('heading', { name: 'Appeal lodged' }).waitFor();
    await expectAccessible(page, 'appeal lodged');
    await context.close();

    // Assess: the committee's pack
    await waitForTask(env, appealed, 'committee-decision');
    const committee = await newPage();
    await signInAs(committee.page, baseUrl, 'Accreditation committee member');
    await committee.page.goto(`${baseUrl}/cycles/${appealed}/tasks/committee-decision`);
    await committee.page.getByRole('heading', { name: 'Decide again: the service appealed' }).waitFor();
    await expect(mainText(committee.page)).resolves.toContain('The team did not see the rights leaflet log for 1.2');
    await expectAccessible(committee.page, 'pack after an appeal');
    await committee.context.close();
  });

  it('the host cancels its visit from the cycle page, confirming first', async () => {
    // Prepare: a third cycle with its visit booked
    const { cycleId: booked } = await enrolAndStart(env, 'dale-ward', 'cohort-visit-page');
    await waitForTask(env, booked, 'self-review');
    expect((await submit(env, booked, 'self-review', selfReviewBody)).status).toBe(202);
    await waitForTask(env, booked, 'peer-review-scheduling');
    expect((await submit(env, booked, 'peer-review-scheduling', { offeredBy: 'Ward manager', dates: offeredDates(env) })).status).toBe(202);
    await waitForTask(env, booked, 'reviewer-acceptance');
    await acceptAll(env, booked);
    await waitForTask(env, booked, 'visit');
    const { page, context } = await newPage();
    await signInAs(page, baseUrl, 'Service user at org-dale-ward');

    // Act: the cycle page's open step, the reason, the confirmation
    await page.goto(`${baseUrl}/cycles/${booked}`);
    await page.getByRole('link', { name: 'Visit (the host may cancel it)' }).click();
    await page.getByLabel('Why the visit is cancelled').fill('The ward is closed for refurbishment that week');
    await expectAccessible(page, 'visit cancellation');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { name: 'Are you sure you want to cancel the visit?' }).waitFor();
    await expectAccessible(page, 'confirm the cancellation');
    await page.getByRole('button', { name: 'Cancel the visit' }).click();
    await page.getByRole('heading', { name: 'Visit cancelled' }).waitFor();

    // Assess: the cycle goes back to date offers
    await expectAccessible(page, 'visit cancelled');
    const rebooking = await waitForTask(env, booked, 'peer-review-scheduling');
    expect(rebooking.status).toBe('open');
    await context.close();
  });
});
