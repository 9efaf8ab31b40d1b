// The network overview in a browser (issue 8, charts): a cohort launched, some self-reviews sent,
// the clock moved so deadlines fall in the next weeks; staff open the overview from the header and
// see three charts drawn by the chart library, each with its numbers under "Show as table".
// axe-core at WCAG 2.2 AA with the tables closed and open; the screenshot for the README.
import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitForTask } from '../support/cycle-walk.ts';
import { exampleNetworkDir } from '../support/function-fixtures.ts';
import { startTestApp, waitFor } from '../support/local-app.ts';
import type { TestApp } from '../support/local-app.ts';
import { callApiAs } from '../support/operations.ts';
import { axeViolations, buildWebForTest, launchChromium, screenshot, signInAs } from './support/browser.ts';

const NETWORK = 'ccqi-accreditation-example';
const COHORT = '2025-overview';
const SERVICES = ['alder-ward', 'birch-unit', 'cedar-picu', 'elm-ward', 'fir-unit'];
/** The first three send their self-review; the other two are still at it. */
const REVIEWED = SERVICES.slice(0, 3);
const DAY_MS = 86_400_000;

let env: TestApp;
let browser: Browser;
let standards: { id: string; type: string }[];

/** Service n rates every (n+2)th standard not met, so each standard's % met is known in advance. */
const ratingsOf = (serviceIndex: number): Record<string, string> =>
  Object.fromEntries(standards.map((standard, index) => [standard.id, index % (serviceIndex + 2) === 0 ? 'not-met' : 'met']));

const cycleIdOf = (serviceId: string) => `${COHORT}--${serviceId}`;

/** The parts of the DOM's canvas these probes read (the test's tsconfig has no DOM types). */
interface CanvasLike {
  width: number;
  height: number;
  getContext(kind: '2d'): { getImageData(x: number, y: number, width: number, height: number): { data: Uint8ClampedArray } } | null;
}

/** True once the chart library has drawn on the canvas: some pixel is not transparent. */
const drawn = (canvas: Locator) =>
  canvas.evaluate((element) => {
    const canvasElement = element as unknown as CanvasLike;
    const context = canvasElement.getContext('2d');
    if (!context || canvasElement.width === 0) return false;
    return context.getImageData(0, 0, canvasElement.width, canvasElement.height).data.some((value, index) => index % 4 === 3 && value > 0);
  });

const expectAccessible = async (page: Page, state: string) => {
  expect({ state, violations: await axeViolations(page) }).toEqual({ state, violations: [] });
};

const tableRows = async (section: Locator): Promise<string[][]> =>
  section.locator('table tbody tr').evaluateAll((rows) => rows.map((row) => [...row.children].map((cell) => (cell as unknown as { innerText: string }).innerText.trim())));

