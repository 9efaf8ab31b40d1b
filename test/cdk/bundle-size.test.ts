import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { App } from 'aws-cdk-lib';
import { functionCatalogue } from '#contracts/function-catalogue';
import type { FunctionSpec } from '#contracts/function-catalogue';
import { stageConfig } from '../../lib/config/stage-config.ts';
import { FunctionSet } from '../../lib/functions/function-set.ts';
import { budgetFor, bundleBudgetBytes, measureBundle, overBudgetCeilings } from '../../lib/functions/bundle-size.ts';
import { handlerEntryFor } from '../../lib/project-paths.ts';
import { Stack } from 'aws-cdk-lib';

const catalogue = functionCatalogue as readonly FunctionSpec[];
// A catalogue entry whose handler file does not exist yet is skipped here, and only here.
const cases = catalogue.map((spec) => [spec.name, handlerEntryFor(spec.name)] as const);

describe('Bundle size (minified ESM, as the stack bundles it)', () => {
  it.for(cases)('%s stays within the 200 KB budget (or its ceiling while it waits for zod/mini)', async ([name, entry], { skip }) => {
    if (!existsSync(entry)) skip();
    // Act
    const { bytes } = await measureBundle(entry);
    // Assess
    expect(bytes).toBeGreaterThan(0);
    expect(bytes).toBeLessThanOrEqual(budgetFor(name));
  });

  // One `from 'zod'` (the classic API) anywhere in a handler's imports adds ~93 KB: schemas come from #core/zod-mini.
  it.for(cases)('%s bundles no classic zod', async ([, entry], { skip }) => {
    if (!existsSync(entry)) skip();
    // Act
    const { inputs } = await measureBundle(entry);
    // Assess
    expect(inputs.filter((input) => input.includes('node_modules/zod/v4/classic/'))).toEqual([]);
  });

  it.for(Object.keys(overBudgetCeilings))('%s still needs its ceiling above the budget (else remove it from overBudgetCeilings)', async (name, { skip }) => {
    const entry = handlerEntryFor(name);
    if (!existsSync(entry)) skip();
    // Act
    const { bytes } = await measureBundle(entry);
    // Assess
    expect(bytes).toBeGreaterThan(bundleBudgetBytes);
  });

  it('measures the same bytes NodejsFunction puts in the Lambda asset', async ({ skip }) => {
    // Prepare
    const spec = catalogue.find((candidate) => existsSync(handlerEntryFor(candidate.name)));
    if (spec === undefined) skip();
    const outdir = mkdtempSync(path.join(tmpdir(), 'cdk-bundle-'));
    try {
      const app = new App({ outdir });
      new FunctionSet(new Stack(app, 'Bundled'), 'Functions', { catalogue: [spec as FunctionSpec], config: stageConfig({ stage: 'dev' }) });
      // Act
      app.synth();
      const assetDir = readdirSync(outdir).find((name) => name.startsWith('asset.') && existsSync(path.join(outdir, name, 'index.mjs')));
      const assetBytes = statSync(path.join(outdir, assetDir as string, 'index.mjs')).size;
      const { bytes } = await measureBundle(handlerEntryFor((spec as FunctionSpec).name));
      // Assess
      expect(bytes).toBe(assetBytes);
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });
});
