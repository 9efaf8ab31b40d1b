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
import { buildWeb } from '../../../web/build.ts';

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

/** Signs in through the local picker as the identity whose label is given. */
const signInAs = async (page: Page, baseUrl: string, label: string | RegExp): Promise<void> => {
  await page.goto(`${baseUrl}/`);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Sign in as' }).waitFor();
  await page.getByLabel(label).check();
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Account' }).waitFor();
};

export { axeViolations, buildWebForTest, launchChromium, screenshot, signInAs, WCAG_22_AA };
export type { AxeFinding };
