// Staff allocate a review team by hand in a browser (issue 8): a cycle whose host works in one
// lead's service and the other lead's organisation waits for staff; the page lists every reviewer
// of the pool, eligible or excluded and why (conflict of interest, same organisation, host
// service); a rule the network does not let staff override is refused on the page, the API's 409
// for a team that breaks the composition comes back into the error summary, and a team with an
// overridden rule and its reason is checked, confirmed and sent. axe-core at WCAG 2.2 AA throughout.
import { allowOverridableRules } from '../support/network-rules.ts';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NETWORK, enrolAndStart, offeredDates, reviewerPool, selfReviewBody, submit, today, waitForTask } from '../support/cycle-walk.ts';
import { callApi, cycleItems, startTestApp } from '../support/local-app.ts';
import type { TestApp } from '../support/local-app.ts';
import { axeViolations, buildWebForTest, launchChromium, screenshot, signInAs } from './support/browser.ts';

let env: TestApp;
let browser: Browser;
let baseUrl: string;
let cycleId: string;

const expectAccessible = async (page: Page, state: string) => {
  expect({ state, violations: await axeViolations(page) }).toEqual({ state, violations: [] });
};

const summaryItems = async (page: Page): Promise<string[]> => {
  const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
  await summary.waitFor();
  return summary.locator('li').allInnerTexts();
};

/** The row of one reviewer in the pool table, as text. */
const rowOf = (page: Page, name: string) => page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: new RegExp(`^${name}`) }) });

describe('Browser: staff allocate a review team by hand', { timeout: 240_000 }, () => {
  beforeAll(async () => {
    await buildWebForTest();
    env = await startTestApp();
    baseUrl = env.app.urls.api;
    // The test pool, with a declared conflict of interest with the host service.
    const pool = reviewerPool(today(env)).map((reviewer) => (reviewer.id === 'expert-a' ? { ...reviewer, conflicts: ['home-lead-b'] } : reviewer));
    expect((await callApi(env.app, 'PUT', `/networks/${NETWORK}/reviewers`, { reviewers: pool })).status).toBe(200);
    // The host works in lead-b's service and lead-a's organisation: no lead is eligible.
    ({ cycleId } = await enrolAndStart(env, 'home-lead-b', 'hand', { organisationId: 'org-lead-a' }));
    await waitForTask(env, cycleId, 'self-review');
    expect((await submit(env, cycleId, 'self-review', selfReviewBody)).status).toBe(202);
    await waitForTask(env, cycleId, 'peer-review-scheduling');
    expect((await submit(env, cycleId, 'peer-review-scheduling', { offeredBy: 'Service lead', dates: offeredDates(env) })).status).toBe(202);
    await waitForTask(env, cycleId, 'manual-allocation');
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await env?.stop();
  });

  it('lists each reviewer with why they are excluded, shows the API refusal, and sends a team with an overridden rule', async () => {
    // Prepare
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    const page = await context.newPage();
    await signInAs(page, baseUrl, 'Network staff');
    await page.goto(`${baseUrl}/cycles/${cycleId}`);

    // Act: from the cycle page to the pool
    await page.getByRole('link', { name: 'Allocate the review team by hand' }).click();
    await page.getByRole('heading', { name: 'Allocate the review team by hand' }).waitFor();
    await page.getByRole('table', { name: /Reviewer pool on/ }).waitFor();
    const leadA = await rowOf(page, 'Reviewer lead-a').innerText();
    const leadB = await rowOf(page, 'Reviewer lead-b').innerText();
    const expertA = await rowOf(page, 'Reviewer expert-a').innerText();
    const expertB = await rowOf(page, 'Reviewer expert-b').innerText();
    await expectAccessible(page, 'reviewer pool');
    await screenshot(page, 'hand-allocation.png');
    // Act: Continue with nobody chosen
    await page.getByRole('button', { name: 'Continue' }).click();
    const nobodyChosen = await summaryItems(page);
    // Act: lead-a as lead breaks a rule this network does not let staff override
    await page.getByLabel('Role of Reviewer lead-a on the team').selectOption('lead');
    await page.getByLabel('Role of Reviewer peer-a on the team').selectOption('professional');
    await page.getByRole('button', { name: 'Continue' }).click();
    const notOverridable = await summaryItems(page);
    await expectAccessible(page, 'a rule that cannot be overridden');
    // Act: the network now allows it; a team without a professional peer is the API's to refuse
    await allowOverridableRules(env, NETWORK, cycleId, ['same-organisation']);
    await page.reload();
    await page.getByRole('table', { name: /Reviewer pool on/ }).waitFor();
    await page.getByLabel('Role of Reviewer lead-a on the team').selectOption('lead');
    await page.getByLabel('Role of Reviewer expert-b on the team').selectOption('expert-by-experience');
    await page.getByRole('button', { name: 'Continue' }).click();
    const reasonMissing = await summaryItems(page);
    await page.getByLabel(/Why Reviewer lead-a may serve despite/).fill('A different site of the trust, no line management');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { name: 'Check the team before you allocate it' }).waitFor();
    await expectAccessible(page, 'check the team');
    await page.getByRole('button', { name: 'Allocate the team' }).click();
    const refusedByApi = await summaryItems(page);
    await expectAccessible(page, 'the API refuses the team');
    // Act: add a professional peer and send
    await page.getByLabel('Role of Reviewer peer-a on the team').selectOption('professional');
    await page.getByRole('button', { name: 'Continue' }).click();
    const checked = await page.locator('main').innerText();
    await page.getByRole('button', { name: 'Allocate the team' }).click();
    await page.getByText('The review team is allocated: each member is invited to accept').waitFor();
    await expectAccessible(page, 'cycle page after allocation');
    const allocated = (await cycleItems(env.table, env.app.tableName, cycleId)).find((item) => String(item.sk).startsWith('AUDIT#') && item.type === 'team-allocated');

    // Assess
    expect(leadA).toContain('Excluded');
    expect(leadA).toContain('Same organisation as the host: works for the host organisation org-lead-a');
    expect(leadB).toContain('Works in the host service: works in the host service home-lead-b');
    expect(expertA).toContain('Declared conflict of interest: declared a conflict with home-lead-b');
    expect(expertB).toContain('Eligible');
    expect(nobodyChosen).toEqual(['Choose a lead reviewer: set one reviewer’s role to lead reviewer', 'Choose at least one member besides the lead reviewer']);
    expect(notOverridable).toEqual([expect.stringMatching(/^Reviewer lead-a cannot serve on .*: same organisation as the host \(works for the host organisation org-lead-a\)\. The network does not let staff override this rule$/)]);
    expect(reasonMissing).toEqual(['Enter why Reviewer lead-a may serve despite: same organisation as the host']);
    expect(refusedByApi).toEqual([expect.stringMatching(/^The team: Team composition \(leads, peers, experts by experience\)\. The team has 0 professional peer/)]);
    expect(checked).toContain('A different site of the trust, no line management');
    expect(allocated?.detail).toMatchObject({ mode: 'manual', overridden: [{ reviewerId: 'lead-a', rule: 'same-organisation', reason: 'A different site of the trust, no line management' }] });
    await context.close();
  });
});
