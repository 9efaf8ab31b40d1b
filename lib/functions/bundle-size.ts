// Measures a handler's bundle exactly as the stack builds it (same esbuild options). A Lambda
// bundle's size is cold-start time: every byte is read and parsed before the first request.
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { esbuildBuildOptions } from './bundling.ts';

/** Per-function budget for the minified bundle (source map excluded: Lambda never parses it). */
const bundleBudgetBytes = 200 * 1024;

/**
 * The bundles still over the budget, each with the ceiling it may not grow past. None now: the
 * schemas moved from zod's classic API (every schema type and method, and JSON Schema output, ~93 KB
 * of a bundle) to zod/mini (#core/zod-mini), which tree-shakes to what a module uses. Keep importing
 * schemas from #core/zod-mini: one `from 'zod'` in a handler's imports brings the 93 KB back. An
 * entry goes once its bundle fits the budget (test/cdk/bundle-size.test.ts fails while an entry is
 * not needed).
 */
const overBudgetCeilings: Readonly<Record<string, number>> = {};

const budgetFor = (functionName: string): number => overBudgetCeilings[functionName] ?? bundleBudgetBytes;

interface BundleSize {
  bytes: number;
  /** The packages (or project folders) that weigh most in the bundle, heaviest first. */
  heaviest: { name: string; bytes: number }[];
  /** Every input that put bytes in the bundle (node_modules paths as esbuild names them). */
  inputs: string[];
}

/** `node_modules/@scope/name/...` -> `@scope/name`; project files -> their top folder and the next. */
const ownerOf = (input: string): string => {
  const packageName = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1];
  return packageName ?? input.split('/').slice(0, 2).join('/');
};

const measureBundle = async (entry: string): Promise<BundleSize> => {
  const outDir = await mkdtemp(path.join(tmpdir(), 'bundle-size-'));
  try {
    const outfile = path.join(outDir, 'index.mjs');
    const { metafile } = await build({ ...esbuildBuildOptions(entry, outfile), metafile: true });
    const { size } = await stat(outfile);
    const byOwner = new Map<string, number>();
    const inputs = new Set<string>();
    for (const output of Object.values(metafile.outputs)) {
      for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
        byOwner.set(ownerOf(input), (byOwner.get(ownerOf(input)) ?? 0) + bytesInOutput);
        if (bytesInOutput > 0) inputs.add(input);
      }
    }
    const heaviest = [...byOwner].map(([name, bytes]) => ({ name, bytes })).sort((a, b) => b.bytes - a.bytes);
    return { bytes: size, heaviest: heaviest.slice(0, 5), inputs: [...inputs] };
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
};

export { budgetFor, bundleBudgetBytes, measureBundle, overBudgetCeilings };
export type { BundleSize };
