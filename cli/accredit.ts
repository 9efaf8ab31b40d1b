#!/usr/bin/env -S npx tsx
// `accredit` (npm run accredit -- <command>): see `accredit --help`.
import { runCli } from './run.ts';

process.exitCode = await runCli(process.argv);
