import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWeb } from '../../../web/build.ts';
import { measureShipped, webBudgetBytes } from '../../../web/shipped-size.ts';

describe('Function: measureShipped', () => {
  let outDir: string;
  afterAll(() => rm(outDir, { recursive: true, force: true }));

  it('counts every JS and CSS file, on demand or not, and tells the first load apart', async () => {
    // Prepare: app.js imports one chunk statically and one with import()
    outDir = await mkdtemp(join(tmpdir(), 'shipped-size-'));
    await mkdir(join(outDir, 'chunks'));
    await writeFile(join(outDir, 'app.js'), 'import{a}from"./chunks/shared.js";import("./chunks/later.js");a();');
    await writeFile(join(outDir, 'chunks', 'shared.js'), 'export const a=()=>1;');
    await writeFile(join(outDir, 'chunks', 'later.js'), `export const b=${JSON.stringify('x'.repeat(5000))};`);
    await writeFile(join(outDir, 'app.css'), 'body{margin:0}');
    await writeFile(join(outDir, 'index.html'), '<!doctype html>');
    // Act
    const shipped = await measureShipped(outDir, ['app.js', 'chunks/shared.js', 'chunks/later.js', 'app.css', 'index.html']);
    // Assess
    expect(shipped.files.map((file) => [file.file, file.firstLoad])).toEqual([
      ['app.css', true],
      ['app.js', true],
      ['chunks/later.js', false],
      ['chunks/shared.js', true],
    ]);
    expect(shipped.totalBytes).toBe(shipped.files.reduce((sum, file) => sum + file.gzippedBytes, 0));
    expect(shipped.firstLoadBytes).toBe(shipped.totalBytes - shipped.files.find((file) => file.file === 'chunks/later.js')!.gzippedBytes);
  });
});

describe('The web app as built (issue 8: 200 KB of JS and CSS, gzipped, in all)', { timeout: 120_000 }, () => {
  let outDir: string;
  let files: string[];
  beforeAll(async () => {
    outDir = await mkdtemp(join(tmpdir(), 'web-shipped-'));
    ({ files } = await buildWeb({ outDir }));
  }, 120_000);
  afterAll(() => rm(outDir, { recursive: true, force: true }));

  it('stays within the budget', async () => {
    // Act
    const { totalBytes } = await measureShipped(outDir, files);
    // Assess
    expect(totalBytes).toBeGreaterThan(50 * 1024);
    expect(totalBytes).toBeLessThanOrEqual(webBudgetBytes);
  });

  it('keeps the NHS.UK styles the pages use, composed ones included, and drops the components none uses', async () => {
    // Act
    const css = await readFile(join(outDir, 'app.css'), 'utf8');
    // Assess
    for (const used of ['.nhsuk-error-summary__title', '.nhsuk-tag--red', '.nhsuk-form-group--error', '.nhsuk-textarea--error', '.nhsuk-input--width-10', '.nhsuk-u-visually-hidden', '.nhsuk-summary-list__key', '.u-wrap']) {
      expect(css, used).toContain(used);
    }
    for (const unused of ['.nhsuk-hero', '.nhsuk-tabs', '.nhsuk-do-dont-list']) expect(css, unused).not.toContain(unused);
  });
});
