// Measures a handler's bundle exactly as the stack builds it (same esbuild options). A Lambda
// bundle's size is cold-start time: every byte is read and parsed before the first request.
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { esbuildBuildOptions } from './bundling.ts';

/** Per-function budget for the minified bundle (source map excluded: Lambda never parses it). */
const bundleBudgetBytes = 250 * 1024;

/**
 * Functions allowed more, each with its reason. network-setup carries the YAML parser (about
 * 115 KB) and the CSV parser (about 30 KB) so that no other function does; staff call it a few
 * times a year, so its cold start is on nobody's review path.
 */
const bundleBudgetExceptions: Readonly<Record<string, { bytes: number; reason: string }>> = {
  'network-setup': { bytes: 340 * 1024, reason: 'parses network.yaml and standards.csv; called by staff when a network is loaded' },
};

const bundleBudgetOf = (functionName: string): number => bundleBudgetExceptions[functionName]?.bytes ?? bundleBudgetBytes;

interface BundleSize {
  bytes: number;
  withinBudget: boolean;
}

const measureBundle = async (entry: string, budgetBytes = bundleBudgetBytes): Promise<BundleSize> => {
  const outDir = await mkdtemp(path.join(tmpdir(), 'bundle-size-'));
  try {
    const outfile = path.join(outDir, 'index.mjs');
    await build(esbuildBuildOptions(entry, outfile));
    const { size } = await stat(outfile);
    return { bytes: size, withinBudget: size <= budgetBytes };
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
};

export { bundleBudgetBytes, bundleBudgetExceptions, bundleBudgetOf, measureBundle };
export type { BundleSize };