describe('Browser: the network overview', { timeout: 240_000 }, () => {
  beforeAll(async () => {
    await buildWebForTest();
    env = await startTestApp();
    standards = parse(await readFile(`${exampleNetworkDir}standards.csv`, 'utf8'), { columns: true, skip_empty_lines: true }) as { id: string; type: string }[];
    for (const serviceId of SERVICES) {
      const enrolled = await callApiAs(env.app, 'staff', 'POST', '/services', {
        serviceId,
        name: `Service ${serviceId}`,
        organisationId: `org-${serviceId}`,
        networkId: NETWORK,
        membershipType: 'accreditation',
        leadEmail: `lead@${serviceId}.example.org`,
      });
      expect(enrolled.status).toBeLessThan(300);
    }
    const launched = await callApiAs(env.app, 'staff', 'POST', `/cohorts/${COHORT}/launch`, { networkId: NETWORK });
    expect(launched.status).toBe(200);
    for (const [index, serviceId] of REVIEWED.entries()) {
      const path = `/cycles/${cycleIdOf(serviceId)}/tasks/self-review`;
      await waitForTask(env, cycleIdOf(serviceId), 'self-review');
      const sent = await callApiAs(env.app, 'staff', 'POST', path, { submittedBy: `lead@${serviceId}.example.org`, summary: 'Done', ratings: ratingsOf(index) });
      expect(sent.status).toBeLessThan(300);
    }
    await waitFor('three cycles past self-review', async () => {
      const { body } = await callApiAs<{ cycles: { stage: string }[] }>(env.app, 'staff', 'GET', `/cycles?cohortId=${COHORT}`);
      return body.cycles.filter((cycle) => cycle.stage !== 'self-review').length === REVIEWED.length ? true : undefined;
    }, 60_000);
    // To 7 April 2025: the open self-reviews' deadline (6 May) is then in the next 8 weeks.
    await env.app.stepFunctions.clock.advance(91 * DAY_MS);
    browser = await launchChromium();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await env?.stop();
  });

  it('refuses a service user the overview API, and answers 400 naming cohortId for a malformed one', async () => {
    // Act
    const service = await callApiAs(env.app, `service:org-${SERVICES[0]}`, 'GET', `/networks/${NETWORK}/overview`);
    const malformed = await callApiAs<{ issues: { field: string }[] }>(env.app, 'staff', 'GET', `/networks/${NETWORK}/overview?cohortId=${encodeURIComponent('a b')}`);
    // Assess
    expect(service.status).toBe(403);
    expect(malformed.status).toBe(400);
    expect(malformed.body.issues.map((issue) => issue.field)).toContain('cohortId');
  });

  it('staff open the overview from the header and see three charts, each with its table', async () => {
    // Prepare
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    const page = await context.newPage();
    await signInAs(page, env.app.urls.api, 'Network staff');

    // Act
    await page.getByRole('link', { name: 'Network overview' }).click();
    await page.getByRole('heading', { name: 'Network overview' }).waitFor();
    await page.getByLabel('Cohort', { exact: true }).selectOption(COHORT);
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    await page.waitForURL(/cohort=2025-overview/);
    // The page's caption ("<network>, cohort <id>"), not the link to the cohort's network report
    await page.locator('.nhsuk-caption-l', { hasText: `cohort ${COHORT}` }).waitFor();
    const sections = { stages: page.locator('[data-chart="stages"]'), deadlines: page.locator('[data-chart="deadlines"]'), compliance: page.locator('[data-chart="compliance"]') };
    const canvases = page.locator('canvas[role="img"]');
    await waitFor('every chart drawn', async () => {
      const all = await canvases.all();
      return all.length >= 3 && (await Promise.all(all.map(drawn))).every(Boolean) ? true : undefined;
    }, 30_000);
    await expectAccessible(page, 'overview, tables closed');
    // The README's picture shows the page at rest, not the focus ring of the button just pressed.
    await page.evaluate('document.activeElement && document.activeElement.blur()');
    await screenshot(page, 'overview.png');
    for (const summary of await page.getByText('Show as table').all()) await summary.click();
    await expectAccessible(page, 'overview, tables open');

    // Assess: each section has a drawn chart with an accessible name, and its table
    for (const section of Object.values(sections)) {
      expect(await section.locator('canvas[role="img"]').count()).toBeGreaterThanOrEqual(1);
      expect(await section.locator('canvas[role="img"]').first().getAttribute('aria-label')).toMatch(/\d/);
      await expect(section.locator('table').first().isVisible()).resolves.toBe(true);
    }
    const stageRows: Record<string, string> = Object.fromEntries(await tableRows(sections.stages));
    expect(stageRows).toMatchObject({ 'Self-review': String(SERVICES.length - REVIEWED.length) });
    expect(Object.values(stageRows).reduce((sum, count) => sum + Number(count), 0)).toBe(SERVICES.length);
    const weeks = await tableRows(sections.deadlines);
    expect(weeks).toHaveLength(8);
    expect(weeks[0][0]).toBe('7 April 2025 to 13 April 2025');
    // The two open self-reviews are due on 6 May 2025: the week from 5 May.
    expect(weeks.find(([week]) => week.startsWith('5 May 2025'))?.[1]).toBe(String(SERVICES.length - REVIEWED.length));
    // Standard at index 0 is rated not met by all three; index 1 by none; index 2 by the first only (1 of 3 not met).
    // The two services still at their self-review have no ratings, so they are not counted at all.
    const complianceRows = new Map((await tableRows(sections.compliance)).map((row) => [row[0], row]));
    expect(complianceRows.get(standards[0].id)?.slice(2)).toEqual(['0', '3', '0', '0', '0%']);
    expect(complianceRows.get(standards[1].id)?.slice(2)).toEqual(['3', '0', '0', '0', '100%']);
    expect(complianceRows.get(standards[2].id)?.slice(2)).toEqual(['2', '1', '0', '0', '66.7%']);
    const types = await sections.compliance.locator('[data-standard-type]').evaluateAll((groups) => groups.map((group) => group.getAttribute('data-standard-type')));
    expect(types).toEqual([...new Set(standards.map((standard) => standard.type))].sort());
    await context.close();
  });
});
