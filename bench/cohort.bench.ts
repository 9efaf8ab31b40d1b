// A cohort walked to its committee decisions through the local stack (issue 14): `npm run bench --
// --cohort 200` (default 10 services). The chaos harness's driver (chaos/driver.ts, 8 requests at a
// time, no kills) answers every step through the HTTP API against the in-process app with DynamoDB
// Local on disk, as `npm start` runs. Prints the wall time per service; the DynamoDB requests counted
// at the client, application and local runtime apart; the achieved op rate against DynamoDB Local's
// raw rate for the same mix of operations, measured in the same run (16 at a time); and the read
// units of one allocation's reads in a cohort of 10, 50 and 200 booked services. Bounded: the
// driver stops at BENCH_COHORT_MINUTES (default 20), the raw measure at 15 s. Asserts nothing.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { installTally, occupancySnapshot, since, snapshot, type Tally } from './dynamodb-tally.ts';
import { cpuSnapshot } from './process-cpu.ts';
import { measureRawRate } from './raw-op-rate.ts';
import { startLocalApp } from '../local/app.ts';
import { createApiClient } from '../chaos/api-client.ts';
import type { ChaosStack } from '../chaos/stack.ts';
import { createDriver } from '../chaos/driver.ts';
import { createPhaseSignals } from '../chaos/phases.ts';

const SERVICES = Number(process.env.BENCH_COHORT ?? 10);
const MINUTES = Number(process.env.BENCH_COHORT_MINUTES ?? 20);
const BOOKED = [10, 50, 200];
const APP_TABLE = 'accreditation-local';
const RUNTIME_TABLE = 'sfn-local-runtime';

installTally();
const dataDir = mkdtempSync(join(tmpdir(), 'bench-cohort-'));
const app = await startLocalApp({ clock: 'manual', logLevel: 'SILENT', dataDir, tableName: APP_TABLE });
const line = (label: string, value: string) => console.log(`  ${label.padEnd(44)} ${value}`);
const operations = (tally: Tally) =>
  [...tally.byOperation]
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([operation, n]) => `${operation} ${n}`)
    .join(', ');

