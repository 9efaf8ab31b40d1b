// `accredit cohort launch`: one cycle per service. The API answers per service; any service that
// was not started (refused with a reason, unknown, or failed) makes the command exit non-zero, so
// a script sees it.
import type { Command } from 'commander';
import { request } from './api-client.ts';
import { dateArgument, listArgument } from './arguments.ts';
import { CommandFailedError } from './errors.ts';
import type { Output } from './program.ts';

interface CohortCommandContext {
  api: () => string;
  print: (value: unknown) => void;
  output: Output;
}

interface ServiceLaunch {
  serviceId: string;
  cycleId: string;
  result: string;
  executionStatus?: string;
  /** Why a service was refused (or what failed). */
  reason?: string;
  message?: string;
}

/** Results that leave the service where the launch meant it to be. */
const LAUNCHED_RESULTS: readonly string[] = ['started', 'already-started'];

const serviceLine = (service: ServiceLaunch): string =>
  `${service.serviceId.padEnd(24)} ${service.result.padEnd(22)} ${service.reason ?? service.executionStatus ?? service.message ?? ''}`.trimEnd();

const addCohortCommands = (program: Command, { api, print, output }: CohortCommandContext): void => {
  const cohort = program.command('cohort').description('cohorts: many services at once');
  cohort
    .command('launch <cohortId>')
    .description('start one cycle per service (a second launch starts nothing new and says why per service); exits 1 when any service was refused')
    .option('--services <ids>', 'comma-separated service ids', listArgument)
    .option('--network <networkId>', 'every service enrolled in this network (when --services is left out)')
    .option('--start-date <date>', 'YYYY-MM-DD (default: today on the workflow clock)', dateArgument)
    .option('--json', 'print the full JSON answer')
    .action(async (cohortId: string, options: { services?: string[]; network?: string; startDate?: string; json?: boolean }) => {
      const answer = (await request(api(), 'POST', `/cohorts/${encodeURIComponent(cohortId)}/launch`, {
        serviceIds: options.services,
        networkId: options.network,
        startDate: options.startDate,
      })) as { counts: Record<string, number>; services: ServiceLaunch[] };
      if (options.json) print(answer);
      else {
        for (const service of answer.services) output.out(serviceLine(service));
        output.out(Object.entries(answer.counts).filter(([, count]) => count > 0).map(([result, count]) => `${count} ${result}`).join(', '));
      }
      const notLaunched = answer.services.filter((service) => !LAUNCHED_RESULTS.includes(service.result));
      if (notLaunched.length > 0) {
        throw new CommandFailedError(`${notLaunched.length} of ${answer.services.length} service(s) not started: ${notLaunched.map((service) => `${service.serviceId} (${service.result})`).join(', ')}`);
      }
    });
};

export { addCohortCommands };
