// Staff in a browser (issue 8): sign in through the local picker, the cohort board, launching a
// cohort twice (the second launch starts nothing new), the board filtered to overdue after the
// workflow clock moves, a cycle page, and one flow with the keyboard only. Debian's chromium via
// playwright-core; axe-core at WCAG 2.2 AA on every page and state visited; screenshots to docs/.
import { readFile } from 'node:fs/promises';
import { StartExecutionCommand } from '@aws-sdk/client-sfn';
import { parse } from 'csv-parse/sync';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, waitFor, waitForExecutionEnd } from '../support/local-app.ts';
import type { TestApp } from '../support/local-app.ts';
import { seedCycles } from '../support/board-seed.ts';
import { callApiAs } from '../support/operations.ts';
import { axeViolations, buildWebForTest, launchChromium, screenshot, signInAs, tabTo } from './support/browser.ts';

const NETWORK = 'ccqi-accreditation-example';
const SERVICES = [
  { serviceId: 'hill-ward', name: 'Hill Ward', organisationId: 'north-trust' },
  { serviceId: 'riverside-picu', name: 'Riverside PICU', organisationId: 'river-trust' },
  { serviceId: 'oak-unit', name: 'Oak Unit', organisationId: 'east-trust' },
  { serviceId: 'willow-ward', name: 'Willow Ward', organisationId: 'west-trust' },
];
const DAY_MS = 86_400_000;

let env: TestApp;
let browser: Browser;
let baseUrl: string;

const newPage = async (): Promise<{ context: BrowserContext; page: Page }> => {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  return { context, page: await context.newPage() };
};

/** Asserts the page as it is now has no WCAG 2.2 AA violation, naming the state on failure. */
const expectAccessible = async (page: Page, state: string) => {
  expect({ state, violations: await axeViolations(page) }).toEqual({ state, violations: [] });
};

const cyclesOf = async (cohortId: string) => {
  const { body } = await callApiAs<{ cycles: { cycleId: string; status: string }[] }>(env.app, 'staff', 'GET', `/cycles?cohortId=${cohortId}`);
  return body.cycles;
};

