// A service turns its review into an action plan in a browser and logs two PDSA cycles (issue 13,
// browser tests 1 and 2): from the cycle's report to the plan, a finding accepted, two merged into
// one action, its own action (after the error summary for an empty form), a status moved on; then one
// action's PDSA ramp: plan, do, study, act (adapt), and a second cycle adopted. Staff then see every
// service's plan. axe-core at WCAG 2.2 AA on every page and state.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addWorkingDays } from '#core/calendar';
import { enrolAndStart, loadNetwork, today, walkToCommittee } from '../support/cycle-walk.ts';
import { startTestApp } from '../support/local-app.ts';
import type { TestApp } from '../support/local-app.ts';
import { axeViolations, buildWebForTest, launchChromium, screenshot, signInAs } from './support/browser.ts';

let env: TestApp;
let browser: Browser;
let baseUrl: string;
let cycleId: string;

const SERVICE = 'Service user at org-svc-actions';

const expectAccessible = async (page: Page, state: string) => {
  expect({ state, violations: await axeViolations(page) }).toEqual({ state, violations: [] });
};

const fillDueDate = async (page: Page, date: string) => {
  const [year, month, day] = date.split('-');
  const group = page.getByRole('group', { name: 'Due date' });
  await group.getByLabel('Day').fill(String(Number(day)));
  await group.getByLabel('Month').fill(String(Number(month)));
  await group.getByLabel('Year').fill(year);
};

const banner = (page: Page, text: string | RegExp) => page.getByRole('alert').filter({ hasText: text }).waitFor();

/** Records the open cycle's next phase on the PDSA page and waits for its banner. */
const record = async (page: Page, fields: Record<string, string>, done: RegExp) => {
  for (const [label, value] of Object.entries(fields)) await page.getByLabel(label).fill(value);
  await page.getByRole('button', { name: /^Save/ }).click();
  await banner(page, done);
};

