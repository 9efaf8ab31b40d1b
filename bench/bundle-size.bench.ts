// Bundles every catalogue handler as the stack does and prints its minified size against the
// 250 KB budget. Run with `npm run bench` (or `npm run bench bundle-size`).
import { existsSync } from 'node:fs';
import { functionCatalogue } from '#contracts/function-catalogue';
import { bundleBudgetBytes, measureBundle } from '../lib/functions/bundle-size.ts';
import { handlerEntryFor } from '../lib/project-paths.ts';

const kilobytes = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;

const main = async (): Promise<number> => {
  console.log(`budget ${kilobytes(bundleBudgetBytes)} per function (minified ESM, @aws-sdk/* external)`);
  let overBudget = 0;
  for (const spec of functionCatalogue) {
    const entry = handlerEntryFor(spec.name);
    if (!existsSync(entry)) {
      console.log(`${spec.name.padEnd(28)} no handler yet (${entry})`);
      continue;
    }
    const { bytes, withinBudget } = await measureBundle(entry);
    if (!withinBudget) overBudget += 1;
    console.log(`${spec.name.padEnd(28)} ${kilobytes(bytes).padStart(10)}  ${withinBudget ? 'ok' : 'OVER BUDGET'}`);
  }
  return overBudget;
};

process.exitCode = (await main()) === 0 ? 0 : 1;
