// The committee member's task in the browser, shared by the tests that walk a cycle to its decision.
import type { Page } from 'playwright-core';

/**
 * Chooses an outcome, gives the reason, checks and records it; the pack must be open on the page.
 * `expectAccessible` runs on the check page and on the confirmation.
 */
const decide = async (page: Page, outcome: string, reason: string, expectAccessible: (page: Page, state: string) => Promise<void>): Promise<void> => {
  await page.getByLabel(outcome, { exact: true }).check();
  await page.getByLabel('Reason for the decision').fill(reason);
  await page.getByRole('button', { name: 'Continue to check the decision' }).click();
  await page.getByRole('heading', { name: 'Check the decision before recording it' }).waitFor();
  await expectAccessible(page, `check the decision (${outcome})`);
  await page.getByRole('button', { name: 'Record the decision' }).click();
  await page.getByRole('heading', { name: 'Decision recorded' }).waitFor();
  await expectAccessible(page, `decision recorded (${outcome})`);
};

export { decide };