describe('Browser: a service turns its review into an action plan and logs PDSA cycles', { timeout: 400_000 }, () => {
  beforeAll(async () => {
    await buildWebForTest();
    env = await startTestApp();
    baseUrl = env.app.urls.api;
    await loadNetwork(env);
    ({ cycleId } = await enrolAndStart(env, 'svc-actions', 'plan', { organisationId: 'org-svc-actions' }));
    await walkToCommittee(env, cycleId, { notMet: ['1.1', '1.3', '1.4'] });
    browser = await launchChromium();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await env?.stop();
  });

  it('accepts and merges findings, adds its own action, moves a status on, logs two PDSA cycles; staff see the plan', async () => {
    // Prepare
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    const page = await context.newPage();
    await signInAs(page, baseUrl, SERVICE);
    const dueOn = addWorkingDays(today(env), 40);

    // Act: from the cycle's report to its action plan
    await page.goto(`${baseUrl}/cycles/${cycleId}`);
    await page.getByRole('link', { name: 'The action plan made from this review' }).click();
    await page.getByRole('heading', { name: 'Action plan: Service svc-actions' }).waitFor();
    const findings = await page.locator('.nhsuk-checkboxes__label').allInnerTexts();
    await expectAccessible(page, 'plan, no actions');

    // Act: accept one finding as it is
    await page.getByLabel(/^Meet 1\.1:/).check();
    await page.getByLabel('Owner').fill('Ward manager');
    await fillDueDate(page, dueOn);
    await page.getByRole('button', { name: 'Accept as an action' }).click();
    await banner(page, /Action A1 added/);

    // Act: merge two findings into one action
    await page.getByLabel(/^Meet 1\.3:/).check();
    await page.getByLabel(/^Meet 1\.4:/).check();
    await page.getByLabel('Title').fill('Admission checks within 24 to 48 hours');
    await page.getByLabel('Owner').fill('Matron');
    await fillDueDate(page, dueOn);
    await page.getByRole('button', { name: 'Merge into one action' }).click();
    await banner(page, /Action A2 added/);

    // Act: its own action, first sent empty
    await page.getByRole('button', { name: 'Add your own action' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    await summary.waitFor();
    const emptyErrors = await summary.locator('li').allInnerTexts();
    await expectAccessible(page, 'plan, an empty own action refused');
    await page.getByLabel('Title').fill('Weekly huddle on risk assessments');
    await page.getByLabel('Owner').fill('Ward manager');
    await fillDueDate(page, dueOn);
    await page.getByRole('button', { name: 'Add your own action' }).click();
    await banner(page, /Action A3 added/);

    // Act: move the accepted action on
    await page.getByLabel('Status of action A1').selectOption('in-progress');
    await page.getByRole('button', { name: 'Update status of action A1' }).click();
    await banner(page, 'Action A1 is now in progress');
    const cards = await page.locator('.nhsuk-card h3').allInnerTexts();
    const leftOver = await page.locator('.nhsuk-checkboxes__label').allInnerTexts();
    await expectAccessible(page, 'plan, three actions');
    await screenshot(page, 'action-plan.png');

    // Act: the merged action's PDSA ramp, two cycles
    await page.getByRole('link', { name: 'Plan and record PDSA cycles for action A2' }).click();
    await page.getByRole('heading', { name: 'Admission checks within 24 to 48 hours' }).waitFor();
    await expectAccessible(page, 'PDSA, no cycles');
    await record(page, { 'What change will you try?': 'Admission checklist on bay A for two weeks', 'What do you predict will happen?': '8 in 10 admissions checked within 24 hours' }, /Cycle 1 planned/);
    await record(page, { 'What happened when you tried it?': 'Used on day shifts; nights did not know about it' }, /Do recorded for cycle 1/);
    await record(page, { 'What did the data show, compared with your prediction?': '6 in 10 within 24 hours: every miss was a night admission' }, /Study recorded for cycle 1/);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('alert').filter({ hasText: 'There is a problem' }).waitFor();
    const actErrors = await page.getByRole('alert').filter({ hasText: 'There is a problem' }).locator('li').allInnerTexts();
    await expectAccessible(page, 'PDSA, act without a decision refused');
    await page.getByLabel('Adapt').check();
    await record(page, { 'Next steps (optional)': 'Add the checklist to the night handover' }, /Act recorded for cycle 1/);
    await record(page, { 'What change will you try?': 'Checklist in the night handover, all bays', 'What do you predict will happen?': '9 in 10 within 24 hours' }, /Cycle 2 planned/);
    await record(page, { 'What happened when you tried it?': 'All bays, days and nights, for three weeks' }, /Do recorded for cycle 2/);
    await record(page, { 'What did the data show, compared with your prediction?': '19 in 20 within 24 hours' }, /Study recorded for cycle 2/);
    await page.getByLabel('Adopt').check();
    await page.getByRole('button', { name: 'Save' }).click();
    await banner(page, /Act recorded for cycle 2/);
    const ramp = await page.locator('.app-ramp .nhsuk-card h3').allInnerTexts();
    const rampState = await page.locator('.nhsuk-summary-list__row').filter({ hasText: 'PDSA ramp' }).locator('dd').innerText();
    const plannedOn = await page.locator('.app-ramp .nhsuk-summary-list__key').first().innerText();
    await expectAccessible(page, 'PDSA, two cycles, adopted');
    await screenshot(page, 'pdsa-ramp.png');

    // Act: staff see every service's plan
    const staffContext = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    const staff = await staffContext.newPage();
    await signInAs(staff, baseUrl, 'Network staff');
    await staff.goto(`${baseUrl}/action-plans`);
    await staff.getByRole('table').waitFor();
    const row = await staff.getByRole('row').filter({ hasText: 'Service svc-actions' }).locator('td').allInnerTexts();
    await expectAccessible(staff, 'staff, every plan');
    await screenshot(staff, 'action-plans.png');

    // Assess
    expect(findings.slice(0, 3).map((text) => text.slice(0, 8))).toEqual(['Meet 1.1', 'Meet 1.3', 'Meet 1.4']);
    expect(findings).toHaveLength(4);
    expect(emptyErrors).toEqual(['Enter a title for your action', 'Enter who owns the action', 'Enter the due date']);
    expect(cards.map((text) => text.split('\n').pop())).toEqual([expect.stringMatching(/^Meet 1\.1: /), 'Admission checks within 24 to 48 hours', 'Weekly huddle on risk assessments']);
    expect(leftOver).toEqual([expect.stringMatching(/^Admission and assessment: 3 standard\(s\) not met/)]);
    expect(actErrors).toEqual(['Choose adopt, adapt or abandon']);
    expect(ramp).toEqual(['Cycle 1: Admission checklist on bay A for two weeks', 'Cycle 2: Checklist in the night handover, all bays']);
    expect(rampState).toBe('Change adopted');
    expect(plannedOn).toMatch(/^Plan\n+\d{1,2} \w+ \d{4}$/);
    expect(row.slice(1, 4)).toEqual(['3', '0', '0']);
    expect(row[5]).toBe('2');
    await staffContext.close();
    await context.close();
  });
});
