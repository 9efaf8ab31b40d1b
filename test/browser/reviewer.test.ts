// A reviewer in a browser (issue 9): a cycle walked through the API to the reviewers' invitations,
// then, as the lead reviewer, the invitation from the emailed link (a decline without a reason
// refused in the page, then an acceptance), the visit's .ics downloaded and read back, a late answer
// from a second tab refused in the API's words; after the visit, a non-lead refused by the API when
// submitting ratings, and the lead's ratings filled in part, left, resumed from the draft kept in
// the browser, checked and submitted. axe-core at WCAG 2.2 AA on every page and state visited.
import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { advanceBeyond, allocationOf, enrolAndStart, loadNetwork, offeredDates, selfReviewBody, standardIds, submit, waitForTask } from '../support/cycle-walk.ts';
import type { Allocation } from '../support/cycle-walk.ts';
import { callApi, sesEmails, startTestApp } from '../support/local-app.ts';
import type { TestApp } from '../support/local-app.ts';
import { axeViolations, buildWebForTest, launchChromium, screenshotFrom, signInAs } from './support/browser.ts';

let env: TestApp;
let browser: Browser;
let baseUrl: string;
let cycleId: string;
let allocation: Allocation;
let lead: Allocation['team'][number];
let peer: Allocation['team'][number];

const expectAccessible = async (page: Page, state: string) => {
  expect({ state, violations: await axeViolations(page) }).toEqual({ state, violations: [] });
};

const newContext = (): Promise<BrowserContext> => browser.newContext({ viewport: { width: 1200, height: 900 }, acceptDownloads: true });

const reviewerLabel = (reviewerId: string) => `Reviewer ${reviewerId} (reviewer)`;

/** Rates the standards given with `rating`, by their radio's accessible name. */
const rate = async (page: Page, ids: readonly string[], rating: 'Met' | 'Not met' | 'Not applicable') => {
  for (const id of ids) await page.getByRole('radio', { name: `${rating} (standard ${id})`, exact: true }).check();
};

