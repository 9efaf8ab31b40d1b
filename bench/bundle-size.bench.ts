// Bundles every catalogue handler as the stack does and prints its minified size against the
// 200 KB budget (issue 14), with what weighs most in it. Run with `npm run bench` (or
// `npm run bench bundle-size`). A bundle listed in overBudgetCeilings is shown against its ceiling.
import { existsSync } from 'node:fs';
import { functionCatalogue } from '#contracts/function-catalogue';
import { budgetFor, bundleBudgetBytes, measureBundle } from '../lib/functions/bundle-size.ts';
import { handlerEntryFor } from '../lib/project-paths.ts';

const kilobytes = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;

const main = async (): Promise<number> => {
  console.log(`budget ${kilobytes(bundleBudgetBytes)} per function (minified ESM, @aws-sdk/* external); heaviest parts after each`);
  let overBudget = 0;
  for (const spec of functionCatalogue) {
    const entry = handlerEntryFor(spec.name);
    if (!existsSync(entry)) {
      console.log(`${spec.name.padEnd(28)} no handler yet (${entry})`);
      continue;
    }
    const { bytes, heaviest } = await measureBundle(entry);
    const ceiling = budgetFor(spec.name);
    if (bytes > ceiling) overBudget += 1;
    const verdict = bytes <= bundleBudgetBytes ? 'ok' : bytes <= ceiling ? `OVER BUDGET (ceiling ${kilobytes(ceiling)} until zod/mini)` : 'OVER BUDGET';
    console.log(`${spec.name.padEnd(28)} ${kilobytes(bytes).padStart(10)}  ${verdict}`);
    console.log(`${''.padEnd(28)} ${heaviest.map((part) => `${part.name} ${kilobytes(part.bytes)}`).join(', ')}`);
  }
  return overBudget;
};

process.exitCode = (await main()) === 0 ? 0 : 1;
