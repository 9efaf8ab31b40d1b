// One chaos run: start the stack on a data folder, drive the cohort while the killer SIGKILLs the
// stack, stop, and read the figures. Used by `npm run chaos` (cli.ts) and test/chaos/chaos.test.ts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApiClient } from './api-client.ts';
import type { ClientCounters } from './api-client.ts';
import { createDriver } from './driver.ts';
import type { DriverResult } from './driver.ts';
import { collectFigures } from './figures.ts';
import type { Figures } from './figures.ts';
import { planKills, startKiller } from './killer.ts';
import type { ChaosOptions } from './options.ts';
import { createPhaseSignals } from './phases.ts';
import { seededRandom } from './random.ts';
import { startChaosStack } from './stack.ts';
import type { Crash } from './stack.ts';

interface ChaosReport {
  options: ChaosOptions;
  dataDir: string;
  plannedKills: string[];
  crashes: Crash[];
  driver: DriverResult;
  client: ClientCounters;
  figures: Figures;
  /** Emails a kill left unconfirmed (not a figure: see figures.ts). */
  unconfirmedEmails: string[];
  wallClockMs: number;
}

/** Every figure 0, and every planned kill made. */
const passed = (report: ChaosReport): boolean =>
  report.crashes.length === report.plannedKills.length && Object.values(report.figures).every((found) => found.length === 0);

const runChaos = async (options: ChaosOptions, log: (message: string) => void = () => {}): Promise<ChaosReport> => {
  const started = Date.now();
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'accredit-chaos-'));
  const random = seededRandom(options.seed);
  const plannedKills = planKills(options.kills, random);
  log(`seed ${options.seed}, ${options.services} services, kills planned: ${plannedKills.join(', ') || 'none'}; data in ${dataDir}`);
  const stack = await startChaosStack(dataDir, log);
  try {
    const signals = createPhaseSignals();
    const api = createApiClient(stack);
    const killer = startKiller({ plan: plannedKills, stack, signals, random });
    const driver = createDriver({ api, signals, services: options.services, deadline: started + options.timeoutMinutes * 60_000, log });
    let driven: DriverResult;
    try {
      driven = await driver.run();
    } finally {
      await killer.stop();
    }
    log(`driver ended (${driven.ending}) after ${driven.rounds} rounds; reading the figures`);
    const urls = stack.urls();
    const { figures, unconfirmedEmails } = await collectFigures({ api, stepFunctionsUrl: urls.stepFunctions, sesUrl: urls.ses, cycleIds: driven.cycleIds, crashes: killer.crashes });
    return { options, dataDir, plannedKills, crashes: killer.crashes, driver: driven, client: api.counters, figures, unconfirmedEmails, wallClockMs: Date.now() - started };
  } finally {
    await stack.stop();
    if (!options.dataDir && !options.keepData) rmSync(dataDir, { recursive: true, force: true });
  }
};

export { passed, runChaos };
export type { ChaosReport };
