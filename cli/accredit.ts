#!/usr/bin/env -S npx tsx
// `accredit` (npm run accredit -- <command>): see `accredit --help`.
import { CommanderError } from 'commander';
import { ApiError } from './api-client.ts';
import { buildProgram } from './program.ts';

const main = async () => {
  try {
    await buildProgram().parseAsync(process.argv);
  } catch (error) {
    if (error instanceof CommanderError) process.exit(error.exitCode);
    console.error(`Error: ${error instanceof Error ? error.message : String(error)}`);
    if (error instanceof ApiError && Array.isArray(error.body.issues)) {
      for (const issue of error.body.issues as { field: string; message: string }[]) console.error(`  ${issue.field}: ${issue.message}`);
    }
    process.exit(1);
  }
};

await main();
