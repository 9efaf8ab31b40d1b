// The browser-test harness: the web app built into a folder of this test's own, Debian's chromium
// driven by playwright-core (nothing downloads a browser), axe-core at WCAG 2.2 AA on every page and
// state a test visits, and screenshots for the README.
import { mkdtemp, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { buildWeb } from '../../../web/build.ts';
import { sesEmails, waitFor } from '../../support/local-app.ts';
import type { TestApp } from '../../support/local-app.ts';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
/** axe-core's rule tags for WCAG 2.0, 2.1 and 2.2, levels A and AA. */
const WCAG_22_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const docsDir = fileURLToPath(new URL('../../../docs/', import.meta.url));

/** Builds the app for this test process; the local adapter serves it from WEB_DIST_DIR. */
const buildWebForTest = async (): Promise<string> => {
  const outDir = await mkdtemp(join(tmpdir(), 'accredit-web-'));
  await buildWeb({ outDir });
  process.env.WEB_DIST_DIR = outDir;
  return outDir;
};

const launchChromium = (): Promise<Browser> => chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });

interface AxeFinding {
  id: string;
  impact?: string | null;
  help: string;
  targets: string[];
}

/** Every WCAG 2.2 AA violation on the page as it is now (empty when there is none). */
const axeViolations = async (page: Page): Promise<AxeFinding[]> => {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze();
  return violations.map((violation) => ({
    id: violation.id,
    impact: violation.impact,
    help: violation.help,
    targets: violation.nodes.map((node) => node.target.join(' ')),
  }));
};

/** A full-page screenshot under docs/, for the README. */
const screenshot = async (page: Page, name: string): Promise<string> => {
  await mkdir(docsDir, { recursive: true });
  const path = join(docsDir, name);
  await page.screenshot({ path, fullPage: true });
  return path;
};

/**
 * One screenful under docs/, from the heading named down (or from the top), the page's width wide,
 * without the focus ring a navigation leaves on the heading: for a page too long to show whole.
 */
const screenshotFrom = async (page: Page, name: string, heading?: string, height = 900): Promise<string> => {
  await mkdir(docsDir, { recursive: true });
  await page.evaluate('document.activeElement?.blur()');
  const top = heading ? ((await page.getByRole('heading', { name: heading }).first().boundingBox())?.y ?? 0) + (await page.evaluate<number>('window.scrollY')) - 24 : 0;
  const width = page.viewportSize()?.width ?? 1200;
  const path = join(docsDir, name);
  await page.screenshot({ path, fullPage: true, clip: { x: 0, y: Math.max(0, top), width, height } });
  return path;
};

/**
 * Signs in through the local picker as the identity whose label is given; `check` (an axe check)
 * runs on the start page and on the picker when given.
 */
const signInAs = async (page: Page, baseUrl: string, label: string | RegExp, check?: (page: Page, state: string) => Promise<void>): Promise<void> => {
  await page.goto(`${baseUrl}/`);
  await page.getByRole('button', { name: 'Sign in' }).waitFor();
  await check?.(page, 'start page');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Sign in as' }).waitFor();
  await check?.(page, 'local sign-in picker');
  await page.getByLabel(label).check();
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Account' }).waitFor();
};

/**
 * axe on every page a test visits: `watch` records each address a page shows (the app's own
 * navigations through the History API too: Playwright reports them as frame navigations), `expectAccessible`
 * asserts no WCAG 2.2 AA violation in the state named and marks the address checked, and `unchecked`
 * lists the addresses shown but never checked. The address is the path and query, without the
 * picker's one-time `local-user` answer.
 */
const accessibilityAudit = () => {
  const shown = new Set<string>();
  const checked = new Set<string>();
  const addressOf = (url: string): string => {
    const { pathname, searchParams } = new URL(url);
    searchParams.delete('local-user');
    searchParams.delete('local-name');
    const query = searchParams.toString();
    return query ? `${pathname}?${query}` : pathname;
  };
  return {
    watch: (page: Page): void => {
      page.on('framenavigated', (frame) => {
        if (frame === page.mainFrame() && frame.url().startsWith('http')) shown.add(addressOf(frame.url()));
      });
    },
    /** The pointer is moved off the page first: a link under it loses its underline on hover, which axe would read as the page's own style. */
    expectAccessible: async (page: Page, state: string): Promise<void> => {
      await page.mouse.move(0, 0);
      expect({ state, violations: await axeViolations(page) }).toEqual({ state, violations: [] });
      checked.add(addressOf(page.url()));
    },
    unchecked: (): string[] => [...shown].filter((address) => !checked.has(address)),
    checkedCount: (): number => checked.size,
  };
};

/** Presses Tab until the focused element's accessible text matches (a keyboard user's only way). */
const tabTo = async (page: Page, name: RegExp, { role, limit = 40 }: { role?: string; limit?: number } = {}): Promise<void> => {
  for (let presses = 0; presses < limit; presses += 1) {
    await page.keyboard.press('Tab');
    const element = page.locator(':focus');
    // Past the last control, focus leaves the document for the browser's own controls.
    if ((await element.count()) === 0) continue;
    const id = await element.getAttribute('id');
    const label = id ? await page.locator(`label[for="${id}"]`).textContent() : '';
    const focused = `${label ?? ''} ${(await element.getAttribute('aria-label')) ?? ''} ${await element.innerText()}`.trim();
    if (name.test(focused) && (role === undefined || (await element.getAttribute('role')) === role)) return;
  }
  throw new Error(`No element matching ${name} reached with ${limit} presses of Tab`);
};

/** The path (and #fragment) of the link an email to `to` carries to `pathPart`, once that email is sent. */
const emailedPath = async (env: TestApp, to: string, pathPart: string): Promise<string> =>
  waitFor(`an email to ${to} linking to ${pathPart}`, async () => {
    const email = (await sesEmails(env.app)).find((sent) => sent.destination.to.includes(to) && (sent.body.text ?? '').includes(pathPart));
    const link = (email?.body.text ?? '').match(/https?:\/\/[^\s"<>]+/g)?.find((address) => address.includes(pathPart));
    return link ? `${new URL(link).pathname}${new URL(link).hash}` : undefined;
  });

export { accessibilityAudit, axeViolations, buildWebForTest, emailedPath, launchChromium, screenshot, screenshotFrom, signInAs, tabTo, WCAG_22_AA };
export type { AxeFinding };
