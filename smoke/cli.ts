// `npm run smoke -- --local [--api <url>]` or `npm run smoke -- --stage <name> --api <url> --table <name>`:
// the same walk and checks against the local app or a deployed stage; exits 1 on any FAIL.
import { Command, CommanderError, Option } from 'commander';
import { localTarget } from './local-target.ts';
import { runSmoke } from './run.ts';
import { stageTarget } from './stage-target.ts';
import type { SmokeTarget } from './target.ts';

interface SmokeOptions {
  local?: boolean;
  stage?: string;
  api?: string;
  table?: string;
  organisation: string;
  serviceEmail?: string;
  region?: string;
  timeout: string;
}

const targetOf = async (options: SmokeOptions): Promise<SmokeTarget> => {
  if (options.local) return localTarget({ api: options.api, tableName: options.table });
  if (!options.api) throw new Error('--api (or SMOKE_API_URL): the stage\'s HTTP API URL is needed with --stage');
  if (!options.serviceEmail) throw new Error("--service-email (or SMOKE_SERVICE_EMAIL): the service token's email is needed with --stage; the smoke service is enrolled with it as its lead");
  const stage = options.stage as string;
  // The stack names its table <prefix>-data with the prefix accredit-<stage> (lib/config/resource-names.ts).
  return stageTarget({ stage, api: options.api, tableName: options.table ?? `accredit-${stage}-data`, organisationId: options.organisation, serviceLeadEmail: options.serviceEmail, region: options.region });
};

const main = async (argv: string[]): Promise<number> => {
  const program = new Command('smoke')
    .description('walk one smoke cycle through the HTTP API, check DynamoDB, the execution and the emails, then clean up')
    .addOption(new Option('--local', 'against the local app (started here unless --api is given)').conflicts('stage'))
    .addOption(new Option('--stage <name>', 'against a deployed stage (the walk stops before the visit day)'))
    .addOption(new Option('--api <url>', 'the HTTP API URL').env('SMOKE_API_URL'))
    .addOption(new Option('--table <name>', "the stage's DynamoDB table (default accredit-<stage>-data)").env('SMOKE_TABLE_NAME'))
    .addOption(new Option('--organisation <id>', "on a stage: the service token's custom:organisationId").env('SMOKE_ORGANISATION_ID').default('org-smoke'))
    .addOption(new Option('--service-email <email>', "on a stage: the service token's email (the smoke service's lead, who submits the self-review)").env('SMOKE_SERVICE_EMAIL'))
    .addOption(new Option('--region <region>', 'AWS region (default: the SDK default chain)'))
    .addOption(new Option('--timeout <ms>', 'deadline of each wait').default('60000'))
    .exitOverride();
  program.parse(argv, { from: 'user' });
  const options = program.opts<SmokeOptions>();
  if (!options.local && !options.stage) throw new Error('Give --local or --stage <name>');
  const target = await targetOf(options);
  try {
    const report = await runSmoke(target, { timeoutMs: Number(options.timeout), print: (line) => console.log(line) });
    return report.passed ? 0 : 1;
  } finally {
    await target.stop();
  }
};

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    // --help and commander's own usage errors have printed already.
    if (error instanceof CommanderError) process.exit(error.exitCode);
    console.error((error as Error).message);
    process.exit(2);
  },
);
