// Issue 9's whole journey in a browser, across four roles and with no API call that moves the cycle
// on: staff launch a cohort; the service fills its 20-standard self-review over two browser sessions
// as two people (the lead and a colleague), one told of the other's newer answer, one file uploaded
// and downloaded back byte for byte, one section done with the keyboard only, and the lead checks and
// submits; the host offers dates; each reviewer accepts from the emailed link and, after the visit,
// the lead reviewer rates; the service sends a correction; the committee opens the pack from its
// email, sees the correction and decides; staff see the outcome on the board. The network's
// standards, its reviewer pool and the service are loaded through the API beforehand (there is no
// page for enrolment); the workflow clock is moved past the visit day as the other tests do; the API
// is otherwise only read, to wait for the workflow. axe-core at WCAG 2.2 AA on every page and state,
// and a check that every address shown was checked.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { advanceBeyond, loadNetwork, NETWORK, waitForTask } from '../support/cycle-walk.ts';
import { callApi, sesEmails, startTestApp, waitFor } from '../support/local-app.ts';
import type { TestApp } from '../support/local-app.ts';
import { accessibilityAudit, buildWebForTest, emailedPath, launchChromium, screenshot, screenshotFrom, signInAs, tabTo } from './support/browser.ts';
import { decide } from './support/committee.ts';

const SERVICE_ID = 'ash-ward';
const ORGANISATION = 'org-ash';
const LEAD_EMAIL = `lead@${SERVICE_ID}.example.org`;
const COHORT = 'journey-2025';
const CYCLE_ID = `${COHORT}--${SERVICE_ID}`;
const COLLEAGUE = `Service user at ${ORGANISATION}`;
const LEAD = `Service lead for Service ${SERVICE_ID}`;
const CORRECTION = 'The ward has 14 beds, not 12.';
const COMMITTEE_EMAIL = 'committee@ccqi-accreditation-example.example.org';
/** Days to come when the clock stands at its start (Monday 6 January 2025), on two weekdays, none a bank holiday. */
const DATES = [
  { day: '3', month: '2', year: '2025' },
  { day: '4', month: '2', year: '2025' },
  { day: '10', month: '2', year: '2025' },
];
/** The step screenshots looked at while writing this test (not the README's). */
const shotsDir = join(tmpdir(), 'journey-shots');

let env: TestApp;
let browser: Browser;
let baseUrl: string;
const audit = accessibilityAudit();
const { expectAccessible } = audit;
let shots = 0;
/** The page opened last: its picture is taken when a step fails. */
let latest: Page | undefined;

const shot = async (page: Page, name: string) => {
  await mkdir(shotsDir, { recursive: true });
  shots += 1;
  await page.screenshot({ path: join(shotsDir, `${String(shots).padStart(2, '0')}-${name}.png`), fullPage: true });
};

/** A new browser session (its own storage: a sign-in lasts as long as its context), signed in as `who`. */
const session = async (who: string | RegExp): Promise<{ context: BrowserContext; page: Page }> => {
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  latest = page;
  audit.watch(page);
  await signInAs(page, baseUrl, who, audit.checkedCount() === 0 ? expectAccessible : undefined);
  return { context, page };
};

/** Goes to the path an email to `to` links to (the link's path on this test's server). */
const openEmailedLink = async (page: Page, to: string, pathPart: string) => page.goto(`${baseUrl}${await emailedPath(env, to, pathPart)}`);

const card = (page: Page, standardId: string) => page.locator('.app-standard').filter({ has: page.getByRole('heading', { name: new RegExp(`^${standardId.replace('.', '\\.')}\\b`) }) });
const savedStatus = (page: Page, standardId: string) => card(page, standardId).getByRole('status').filter({ hasText: /^Saved at \d\d:\d\d by/ });
const standardsOnPage = (page: Page) => page.locator('.app-standard h2').evaluateAll((headings) => headings.map((heading) => heading.firstChild?.textContent?.trim() ?? ''));

