// Runs every bench/*.bench.ts in turn, each in its own process so one bench's
// warm JIT or open handles cannot colour the next one's figures.
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
// `npm run bench -- cycle board` runs the benches whose names contain a word; `--cycle` (or
// `--cohort 200`) runs <name>.bench.ts alone and hands it the arguments after the flag (the cohort
// bench reads its size from BENCH_COHORT).
const args = process.argv.slice(2);
const flag = args[0]?.startsWith('--') ? args[0].slice(2) : undefined;
const only = flag ? [`${flag}.bench.ts`] : args;
const benchArgs = flag ? args.slice(1) : [];
const env = { ...process.env };
if (flag === 'cohort') {
  const services = Number(benchArgs[0] ?? 10);
  if (!Number.isInteger(services) || services < 1) {
    console.error('--cohort takes a number of services, e.g. --cohort 200');
    process.exit(2);
  }
  env.BENCH_COHORT = String(services);
}
const benches = readdirSync(benchDir)
  .filter((file) => file.endsWith('.bench.ts'))
  .filter((file) => only.length === 0 || only.some((name) => (flag ? file === name : file.includes(name))))
  .sort();
if (benches.length === 0) {
  console.error(`No bench matches ${args.join(' ')}`);
  process.exit(1);
}

// The cohort bench hosts the whole local stack in its process, as `npm start` does, so it runs with
// the same V8 flag: a young generation of up to 64 MB a semi-space (V8's default is 16) halves the
// time the stack's short-lived SDK and handler objects cost in scavenges (10% -> 5% of its CPU, profiled).
const LOCAL_STACK_FLAGS = ['--max-semi-space-size=64'];
const nodeFlagsOf = (file: string): string[] => (file === 'cohort.bench.ts' ? LOCAL_STACK_FLAGS : []);

let failed = 0;
for (const file of benches) {
  console.log(`\n=== ${file} ===`);
  const run = spawnSync(process.execPath, [...nodeFlagsOf(file), '--import', 'tsx', path.join(benchDir, file), ...benchArgs], { stdio: 'inherit', env });
  if (run.status !== 0) failed += 1;
}
process.exit(failed === 0 ? 0 : 1);
