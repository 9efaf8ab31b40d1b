// `npm run chaos -- --services 30 --kills 5 --seed 7`: crash-tests the whole local stack while a
// cohort is driven to decisions, prints the figures, and exits non-zero unless every one is 0.
import { ChaosOptionsError, parseChaosOptions } from './options.ts';
import { formatReport } from './report.ts';
import { passed, runChaos } from './run.ts';

const main = async () => {
  const options = parseChaosOptions(process.argv.slice(2));
  const log = (message: string) => console.log(`[chaos ${new Date().toISOString().slice(11, 19)}] ${message}`);
  const report = await runChaos(options, options.verbose ? log : (message) => (/SIGKILL|restarted|launched|driver ended|seed/.test(message) ? log(message) : undefined));
  console.log(formatReport(report));
  process.exitCode = passed(report) ? 0 : 1;
};

main().catch((error: unknown) => {
  console.error(error instanceof ChaosOptionsError ? error.message : error);
  process.exitCode = 2;
});