try {
  // The driver's client only needs the API's address; nothing is killed here.
  const stack = { urls: () => app.urls, whenUp: async () => {}, generation: () => 0, isUp: () => true } as unknown as ChaosStack;
  const api = createApiClient(stack);
  // The driver's requests in flight over time (its users' side of the wall time).
  const driverBusy = { inFlight: 0, since: 0, busyMs: 0, advanceMs: 0 };
  const moveDriver = (by: number) => {
    const now = performance.now();
    if (driverBusy.inFlight > 0) driverBusy.busyMs += now - driverBusy.since;
    driverBusy.since = now;
    driverBusy.inFlight += by;
  };
  for (const method of ['call', 'once'] as const) {
    const original = api[method];
    (api as Record<string, unknown>)[method] = async (...args: Parameters<typeof original>) => {
      const advance = args[1] === '/_local/clock' && args[0] === 'POST';
      const t0 = performance.now();
      moveDriver(1);
      try {
        return await (original as (...a: unknown[]) => Promise<unknown>)(...args);
      } finally {
        moveDriver(-1);
        if (advance) driverBusy.advanceMs += performance.now() - t0;
      }
    };
  }
  const started = performance.now();
  const before = snapshot();
  const occupancyBefore = occupancySnapshot();
  const cpuBefore = cpuSnapshot();
  const driver = createDriver({ api, signals: createPhaseSignals(), services: SERVICES, deadline: Date.now() + MINUTES * 60_000, log: () => {} });
  const driven = await driver.run();
  const wallMs = performance.now() - started;
  const occupancy = occupancySnapshot();
  const cpuWalk = cpuSnapshot();
  const application = since(before, APP_TABLE);
  const runtime = since(before, RUNTIME_TABLE);

  console.log(`cohort of ${SERVICES} services to committee decisions (${driven.ending}: ${driven.decided} decided, ${driven.rounds} rounds, ${driven.submissions} answers, ${driven.clockAdvances} clock moves)`);
  if (driven.unexpectedAnswers.length + api.counters.serverErrors > 0) console.log(`  unexpected answers: ${[...driven.unexpectedAnswers, ...api.counters.serverErrorSamples].slice(0, 5).join(' | ')}`);
  line('wall time', `${(wallMs / 1000).toFixed(1)} s, ${(wallMs / SERVICES).toFixed(0)} ms per service`);
  const share = (ms: number) => `${((100 * ms) / wallMs).toFixed(0)}%`;
  line('where the wall time went', `driver requests in flight ${share(driverBusy.busyMs)} (clock advances ${share(driverBusy.advanceMs)}), DynamoDB requests in flight ${share(occupancy.busyMs - occupancyBefore.busyMs)}`);
  line('DynamoDB requests in flight, mean', `${((occupancy.weightedMs - occupancyBefore.weightedMs) / wallMs).toFixed(1)} (the raw measure keeps 16)`);
  for (const [label, tally] of [['application', application], ['local runtime', runtime]] as const) {
    line(`${label} DynamoDB requests per service`, `${(tally.requests / SERVICES).toFixed(1)} (${operations(tally)})`);
    line(`${label} read / write units per service`, `${(tally.readUnits / SERVICES).toFixed(1)} / ${(tally.writeUnits / SERVICES).toFixed(1)} (as DynamoDB Local reports them)`);
  }

  // The same mix of operations sent straight to DynamoDB Local, 16 at a time, in the same run.
  const mix = new Map<string, number>();
  for (const tally of [application, runtime]) for (const [operation, n] of tally.byOperation) mix.set(operation, (mix.get(operation) ?? 0) + n);
  const achieved = (application.requests + runtime.requests) / (wallMs / 1000);
  const cpuRawBefore = cpuSnapshot();
  const raw = await measureRawRate(app.urls.dynamodb, mix, { concurrency: 16, maxMs: 15_000 });
  const cpuRaw = cpuSnapshot();
  line('achieved DynamoDB op rate', `${achieved.toFixed(0)} requests/s (application and runtime, over the wall time)`);
  line('raw op rate, same mix', `${raw.rate.toFixed(0)} requests/s (${raw.requests} requests, 16 at a time)`);
  line('achieved / raw', `${(achieved / raw.rate).toFixed(2)} (target >= 0.67)`);
  if (cpuBefore && cpuWalk && cpuRawBefore && cpuRaw) {
    // CPU per request on each side: the JVM's is DynamoDB Local's own work; this process's is the
    // handlers, the runtime, the emulators and the SDK around each request.
    const walkRequests = application.requests + runtime.requests;
    const perRequest = (ms: number, requests: number) => `${(ms / requests).toFixed(1)} ms`;
    line('CPU per request: this process (walk / raw)', `${perRequest(cpuWalk.hostMs - cpuBefore.hostMs, walkRequests)} / ${perRequest(cpuRaw.hostMs - cpuRawBefore.hostMs, raw.requests)}`);
    line('CPU per request: DynamoDB Local (walk / raw)', `${perRequest(cpuWalk.childrenMs - cpuBefore.childrenMs, walkRequests)} / ${perRequest(cpuRaw.childrenMs - cpuRawBefore.childrenMs, raw.requests)}`);
  }

  // One allocation's reads (the pool, each offered day's bookings, the host staff's visits) with 10,
  // 50 and 200 services of the cohort booked, their teams written as allocate-review-team writes
  // them (data/bookings.ts), spread over 40 visit days from the walked cycle's visit date.
  const { GetCommand, TransactWriteCommand } = await import('@aws-sdk/lib-dynamodb');
  const { documentClient } = await import('#commons/clients/dynamodb');
  const { loadAllocationInputs } = await import('#commons/helpers/allocation-inputs');
  const { bookingChanges, bookingIndex } = await import('#commons/data/bookings');
  const { poolForAllocation } = await import('#commons/data/reviewer-pool');
  const { getCycle } = await import('#commons/helpers/records');
  const { allocationKey } = await import('#commons/helpers/table-keys');
  const cycle = await getCycle(driven.cycleIds[0]);
  const { Item: allocation } = await documentClient.send(new GetCommand({ TableName: APP_TABLE, Key: allocationKey(driven.cycleIds[0]) }));
  if (!cycle || !allocation) throw new Error('the walk left no allocation to copy');
  const { reviewers } = await poolForAllocation(cycle.networkId, cycle.cohortId);
  const dayAfter = (date: string, days: number) => new Date(Date.parse(`${date}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
  const offeredDates = allocation.offeredDates as string[];
  const teamSize = (allocation.team as unknown[]).length;
  // As many teams a day as the pool can staff without booking anyone twice that day, over 40 days or more.
  const teamsPerDay = Math.max(1, Math.floor(reviewers.length / teamSize));
  for (const booked of BOOKED) {
    const cohortId = `bench-booked-${booked}`;
    const days = Math.max(40, Math.ceil(booked / teamsPerDay));
    for (let index = 0; index < booked; index += 1) {
      const visit = { networkId: cycle.networkId, cohortId, cycleId: `${cohortId}--svc-${index}`, hostServiceId: `svc-${index}`, hostOrganisationId: `org-${index}` };
      const slot = Math.floor(index / days);
      const team = Array.from({ length: teamSize }, (_unused, k) => reviewers[(slot * teamSize + k) % reviewers.length]).map((reviewer) => ({
        reviewerId: reviewer.id,
        role: reviewer.roles[0],
        ...(reviewer.serviceId ? { serviceId: reviewer.serviceId } : {}),
        ...(reviewer.organisationId ? { organisationId: reviewer.organisationId } : {}),
      }));
      const items = bookingChanges(visit, undefined, { date: dayAfter(offeredDates[0], index % days), team }, () => true);
      await documentClient.send(new TransactWriteCommand({ TransactItems: items }));
    }
    const mark = snapshot();
    const inputs = await loadAllocationInputs({ ...cycle, cohortId, cycleId: `${cohortId}--next` }, offeredDates);
    const reads = since(mark, APP_TABLE);
    // The bookings' part alone (the days and the host staff's visits), read again without the pool.
    const bookingsMark = snapshot();
    await bookingIndex(inputs.visit, offeredDates, inputs.reviewers, new Map());
    const bookingReads = since(bookingsMark, APP_TABLE);
    const bookedOnDays = [...inputs.allocationsThisCycle.bookedOn.values()].reduce((sum, ids) => sum + ids.size, 0);
    line(
      `one allocation's reads, ${String(booked).padStart(3)} booked`,
      `${reads.readUnits.toFixed(1)} read units in ${reads.requests} requests (${inputs.reviewers.length} reviewers; the bookings ${bookingReads.readUnits.toFixed(1)} units in ${bookingReads.requests}: ${bookedOnDays} booked on the ${offeredDates.length} offered days)`,
    );
  }
} finally {
  await app.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
