// Runs every bench/*.bench.ts in turn, each in its own process so one bench's
// warm JIT or open handles cannot colour the next one's figures.
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
// `--cohort N` runs the cohort bench alone with N services; other arguments pick benches by name.
const args = process.argv.slice(2);
const cohortFlag = args.indexOf('--cohort');
const env = { ...process.env };
if (cohortFlag >= 0) {
  const services = Number(args[cohortFlag + 1]);
  if (!Number.isInteger(services) || services < 1) {
    console.error('--cohort takes a number of services, e.g. --cohort 200');
    process.exit(2);
  }
  env.BENCH_COHORT = String(services);
  args.splice(cohortFlag, 2, 'cohort');
}
const only = args;
const benches = readdirSync(benchDir)
  .filter((file) => file.endsWith('.bench.ts'))
  .filter((file) => only.length === 0 || only.some((name) => file.includes(name)))
  .sort();

let failed = 0;
for (const file of benches) {
  console.log(`\n=== ${file} ===`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(benchDir, file)], { stdio: 'inherit', env });
  if (run.status !== 0) failed += 1;
}
process.exit(failed === 0 ? 0 : 1);
