// Measures a handler's bundle exactly as the stack builds it (same esbuild options). A Lambda
// bundle's size is cold-start time: every byte is read and parsed before the first request.
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { esbuildBuildOptions } from './bundling.ts';

/** Per-function budget for the minified bundle (source map excluded: Lambda never parses it). */
const bundleBudgetBytes = 250 * 1024;

interface BundleSize {
  bytes: number;
  withinBudget: boolean;
}

const measureBundle = async (entry: string): Promise<BundleSize> => {
  const outDir = await mkdtemp(path.join(tmpdir(), 'bundle-size-'));
  try {
    const outfile = path.join(outDir, 'index.mjs');
    await build(esbuildBuildOptions(entry, outfile));
    const { size } = await stat(outfile);
    return { bytes: size, withinBudget: size <= bundleBudgetBytes };
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
};

export { bundleBudgetBytes, measureBundle };
export type { BundleSize };