/** Chooses a rating for a self-review standard and waits for its "Saved at" status. */
const answer = async (page: Page, standardId: string, rating: 'Met' | 'Not met' | 'Not applicable') => {
  await page.getByRole('group', { name: `Does your service meet standard ${standardId}?` }).getByLabel(rating, { exact: true }).check();
  await savedStatus(page, standardId).waitFor();
};

const openSection = async (page: Page, name: string) => {
  await page.getByRole('link', { name }).click();
  await page.getByRole('heading', { name, level: 1 }).waitFor();
};

const fillDate = async (page: Page, n: number, value: { day: string; month: string; year: string }) => {
  const group = page.getByRole('group', { name: `Date ${n}` });
  await group.getByLabel('Day').fill(value.day);
  await group.getByLabel('Month').fill(value.month);
  await group.getByLabel('Year').fill(value.year);
};

const sectionStatuses = (page: Page) =>
  page.locator('.nhsuk-task-list__item').evaluateAll((items) => items.map((item) => `${item.querySelector('a')?.textContent?.trim()}: ${item.querySelector('.nhsuk-task-list__status')?.textContent?.trim()}`));

describe('Browser: the whole journey, from launch to the outcome on the board', { timeout: 600_000 }, () => {
  beforeAll(async () => {
    await buildWebForTest();
    env = await startTestApp();
    baseUrl = env.app.urls.api;
    await loadNetwork(env, { standardCount: 20 });
    const enrolled = await callApi(env.app, 'POST', '/services', {
      serviceId: SERVICE_ID,
      name: `Service ${SERVICE_ID}`,
      organisationId: ORGANISATION,
      networkId: NETWORK,
      membershipType: 'accreditation',
      leadEmail: LEAD_EMAIL,
    });
    expect(enrolled.status).toBe(201);
    browser = await launchChromium();
  }, 180_000);

  beforeEach(({ onTestFailed, task }) => {
    onTestFailed(async () => {
      await latest?.screenshot({ path: join(shotsDir, `failed-${task.name.slice(0, 1)}.png`), fullPage: true }).catch(() => undefined);
    });
  });

  afterAll(async () => {
    await browser?.close();
    await env?.stop();
  });

  it('1. staff launch the cohort from the launch page', async () => {
    // Prepare
    const { context, page } = await session('Network staff');
    await page.getByRole('heading', { name: 'Cohort board' }).waitFor();
    await expectAccessible(page, 'board, no cycles');

    // Act
    await page.getByRole('button', { name: 'Launch a cohort' }).click();
    await page.getByRole('heading', { name: 'Launch a cohort' }).waitFor();
    await expectAccessible(page, 'launch form');
    await page.getByLabel('Cohort name').fill(COHORT);
    await page.getByLabel('Network').selectOption(NETWORK);
    await page.getByRole('button', { name: 'Launch cohort' }).click();
    await page.getByRole('heading', { name: `Cohort ${COHORT}` }).waitFor();
    const results = await page.getByRole('table', { name: 'What happened for each service' }).innerText();
    await expectAccessible(page, 'launch results');
    await shot(page, 'launched');

    // Assess
    expect(results).toMatch(new RegExp(`${SERVICE_ID}\\s+Started`));
    await context.close();
  });

  it('2. the service fills its self-review over two sessions as two people, and the lead submits', async () => {
    // Session 1, the colleague: the self-review from the service's own list of cycles
    const first = await session(COLLEAGUE);
    let colleague = first.page;
    await colleague.getByRole('link', { name: `Service ${SERVICE_ID}` }).click();
    await colleague.getByRole('heading', { name: `Service ${SERVICE_ID}` }).waitFor();
    await expectAccessible(colleague, 'the service’s cycle page');
    await shot(colleague, 'service-cycle');
    await colleague.getByRole('link', { name: /self-review/i }).first().click();
    await colleague.getByRole('heading', { name: /standards rated/ }).waitFor();
    const before = await sectionStatuses(colleague);
    await expectAccessible(colleague, 'task list, nothing answered');
    await shot(colleague, 'task-list');

    // Section 1 with the keyboard only: Tab to the section, Enter; per standard Tab to its ratings and
    // Space picks "Met"; then Tab to "Continue" and Enter.
    await tabTo(colleague, /^Admission and assessment$/);
    await colleague.keyboard.press('Enter');
    await colleague.getByRole('heading', { name: 'Admission and assessment', level: 1 }).waitFor();
    await expectAccessible(colleague, 'section 1, nothing answered');
    const sectionOne = await standardsOnPage(colleague);
    for (const id of sectionOne) {
      await tabTo(colleague, new RegExp(`^Met$`));
      await colleague.keyboard.press('Space');
      await savedStatus(colleague, id).waitFor();
    }
    await expectAccessible(colleague, 'section 1 answered by keyboard');
    await shot(colleague, 'section-1-keyboard');
    await tabTo(colleague, /^Continue to /);
    await colleague.keyboard.press('Enter');
    await colleague.getByRole('heading', { name: 'Care planning and treatment', level: 1 }).waitFor();
    await expectAccessible(colleague, 'section 2, nothing answered');

    // The lead, in another browser, answers 2.1 after the colleague's page was opened
    const leadFirst = await session(LEAD);
    await openEmailedLink(leadFirst.page, LEAD_EMAIL, '/tasks/self-review');
    await leadFirst.page.getByRole('heading', { name: /standards rated/ }).waitFor();
    await expectAccessible(leadFirst.page, 'task list from the lead’s email');
    await openSection(leadFirst.page, 'Care planning and treatment');
    await answer(leadFirst.page, '2.1', 'Not met');
    await leadFirst.page.getByLabel('Comment on standard 2.1 (optional)').fill('Care plans are reviewed monthly, not weekly');
    await leadFirst.page.getByLabel('Comment on standard 2.1 (optional)').press('Tab');
    await card(leadFirst.page, '2.1').getByRole('status').filter({ hasText: /^Saved at/ }).waitFor();
    await expectAccessible(leadFirst.page, 'section 2, the lead’s answer');
    await leadFirst.context.close();

    // The colleague's save on the older version is refused with who and when
    await colleague.getByRole('group', { name: 'Does your service meet standard 2.1?' }).getByLabel('Met', { exact: true }).check();
    const stale = colleague.getByRole('alert').filter({ hasText: 'There is a problem' });
    await stale.waitFor();
    const staleMessage = await stale.locator('li').innerText();
    const staleStatus = await card(colleague, '2.1').getByRole('status').innerText();
    await expectAccessible(colleague, 'section 2, a stale save refused');
    await shot(colleague, 'stale');
    await colleague.getByRole('link', { name: 'Reload the page to see the newer answers' }).click();
    await colleague.getByRole('heading', { name: 'Care planning and treatment', level: 1 }).waitFor();
    const leadsAnswerShown = await colleague.getByRole('group', { name: 'Does your service meet standard 2.1?' }).getByLabel('Not met', { exact: true }).isChecked();
    await expectAccessible(colleague, 'section 2 reloaded');

    // A file for 2.2, downloaded back
    const bytes = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(64 * 1024)]);
    await colleague.getByLabel('Upload a file for standard 2.2').setInputFiles({ name: 'care-plan-audit.pdf', mimeType: 'application/pdf', buffer: bytes });
    await card(colleague, '2.2').locator('.app-upload-status').filter({ hasText: 'care-plan-audit.pdf uploaded' }).waitFor();
    await savedStatus(colleague, '2.2').waitFor();
    await expectAccessible(colleague, 'section 2, a file uploaded');
    const [download] = await Promise.all([colleague.waitForEvent('download'), card(colleague, '2.2').getByRole('button', { name: 'Download care-plan-audit.pdf' }).click()]);
    const downloaded = await readFile(await download.path());
    for (const id of (await standardsOnPage(colleague)).filter((candidate) => candidate !== '2.1')) await answer(colleague, id, 'Met');
    await expectAccessible(colleague, 'section 2 answered');
    await first.context.close();

    // Session 2, the colleague again: the answers are kept; section 3
    const second = await session(COLLEAGUE);
    colleague = second.page;
    await openEmailedLink(colleague, LEAD_EMAIL, '/tasks/self-review');
    await colleague.getByRole('heading', { name: /standards rated/ }).waitFor();
    const kept = await sectionStatuses(colleague);
    await expectAccessible(colleague, 'task list, two sections completed');
    await colleague.evaluate('document.activeElement?.blur()');
    await screenshot(colleague, 'self-review.png');
    await openSection(colleague, 'Safety and environment');
    await expectAccessible(colleague, 'section 3, nothing answered');
    for (const id of await standardsOnPage(colleague)) await answer(colleague, id, 'Met');
    await colleague.getByLabel('Comment on standard 3.1 (optional)').fill('Ligature audit done in March');
    await colleague.getByLabel('Comment on standard 3.1 (optional)').press('Tab');
    await card(colleague, '3.1').getByRole('status').filter({ hasText: /^Saved at/ }).waitFor();
    await expectAccessible(colleague, 'section 3 answered');
    await second.context.close();

    // Session 2, the lead: the last section, check the answers, submit
    const { context, page: lead } = await session(LEAD);
    await openEmailedLink(lead, LEAD_EMAIL, '/tasks/self-review');
    await lead.getByRole('heading', { name: /standards rated/ }).waitFor();
    await openSection(lead, 'Rights and dignity');
    await expectAccessible(lead, 'section 4, nothing answered');
    for (const id of await standardsOnPage(lead)) await answer(lead, id, 'Met');
    await expectAccessible(lead, 'section 4 answered');
    await lead.getByRole('button', { name: 'Check your answers' }).click();
    await lead.getByRole('button', { name: 'Submit self-review' }).waitFor();
    const checkText = await lead.locator('main').innerText();
    await expectAccessible(lead, 'check answers, ready to submit');
    await shot(lead, 'check-answers');
    await lead.getByRole('button', { name: 'Submit self-review' }).click();
    await lead.getByRole('heading', { name: 'Your self-review has been sent to the network' }).waitFor();
    await expectAccessible(lead, 'self-review submitted');

    // Assess
    expect(before).toEqual(['Admission and assessment: Not started', 'Care planning and treatment: Not started', 'Safety and environment: Not started', 'Rights and dignity: Not started']);
    expect(sectionOne).toEqual(['1.1', '1.2', '1.3', '1.4', '1.5']);
    expect(staleMessage).toMatch(new RegExp(`^${LEAD} changed the answer to 2\\.1 at .*\\d\\d:\\d\\d.*, after you opened this page`));
    expect(staleStatus).toMatch(new RegExp(`^Not saved: ${LEAD} saved a newer answer at \\d\\d:\\d\\d`));
    expect(leadsAnswerShown).toBe(true);
    expect(download.suggestedFilename()).toBe('care-plan-audit.pdf');
    expect(downloaded.equals(bytes)).toBe(true);
    expect(kept).toEqual(['Admission and assessment: Completed', 'Care planning and treatment: Completed', 'Safety and environment: Not started', 'Rights and dignity: Not started']);
    expect(checkText).toContain('Ligature audit done in March');
    expect(checkText).toContain('care-plan-audit.pdf');
    await waitForTask(env, CYCLE_ID, 'self-review', 'submitted');
    await context.close();
  });

  it('3. the host offers three dates from its email', async () => {
    // Prepare
    const { context, page } = await session(LEAD);

    // Act
    await openEmailedLink(page, LEAD_EMAIL, '/tasks/peer-review-scheduling');
    await page.getByRole('heading', { name: 'Offer dates for your peer-review visit' }).waitFor();
    await expectAccessible(page, 'date offer, empty');
    for (const [index, date] of DATES.entries()) await fillDate(page, index + 1, date);
    await page.getByLabel('Address for the visit (optional)').fill('Ash Ward, 2 Park Road, Ashtown');
    await page.getByRole('button', { name: 'Continue to check the dates' }).click();
    await page.getByRole('heading', { name: 'Check the dates before offering them' }).waitFor();
    await expectAccessible(page, 'date offer, check page');
    await page.getByRole('button', { name: 'Offer these dates' }).click();
    await page.getByRole('heading', { name: 'Dates offered' }).waitFor();
    await expectAccessible(page, 'dates offered');

    // Assess
    await waitForTask(env, CYCLE_ID, 'peer-review-scheduling', 'submitted');
    await context.close();
  });

  it('4. each reviewer accepts from the emailed link; after the visit the lead reviewer rates', async () => {
    // Prepare: the invitations sent once the team is chosen
    await waitForTask(env, CYCLE_ID, 'reviewer-acceptance');
    const invitations = (await sesEmails(env.app))
      .map((email) => ({ to: email.destination.to[0] ?? '', link: (email.body.text ?? '').match(/https?:\/\/[^\s"<>]+/g)?.find((address) => address.includes(`/cycles/${CYCLE_ID}/reviewers/`)) }))
      .filter((invitation) => invitation.link !== undefined);
    const roles: Record<string, string> = {};

    // Act: each reviewer opens their link and accepts
    for (const invitation of invitations) {
      const reviewerId = decodeURIComponent(new URL(invitation.link ?? '').pathname.split('/').pop() ?? '');
      const { context, page } = await session(`Reviewer ${reviewerId} (reviewer)`);
      await openEmailedLink(page, invitation.to, `/reviewers/${reviewerId}`);
      await page.getByRole('heading', { name: 'Can you take part in this visit?' }).waitFor();
      roles[reviewerId] = await page.locator('.nhsuk-summary-list__row').filter({ hasText: 'Your role' }).locator('dd').innerText();
      await expectAccessible(page, `invitation (${roles[reviewerId]})`);
      await page.getByLabel('Yes, I accept').check();
      await page.getByRole('button', { name: 'Send your answer' }).click();
      await page.getByRole('heading', { name: 'Your peer-review visit' }).waitFor();
      await expectAccessible(page, `visit page (${roles[reviewerId]})`);
      await context.close();
    }
    // The visit day passes
    const visit = await waitForTask(env, CYCLE_ID, 'visit');
    await advanceBeyond(env, visit.dueAt);
    await waitForTask(env, CYCLE_ID, 'peer-ratings');
    // The lead reviewer rates from the email that opens the ratings
    const [leadId, leadRole] = Object.entries(roles).find(([, role]) => /lead/i.test(role)) ?? [];
    const { context, page } = await session(`Reviewer ${leadId} (reviewer)`);
    await openEmailedLink(page, `${leadId}@reviewers.example.org`, '/tasks/peer-ratings');
    await page.getByRole('button', { name: 'Continue to check your answers' }).waitFor();
    await expectAccessible(page, 'peer ratings, nothing rated');
    const selfSaid = await page.locator('.app-self-rating').first().innerText();
    const serviceFile = await page.locator('.app-self-rating').filter({ hasText: 'care-plan-audit.pdf' }).count();
    const metRadios = page.getByRole('radio', { name: /^Met \(standard / });
    const standardCount = await metRadios.count();
    await page.getByRole('radio', { name: 'Not met (standard 1.1)', exact: true }).check();
    await page.getByLabel("The team's comment on standard 1.1 (optional)").fill('Two of six care plans had no risk assessment within 24 hours.');
    for (const radio of await page.getByRole('radio', { name: /^Met \(standard (?!1\.1\))/ }).all()) await radio.check();
    await page.getByLabel("The team's comment on standard 2.1 (optional)").fill('Every care plan we read had a weekly review.');
    await page.getByLabel('Good practice', { exact: true }).fill('Daily safety huddle with patients');
    await page.getByLabel('Areas for development').fill('Record risk assessments within 24 hours');
    await expectAccessible(page, 'peer ratings, every standard rated');
    await screenshotFrom(page, 'peer-ratings.png', 'Care planning and treatment');
    await page.getByRole('button', { name: 'Continue to check your answers' }).click();
    await page.getByRole('heading', { name: 'Check your answers before submitting the ratings' }).waitFor();
    await expectAccessible(page, 'peer ratings, check page');
    await page.getByRole('button', { name: 'Submit the peer ratings' }).click();
    await page.getByRole('heading', { name: 'Peer ratings submitted' }).waitFor();
    await expectAccessible(page, 'peer ratings submitted');

    // Assess
    expect(invitations.length).toBeGreaterThanOrEqual(3);
    expect(Object.values(roles).filter((role) => /lead/i.test(role))).toHaveLength(1);
    expect(leadRole).toMatch(/lead/i);
    expect(selfSaid).toContain('Met');
    expect(serviceFile).toBe(1);
    expect(standardCount).toBe(20);
    await waitForTask(env, CYCLE_ID, 'peer-ratings', 'submitted');
    await context.close();
  });

  it('5. the service reads the draft report from its email and sends a correction', async () => {
    // Prepare
    await waitForTask(env, CYCLE_ID, 'factual-accuracy');
    const { context, page } = await session(LEAD);

    // Act
    await openEmailedLink(page, LEAD_EMAIL, '/tasks/factual-accuracy');
    await page.getByRole('heading', { name: 'Check the draft report for factual accuracy' }).waitFor();
    await expectAccessible(page, 'factual accuracy, the draft report');
    await page.getByLabel('No, it needs corrections').check();
    await page.getByLabel('Corrections to "Summary"').fill(CORRECTION);
    await page.getByRole('button', { name: 'Continue to check your answer' }).click();
    await page.getByRole('heading', { name: 'Check your answer before sending it' }).waitFor();
    await expectAccessible(page, 'factual accuracy, check page');
    await page.getByRole('button', { name: 'Send the corrections' }).click();
    await page.getByRole('heading', { name: 'Corrections sent' }).waitFor();
    await expectAccessible(page, 'corrections sent');

    // Assess
    await waitForTask(env, CYCLE_ID, 'factual-accuracy', 'submitted');
    await context.close();
  });

  it('6. the committee opens the pack from its email, sees the correction and decides', async () => {
    // Prepare
    await waitForTask(env, CYCLE_ID, 'committee-decision');
    const { context, page } = await session('Accreditation committee member');

    // Act
    await openEmailedLink(page, COMMITTEE_EMAIL, '/tasks/committee-decision');
    await page.getByRole('heading', { name: 'Why the rule recommends this' }).waitFor();
    const pack = await page.locator('main').innerText();
    await expectAccessible(page, 'committee pack');
    await page.getByRole('link', { name: /^Show only the \d+ where they disagree$/ }).click();
    const disagreements = page.getByRole('table', { name: /^Standards where the service and the team disagree/ });
    await disagreements.waitFor();
    const disagreeing = await disagreements.locator('tbody tr').allInnerTexts();
    await expectAccessible(page, 'committee pack, the disagreements');
    await page.evaluate('document.activeElement?.blur()');
    await screenshot(page, 'committee-pack.png');
    await decide(page, 'Accredited', 'The correction and the care-plan audit satisfy the committee on 2.1 and 1.1', expectAccessible);

    // Assess
    expect(pack).toContain(CORRECTION);
    expect(disagreeing.map((row) => row.replace(/\s+/g, ' '))).toEqual([
      expect.stringMatching(/^1\.1 \(Type 1\) .*admission\. Met Not met Two of six .* Disagree$/),
      expect.stringMatching(/^2\.1 \(Type 1\) .*weekly\. Not met Care plans are reviewed monthly, not weekly Met Every care plan .* Disagree$/),
    ]);
    await context.close();
  });

  it('7. staff see the outcome on the board, and every page shown was checked by axe', async () => {
    // Prepare
    await waitForTask(env, CYCLE_ID, 'committee-decision', 'submitted');
    const { context, page } = await session('Network staff');

    // Act
    await page.getByRole('heading', { name: 'Cohort board' }).waitFor();
    const row = page.getByRole('row').filter({ hasText: `Service ${SERVICE_ID}` });
    const onBoard = await row.innerText();
    await expectAccessible(page, 'board with the outcome');
    await shot(page, 'board-outcome');

    // Assess
    expect(onBoard).toContain('Accredited');
    // The one address never checked is the ratings email's, which forwards to the ratings page at once.
    expect(audit.unchecked()).toEqual([`/cycles/${CYCLE_ID}/tasks/peer-ratings`]);
    await context.close();
  });
});