describe('Browser: a reviewer answers the invitation and rates', { timeout: 300_000 }, () => {
  beforeAll(async () => {
    await buildWebForTest();
    env = await startTestApp();
    baseUrl = env.app.urls.api;
    await loadNetwork(env);
    ({ cycleId } = await enrolAndStart(env, 'hill-ward', 'cohort-reviewer-pages'));
    await waitForTask(env, cycleId, 'self-review');
    // One standard answered on the self-review page (comment and a link), the rest rated in the submission.
    const saved = await callApi(env.app, 'PUT', `/cycles/${cycleId}/self-review/answers/${standardIds[0]}`, {
      rating: 'met', comment: 'Risk assessed on admission; audited monthly', evidence: [{ title: 'Admission audit', url: 'https://intranet.hill.example/audit.pdf' }], basedOnVersion: 0, savedBy: 'Ward manager',
    });
    expect(saved.status).toBe(200);
    expect((await submit(env, cycleId, 'self-review', selfReviewBody)).status).toBe(202);
    await waitForTask(env, cycleId, 'peer-review-scheduling');
    expect((await submit(env, cycleId, 'peer-review-scheduling', { offeredBy: 'Service lead', dates: offeredDates(env), hostAddress: '1 High Street, Hilltown' })).status).toBe(202);
    await waitForTask(env, cycleId, 'reviewer-acceptance');
    allocation = await allocationOf(env, cycleId);
    const found = allocation.team.find((member) => member.role === 'lead');
    const other = allocation.team.find((member) => member.role !== 'lead');
    if (!found || !other) throw new Error(`No lead and peer in ${JSON.stringify(allocation.team)}`);
    [lead, peer] = [found, other];
    // Everyone but the lead answers through the API; the lead answers in the browser.
    for (const member of allocation.team.filter((seat) => seat.reviewerId !== lead.reviewerId)) {
      expect((await callApi(env.app, 'POST', `/cycles/${cycleId}/reviewers/${member.reviewerId}/accept`, {})).status).toBe(202);
    }
    browser = await launchChromium();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await env?.stop();
  });

  it('the lead reviewer opens the emailed link, is asked why when declining, accepts and downloads the visit', async () => {
    // Prepare: the link in the lead's invitation email
    const email = (await sesEmails(env.app)).find((sent) => sent.destination.to.includes(lead.email) && /invit/i.test(sent.subject));
    const link = /https?:\/\/[^\s"<]+\/reviewers\/[^\s"<]+/.exec(email?.body.text ?? email?.body.html ?? '')?.[0];
    expect(link).toBeDefined();
    const { pathname, hash } = new URL(link ?? '');
    const context = await newContext();
    const page = await context.newPage();
    await signInAs(page, baseUrl, reviewerLabel(lead.reviewerId));

    // Act 1: the emailed link
    await page.goto(`${baseUrl}${pathname}${hash}`);
    await page.getByRole('heading', { name: 'Your invitation to a peer-review visit' }).waitFor();
    await page.getByRole('heading', { name: 'Can you take part in this visit?' }).waitFor();

    // Assess 1: the visit, the role, the reply-by date
    await expect(page.locator('main').textContent()).resolves.toMatch(/Lead reviewer[\s\S]*Please reply by|Please reply by[\s\S]*Lead reviewer/);
    await expect(page.locator('main').textContent()).resolves.toContain('1 High Street, Hilltown');
    expect(new URL(page.url()).pathname).toBe(`/cycles/${cycleId}/reviewers/${lead.reviewerId}`);
    await expectAccessible(page, 'invitation');
    await screenshotFrom(page, 'reviewer-invitation.png');

    // Act 2: decline with no reason
    await page.getByLabel('No, I cannot take part').check();
    await page.getByRole('button', { name: 'Send your answer' }).click();

    // Assess 2: the error summary links to the reason
    const summary = page.getByRole('alert');
    await expect(summary.getByRole('link', { name: 'Enter why you cannot take part' }).getAttribute('href')).resolves.toBe('#reason');
    await expectAccessible(page, 'decline without a reason');

    // Act 3: a second tab on the same invitation, then accept in the first
    const late = await context.newPage();
    await signInAs(late, baseUrl, reviewerLabel(lead.reviewerId));
    await late.goto(page.url());
    await late.getByRole('heading', { name: 'Can you take part in this visit?' }).waitFor();
    await page.getByLabel('Yes, I accept').check();
    await page.getByRole('button', { name: 'Send your answer' }).click();

    // Assess 3: the visit page, and its calendar file read back
    await page.getByRole('heading', { name: 'Your peer-review visit' }).waitFor();
    await page.getByText('You accepted the invitation').waitFor();
    await expectAccessible(page, 'visit page after accepting');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /Add the visit to your calendar/ }).click()]);
    const ics = await readFile(await download.path(), 'utf8');
    expect(download.suggestedFilename()).toMatch(/\.ics$/);
    expect(ics).toContain('BEGIN:VCALENDAR');
    expect(ics).toContain(`DTSTART;VALUE=DATE:${(allocation.date ?? '').replaceAll('-', '')}`);
    expect(ics).toContain('SUMMARY:Peer-review visit: Service hill-ward');

    // Act 4: the late answer from the second tab, once the team is confirmed
    await waitForTask(env, cycleId, 'visit');
    await late.getByLabel('No, I cannot take part').check();
    await late.getByLabel('Why can you not take part?').fill('Annual leave');
    await late.getByRole('button', { name: 'Send your answer' }).click();

    // Assess 4: the API's refusal, in its words
    await late.getByRole('alert').getByText(`The invitations for cycle ${cycleId} are confirmed`).waitFor();
    await expectAccessible(late, 'late answer refused');
    await context.close();
  });

  it('after the visit a non-lead is refused by the API, and the lead rates over two sessions, checks and submits', async () => {
    // Prepare: the visit day passes and the ratings step opens
    const visit = await waitForTask(env, cycleId, 'visit');
    await advanceBeyond(env, visit.dueAt);
    await waitForTask(env, cycleId, 'peer-ratings');

    // Act 1: a non-lead fills the form and submits
    const peerContext = await newContext();
    const peerPage = await peerContext.newPage();
    await signInAs(peerPage, baseUrl, reviewerLabel(peer.reviewerId));
    await peerPage.goto(`${baseUrl}/cycles/${cycleId}/peer-ratings`);
    await peerPage.getByRole('heading', { name: 'Only the lead reviewer submits' }).waitFor();
    await peerPage.getByRole('button', { name: 'Continue to check your answers' }).waitFor();
    await expectAccessible(peerPage, 'peer ratings as a non-lead');
    await rate(peerPage, standardIds, 'Met');
    await peerPage.getByRole('button', { name: 'Continue to check your answers' }).click();
    await peerPage.getByRole('button', { name: 'Submit the peer ratings' }).click();

    // Assess 1: the API's 403 reason, on the page
    await peerPage.getByRole('alert').getByText(`Only the lead reviewer (${lead.reviewerId}) may submit`).waitFor();
    await expectAccessible(peerPage, 'non-lead refused');
    await peerContext.close();

    // Act 2: the lead rates half, asks to continue (errors), and closes the tab
    const context = await newContext();
    let page = await context.newPage();
    await signInAs(page, baseUrl, reviewerLabel(lead.reviewerId));
    await page.goto(`${baseUrl}/cycles/${cycleId}/reviewers/${lead.reviewerId}/visit`);
    await page.getByRole('link', { name: 'Record the peer ratings' }).click();
    await page.getByRole('button', { name: 'Continue to check your answers' }).waitFor();
    // Assess 2a: beside the first standard, what the service said: its comment and its evidence link.
    const selfSaid = page.locator('.app-self-rating').first();
    await selfSaid.getByText('Risk assessed on admission; audited monthly').waitFor();
    const evidenceHref = await selfSaid.getByRole('link', { name: 'Admission audit (opens in a new tab)' }).getAttribute('href');
    const half = standardIds.slice(0, 20);
    await rate(page, half.slice(1), 'Met');
    await rate(page, half.slice(0, 1), 'Not met');
    await page.getByLabel(`The team's comment on standard ${half[0]} (optional)`).fill('Two of six case notes had no risk assessment within 24 hours.');
    await page.getByLabel('Good practice', { exact: true }).fill('Daily safety huddle with patients\nPeer support worker on every shift');
    await page.getByText('Draft saved on this computer').waitFor();
    await page.getByRole('button', { name: 'Continue to check your answers' }).click();
    const missing = page.getByRole('alert').getByRole('link', { name: `Select a rating for standard ${standardIds[20]}` });
    await expect(missing.getAttribute('href')).resolves.toBe(`#rating-${(standardIds[20] ?? '').replace(/\./g, '-')}`);
    await expectAccessible(page, 'ratings with errors');
    await page.close();

    // Act 3: a new tab (a new sign-in): the draft is still there
    page = await context.newPage();
    await signInAs(page, baseUrl, reviewerLabel(lead.reviewerId));
    await page.goto(`${baseUrl}/cycles/${cycleId}/peer-ratings`);
    await page.getByRole('button', { name: 'Continue to check your answers' }).waitFor();

    // Assess 3: the half-done answers came back
    await expect(page.getByRole('radio', { name: `Not met (standard ${half[0]})`, exact: true }).isChecked()).resolves.toBe(true);
    await expect(page.getByRole('radio', { name: `Met (standard ${half[19]})`, exact: true }).isChecked()).resolves.toBe(true);
    await expect(page.getByLabel(`The team's comment on standard ${half[0]} (optional)`).inputValue()).resolves.toContain('Two of six case notes');
    await expect(page.getByText('20 of 40 standards rated').count()).resolves.toBe(1);
    await expectAccessible(page, 'ratings resumed from the draft');

    // Act 4: finish, check, submit
    await rate(page, standardIds.slice(20), 'Met');
    await page.getByLabel('Areas for development').fill('Record risk assessments within 24 hours');
    await page.getByRole('button', { name: 'Continue to check your answers' }).click();
    await page.getByRole('heading', { name: 'Check your answers before submitting the ratings' }).waitFor();
    await expectAccessible(page, 'check your answers');
    await page.getByRole('button', { name: 'Submit the peer ratings' }).click();
    await page.getByRole('heading', { name: 'Peer ratings submitted' }).waitFor();
    await expectAccessible(page, 'ratings submitted');

    // Assess 4: what the API recorded, and no draft left behind
    const task = await waitForTask(env, cycleId, 'peer-ratings', 'submitted');
    const { body } = await callApi<{ task: { submission: { ratings: { standardId: string; rating: string; comment?: string }[]; goodPractice: string[]; areasForDevelopment: string[] } } }>(
      env.app,
      'GET',
      `/cycles/${cycleId}/tasks/peer-ratings`,
    );
    expect(task.status).toBe('submitted');
    expect(body.task.submission.ratings).toHaveLength(40);
    expect(evidenceHref).toBe('https://intranet.hill.example/audit.pdf');
    expect(body.task.submission.ratings[0]).toEqual({ standardId: half[0], rating: 'not-met', comment: 'Two of six case notes had no risk assessment within 24 hours.' });
    expect(body.task.submission.goodPractice).toEqual(['Daily safety huddle with patients', 'Peer support worker on every shift']);
    expect(body.task.submission.areasForDevelopment).toEqual(['Record risk assessments within 24 hours']);
    await expect(page.evaluate<string[]>("Object.keys(localStorage).filter((key) => key.startsWith('accredit:peer-ratings:'))")).resolves.toEqual([]);
    await context.close();
  });
});