/** Clicks a download button and parses the CSV file the browser saved. */
const downloadCsv = async (page: Page, button: string): Promise<Record<string, string>[]> => {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
  const path = await download.path();
  return parse(await readFile(path, 'utf8'), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
};

// A browser on two shared cores is slow: each step waits on the page, so allow minutes, not the suite's 60 s.
describe('Browser: staff run the board', { timeout: 180_000 }, () => {
  beforeAll(async () => {
    await buildWebForTest();
    env = await startTestApp();
    baseUrl = env.app.urls.api;
    for (const service of SERVICES) {
      const enrolled = await callApiAs(env.app, 'staff', 'POST', '/services', {
        ...service,
        networkId: NETWORK,
        membershipType: 'accreditation',
        leadEmail: `lead@${service.serviceId}.example.org`,
      });
      expect(enrolled.status).toBeLessThan(300);
    }
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await env?.stop();
  });

  it('the accessibility check finds a violation when the page has one (the harness can fail)', async () => {
    // Prepare
    const { context, page } = await newPage();
    await page.goto(`${baseUrl}/`);
    await page.getByRole('heading', { name: 'Sign in to accreditation cycles' }).waitFor();

    // Act: an image with no text alternative and a field with no label
    await page.evaluate("document.querySelector('main').insertAdjacentHTML('beforeend', '<img src=\\'/assets/images/favicon.svg\\'><input type=\\'text\\'>')");
    const violations = await axeViolations(page);

    // Assess
    expect(violations.map((violation) => violation.id)).toEqual(expect.arrayContaining(['image-alt', 'label']));
    await context.close();
  });

  it('staff sign in through the local picker and see the board', async () => {
    // Prepare
    const { context, page } = await newPage();

    // Act
    await page.goto(`${baseUrl}/`);
    await page.getByRole('heading', { name: 'Sign in to accreditation cycles' }).waitFor();
    await expectAccessible(page, 'start page');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Sign in as' }).waitFor();
    await expectAccessible(page, 'local sign-in picker');
    await page.getByLabel('Network staff').check();
    await page.getByRole('button', { name: 'Sign in' }).click();

    // Assess
    await page.getByRole('heading', { name: 'Cohort board' }).waitFor();
    await expect(page.getByRole('navigation', { name: 'Account' }).textContent()).resolves.toContain('Network staff');
    await page.getByText('No cycles match.').waitFor();
    await expectAccessible(page, 'empty board');
    await context.close();
  });

  it('staff launch a cohort, see each service started, then launch it again and nothing new starts', async () => {
    // Prepare
    const { context, page } = await newPage();
    await signInAs(page, baseUrl, 'Network staff');
    await page.getByRole('button', { name: 'Launch a cohort' }).click();
    await page.getByRole('heading', { name: 'Launch a cohort' }).waitFor();
    await expectAccessible(page, 'launch form');

    // Act: first without a cohort name, then as it should be
    await page.getByRole('button', { name: 'Launch cohort' }).click();
    await page.getByRole('alert').getByText('Enter the cohort name').waitFor();
    await expectAccessible(page, 'launch form with an error');
    await page.getByLabel('Cohort name').fill('2025-spring');
    await page.getByLabel('Network').selectOption(NETWORK);
    await page.getByRole('button', { name: 'Launch cohort' }).click();
    await page.getByRole('heading', { name: 'Cohort 2025-spring' }).waitFor();
    const first = await page.getByRole('table', { name: 'What happened for each service' }).innerText();
    await expectAccessible(page, 'launch results');
    await page.getByRole('button', { name: 'Launch cohort' }).click();
    await page.getByText('0 cycles started, 4 not started').waitFor();
    const second = await page.getByRole('table', { name: 'What happened for each service' }).innerText();
    await expectAccessible(page, 'second launch results');

    // Assess
    expect(first.match(/\bStarted\b/g)).toHaveLength(SERVICES.length);
    expect(second.match(/Already started: nothing new/g)).toHaveLength(SERVICES.length);
    expect(second).not.toMatch(/\bStarted\b/);
    expect(await cyclesOf('2025-spring')).toHaveLength(SERVICES.length);
    await page.getByRole('link', { name: 'Back to all cycles' }).click();
    await page.getByText(`Showing 1 to ${SERVICES.length} of ${SERVICES.length} cycles`).waitFor();
    for (const service of SERVICES) await page.getByRole('link', { name: service.name }).waitFor();
    await expect(page.getByRole('table').innerText()).resolves.toContain('in 83 working days');
    await expectAccessible(page, 'board with a cohort');
    await screenshot(page, 'board.png');
    const exported = await downloadCsv(page, 'Download as CSV');
    expect(exported.map((row) => row.serviceName).sort()).toEqual(SERVICES.map((service) => service.name).sort());
    expect(exported[0]).toMatchObject({ cohortId: '2025-spring', stage: 'self-review', status: 'awaiting-submission', deadlineInWorkingDays: '83' });
    await context.close();
  });

  it('staff open a cycle page: the timeline, who owes the open step, the emails and the audit trail', async () => {
    // Prepare
    const { context, page } = await newPage();
    await signInAs(page, baseUrl, 'Network staff');

    // Act
    await page.getByRole('link', { name: 'Hill Ward' }).click();
    await page.getByRole('heading', { name: 'Hill Ward' }).waitFor();

    // Assess
    const main = page.getByRole('main');
    await expect(main.innerText()).resolves.toContain('Owed by: The service (service lead)');
    await page.getByRole('table', { name: 'Timeline: planned and actual' }).getByText('Started 6 January 2025').first().waitFor();
    await page.getByRole('table', { name: 'Emails sent' }).getByText('lead@hill-ward.example.org').waitFor();
    const trail = await page.getByRole('table', { name: 'Audit trail' }).innerText();
    expect(trail).toContain('Cycle started');
    expect(trail).toContain('Step opened');
    expect(trail).not.toContain('tokenHash');
    await expectAccessible(page, 'cycle page');
    await screenshot(page, 'cycle-page.png');
    const audit = await downloadCsv(page, 'Download the audit trail as CSV');
    expect(audit.map((row) => row.type)).toEqual(expect.arrayContaining(['cycle-enrolled', 'task-opened']));
    expect(audit.map((row) => row.sequence)).toEqual(audit.map((_row, index) => String(index + 1)));
    await context.close();
  });

  it('staff filter the board to overdue once the clock passes the self-review deadline', async () => {
    // Prepare: past the self-review deadline (6 May 2025), the workflow marks every task overdue
    await env.app.stepFunctions.clock.advance(125 * DAY_MS);
    await waitFor('every cycle overdue', async () => ((await cyclesOf('2025-spring')).every((cycle) => cycle.status === 'overdue') ? true : undefined), 60_000);
    const { context, page } = await newPage();
    await signInAs(page, baseUrl, 'Network staff');

    // Act
    await page.getByLabel('Show').selectOption('overdue');
    await page.getByRole('button', { name: 'Apply filters' }).click();

    // Assess
    await page.waitForURL(/filter=overdue/);
    await page.getByText(`Showing 1 to ${SERVICES.length} of ${SERVICES.length} cycles`).waitFor();
    await expect(page.getByRole('table').innerText()).resolves.toMatch(/\d+ working days overdue/);
    await expectAccessible(page, 'board filtered to overdue');
    await page.getByLabel('Show').selectOption('stuck');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/filter=stuck/);
    await page.getByRole('status').getByText(/No cycles match|Showing/).waitFor();
    await expectAccessible(page, 'board filtered to stuck');
    await context.close();
  });

  it('staff extend an overdue deadline (the API refuses a past date, in its words) and withdraw a service, each after a confirmation', async () => {
    // Prepare: after the previous test the clock is past the self-review deadline, every task overdue
    const { context, page } = await newPage();
    await signInAs(page, baseUrl, 'Network staff');
    await page.getByRole('link', { name: 'Hill Ward' }).click();
    await page.getByRole('heading', { name: 'Hill Ward' }).waitFor();
    const fillDate = async (day: string, month: string, year: string) => {
      await page.getByLabel('Day').fill(day);
      await page.getByLabel('Month').fill(month);
      await page.getByLabel('Year').fill(year);
    };

    // Act: a date before today, confirmed, comes back refused
    await page.getByRole('link', { name: 'Extend the self-review deadline' }).click();
    await page.getByRole('heading', { name: 'Extend the self-review deadline' }).waitFor();
    await expectAccessible(page, 'extension form');
    await fillDate('1', '5', '2025');
    await page.getByLabel('Reason').fill('Ward move');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { name: 'Check before you extend the deadline' }).waitFor();
    await expectAccessible(page, 'extension check page');
    await page.getByRole('button', { name: 'Extend the deadline' }).click();
    await page.getByRole('alert').getByText(/is not after today/).waitFor();
    await expectAccessible(page, 'extension refused by the API');
    // Act: a later working day goes through
    await fillDate('3', '6', '2025');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: 'Extend the deadline' }).click();
    await page.getByText('The self-review deadline is now 3 June 2025').waitFor();
    await expectAccessible(page, 'cycle page after an extension');
    // Act: withdraw another service
    await page.goto(`${baseUrl}/cycles/2025-spring--willow-ward`);
    await page.getByRole('link', { name: 'Withdraw the service from this cycle' }).click();
    await page.getByLabel('Reason').fill('The ward closed');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByText('This cannot be undone').waitFor();
    await expectAccessible(page, 'withdrawal check page');
    await page.getByRole('button', { name: 'Withdraw the service' }).click();
    await page.getByText('The service is withdrawn from this cycle').waitFor();

    // Assess
    const cycle = async (cycleId: string) =>
      (await callApiAs<{ cycle: { status: string; currentDeadline?: string } }>(env.app, 'staff', 'GET', `/cycles/${cycleId}`)).body.cycle;
    await waitFor('the extension to reach the cycle', async () => ((await cycle('2025-spring--hill-ward')).currentDeadline?.startsWith('2025-06-03') ? true : undefined), 30_000);
    await waitFor('the withdrawal', async () => ((await cycle('2025-spring--willow-ward')).status === 'withdrawn' ? true : undefined), 30_000);
    await context.close();
  });

  it('keyboard only: staff sign in and launch a cohort without a mouse', async () => {
    // Prepare: two services of the other network, none with a cycle yet (the first network's all have one open).
    const fresh = [
      { serviceId: 'cedar-ward', name: 'Cedar Ward', organisationId: 'cedar-trust' },
      { serviceId: 'birch-unit', name: 'Birch Unit', organisationId: 'birch-trust' },
    ];
    for (const service of fresh) {
      const enrolled = await callApiAs(env.app, 'staff', 'POST', '/services', { ...service, networkId: 'mind-and-body-example', leadEmail: `lead@${service.serviceId}.example.org` });
      expect(enrolled.status).toBe(201);
    }
    const { context, page } = await newPage();
    await page.goto(`${baseUrl}/`);
    await page.getByRole('heading', { name: 'Sign in to accreditation cycles' }).waitFor();

    // Act
    await tabTo(page, /^Sign in$/);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Sign in as' }).waitFor();
    await tabTo(page, /Network staff/);
    await page.keyboard.press('Space');
    await tabTo(page, /^Sign in$/);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Cohort board' }).waitFor();
    // The green "Launch a cohort" (the header's menu has a plain link of the same name first) is a
    // link styled as a button: a keyboard user may press Space, as on any button.
    await tabTo(page, /^Launch a cohort$/, { role: 'button' });
    await page.keyboard.press('Space');
    await page.getByRole('heading', { name: 'Launch a cohort' }).waitFor();
    await page.getByLabel('Cohort name').waitFor();
    await tabTo(page, /^Network\s+Example/);
    // A focused select takes type-ahead, as it does for any keyboard user.
    await page.keyboard.type('Example Mind');
    const chosenNetwork = await page.locator('#network').inputValue();
    await tabTo(page, /Cohort name/);
    await page.keyboard.type('2025-autumn');
    await tabTo(page, /^Launch cohort$/);
    await page.keyboard.press('Enter');

    // Assess
    expect(chosenNetwork).toBe('mind-and-body-example');
    await page.getByText(`${fresh.length} cycles started, 0 not started`).waitFor();
    await expectAccessible(page, 'launch results reached by keyboard');
    expect(await cyclesOf('2025-autumn')).toHaveLength(fresh.length);
    await context.close();
  });

  it('staff page through a network of 30 cycles on the server (back and forward work), filter it to overdue, and see a failed cycle tagged Failed', async () => {
    // Prepare: 30 cycles written straight into the table (every 7th overdue), and a cycle whose
    // execution fails in enrolment (a start date past the bank-holiday data, sent around the API).
    const seeded = await seedCycles(env.table, env.app.tableName, { networkId: 'board-net', count: 30, now: new Date(env.app.stepFunctions.clock.now()) });
    const overdue = seeded.filter((cycle) => cycle.status === 'overdue');
    const enrolled = await callApiAs(env.app, 'staff', 'POST', '/services', { serviceId: 'failing-ward', name: 'Failing Ward', organisationId: 'fail-trust', networkId: NETWORK, membershipType: 'accreditation', leadEmail: 'lead@failing-ward.example.org' });
    expect(enrolled.status).toBe(201);
    const input = { cycleId: 'c-fail--failing-ward', serviceId: 'failing-ward', cohortId: 'c-fail', startDate: '2031-01-06' };
    const { executionArn } = await env.sfn.send(new StartExecutionCommand({ stateMachineArn: env.app.stateMachineArn, name: input.cycleId, input: JSON.stringify(input) }));
    await waitForExecutionEnd(env.sfn, executionArn!);
    const { context, page } = await newPage();
    await signInAs(page, baseUrl, 'Network staff');

    // Act and assess: the first page, the next (a cursor in the address), back, forward, previous
    await page.goto(`${baseUrl}/?network=board-net`);
    await page.getByText('Showing 1 to 25 of 30 cycles').waitFor();
    await expectAccessible(page, 'board, first of two pages');
    await page.getByRole('link', { name: /Next.*Page 2 of 2/ }).click();
    await page.waitForURL(/cursor=/);
    await page.getByText('Showing 26 to 30 of 30 cycles').waitFor();
    await expectAccessible(page, 'board, second page');
    await page.goBack();
    await page.getByText('Showing 1 to 25 of 30 cycles').waitFor();
    await page.goForward();
    await page.getByText('Showing 26 to 30 of 30 cycles').waitFor();
    await page.getByRole('link', { name: /Previous.*Page 1 of 2/ }).click();
    await page.getByText('Showing 1 to 25 of 30 cycles').waitFor();
    await page.getByLabel('Show').selectOption('overdue');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/filter=overdue/);
    await page.getByText(`Showing 1 to ${overdue.length} of ${overdue.length} cycles`).waitFor();
    const overdueTable = await page.getByRole('table').innerText();
    for (const cycle of overdue) expect(overdueTable).toContain(cycle.serviceName);
    await expectAccessible(page, 'seeded board filtered to overdue');
    await page.goto(`${baseUrl}/?cohort=c-fail`);
    await page.getByRole('link', { name: 'Failing Ward' }).waitFor();
    await expect(page.getByRole('table').innerText()).resolves.toMatch(/Failing Ward[\s\S]*Failed/);
    await expectAccessible(page, 'board with a failed cycle');
    await context.close();
  });
});
