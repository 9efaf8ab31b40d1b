// The next review sees the plan (issue 13), in a browser: a service accredited with standard 1.1 not
// met took it on as action A1 with a PDSA cycle; on the measure page it defines a measure that follows
// A1 (first naming an action the plan does not have) and imports 24 months. Its interim review starts
// on its morning (the schedule its accreditation booked, the clock moved on), and the interim
// self-review shows, under "Since your last review", standard 1.1 with the action, its owner, status,
// PDSA ramp and the measure's run chart with the shift in words. axe-core at WCAG 2.2 AA on each page.
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadNetwork } from '../support/cycle-walk.ts';
import { MONTHLY_CSV, accreditWithPlan, startFollowUp } from '../support/follow-up-walk.ts';
import type { Accredited } from '../support/follow-up-walk.ts';
import { startTestApp } from '../support/local-app.ts';
import type { TestApp } from '../support/local-app.ts';
import { axeViolations, buildWebForTest, launchChromium, signInAs } from './support/browser.ts';

let env: TestApp;
let browser: Browser;
let baseUrl: string;
let cycleId: string;
let interim: Accredited['interim'];

const docs = (name: string) => fileURLToPath(new URL(`../../docs/${name}`, import.meta.url));

describe('Browser: the interim review’s self-review shows what the last review’s plan did', { timeout: 400_000 }, () => {
  beforeAll(async () => {
    await buildWebForTest();
    env = await startTestApp();
    baseUrl = env.app.urls.api;
    await loadNetwork(env);
    ({ cycleId, interim } = await accreditWithPlan(env, 'svc-next-web', { withMeasure: false }));
    browser = await launchChromium();
  }, 400_000);

  afterAll(async () => {
    await browser?.close();
    await env?.stop();
  });

  it('links a measure to action A1, then shows standard 1.1 with its action, owner, status, PDSA ramp and the run chart of its measure', async () => {
    // Prepare
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    const page = await context.newPage();
    await signInAs(page, baseUrl, 'Service user at org-svc-next-web');

    // Act: a measure that follows action A1 of the first cycle's plan, first named A9
    await page.goto(`${baseUrl}/cycles/${cycleId}/measures/risk-assessed`);
    await page.getByRole('heading', { name: 'A new measure' }).waitFor();
    await page.getByLabel('Name').fill('Patients with a risk assessment in 24 hours');
    await page.getByLabel('Definition').fill('Admissions assessed for risk within 24 hours, over all admissions');
    await page.getByLabel('Numerator (what is counted)').fill('Assessed within 24 hours');
    await page.getByLabel('Denominator (out of what)').fill('Admissions');
    await page.getByLabel('Action it follows (optional)').fill('A9');
    await page.getByRole('button', { name: 'Save the measure' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    await summary.waitFor();
    const linkErrors = await summary.getByRole('listitem').allTextContents();
    const measureViolations = await axeViolations(page);
    await page.getByLabel('Action it follows (optional)').fill('A1');
    await page.getByRole('button', { name: 'Save the measure' }).click();
    await page.getByText('No data yet').waitFor();
    await page.getByLabel('Or paste the CSV').fill(MONTHLY_CSV);
    await page.getByRole('button', { name: 'Import the data' }).click();
    await page.getByText('The data is imported').waitFor();
    const interimCycleId = await startFollowUp(env, interim);

    // Act: the interim review's self-review
    await page.goto(`${baseUrl}/cycles/${interimCycleId}/tasks/self-review`);
    const section = page.getByRole('region', { name: 'Since your last review' });
    await section.waitFor();
    const headings = await section.getByRole('heading', { level: 3 }).allInnerTexts();
    const card = section.locator('.nhsuk-card').first();
    const rows = await card.locator('.nhsuk-summary-list__row').allInnerTexts();
    const chart = card.locator('figure');
    const shown = {
      text: await section.textContent(),
      action: await card.getByRole('heading', { level: 4 }).innerText(),
      caption: await chart.locator('figcaption').innerText(),
      labelledBy: await chart.getByRole('img').getAttribute('aria-labelledby'),
      chartText: await chart.textContent(),
    };
    const violations = await axeViolations(page);
    await section.screenshot({ path: docs('last-review.png') });

    // Act: standard 1.1 on its own section page says the same in a line
    await page.getByRole('link', { name: 'Admission and assessment' }).click();
    const standardCard = page.locator('.app-standard').filter({ has: page.getByRole('heading', { name: /^1\.1/ }) });
    const inset = standardCard.locator('.nhsuk-inset-text');
    await inset.waitFor();
    const sinceLine = (await inset.innerText()).replace(/\s+/g, ' ').trim();
    const otherInsets = await page.locator('.app-standard .nhsuk-inset-text').count();
    const sectionViolations = await axeViolations(page);

    // Assess
    expect(linkErrors).toEqual(['The action plan of this cycle has no action A9']);
    expect(measureViolations).toEqual([]);
    expect(shown.text).toContain(`cycle ${cycleId}`);
    expect(headings).toEqual([expect.stringMatching(/^Standard 1\.1: /), 'Other actions']);
    expect(shown.action).toMatch(/^A1: Meet 1\.1: /);
    expect(rows.map((row) => row.replace(/\s+/g, ' ').trim())).toEqual([
      'Owner Ward manager',
      expect.stringMatching(/^Status In progress \(due \d{1,2} \w+ \d{4}\)$/),
      expect.stringMatching(/^PDSA cycles 1 cycle, change adopted; last Act: adopt on \d{1,2} \w+ \d{4}$/),
    ]);
    expect(shown.caption).toBe('Measure: Patients with a risk assessment in 24 hours');
    expect(shown.labelledBy).toBeTruthy();
    expect(shown.chartText).toContain('Shift: 12 points above the median');
    expect(violations).toEqual([]);
    expect(sinceLine).toMatch(/^Information: Since your last review: A1: Meet 1\.1: .* \(In progress, owner Ward manager; PDSA: 1 cycle, change adopted; last Act: adopt on .*\)\. See the measure charts on the self-review page\.$/s);
    expect(otherInsets).toBe(1);
    expect(sectionViolations).toEqual([]);
    await context.close();
  });
});
