// The cohort board with 1,000 cycles (issue 8, "kept fast with 1,000 cycles"): GET /cycles against
// the local API and DynamoDB Local, p50 and p95 over 50 requests each, for the first page in key
// order, a filter (overdue), a sort (deadline) and the page after the first. The cycles are written
// straight into the table with the data layer's key shapes (test/support/board-seed.ts). On a
// shared machine the figures move with its load: run it alone, and read p50 before p95.
// Prints figures; asserts nothing.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { performance } from 'node:perf_hooks';
import { startLocalApp } from '../local/app.ts';
import { seedCycles } from '../test/support/board-seed.ts';

const CYCLES = 1_000;
const REQUESTS = 50;
const WARM_UPS = 5;
const NETWORK = 'bench-network';
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };

const percentile = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

const timeRequests = async (url: string): Promise<{ p50: number; p95: number; rows: number; total?: number }> => {
  let last: { cycles: unknown[]; total?: number } = { cycles: [] };
  const get = async () => {
    const response = await fetch(url, { headers: { 'x-local-user': 'staff' } });
    if (response.status !== 200) throw new Error(`${url} answered ${response.status}: ${await response.text()}`);
    last = (await response.json()) as typeof last;
  };
  for (let run = 0; run < WARM_UPS; run += 1) await get();
  const times: number[] = [];
  for (let run = 0; run < REQUESTS; run += 1) {
    const started = performance.now();
    await get();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), rows: last.cycles.length, total: last.total };
};

const main = async () => {
  const app = await startLocalApp({ clock: 'manual', clockStartAt: new Date('2025-06-02T09:00:00.000Z'), logLevel: 'SILENT' });
  const table = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: app.urls.dynamodb, region: 'us-east-1', credentials }));
  try {
    const seeding = performance.now();
    await seedCycles(table, app.tableName, { networkId: NETWORK, count: CYCLES, now: new Date(app.stepFunctions.clock.now()) });
    console.log(`seeded ${CYCLES} cycles in ${(performance.now() - seeding).toFixed(0)} ms (BatchWrite)`);
    const base = `${app.urls.api}/cycles?networkId=${NETWORK}&limit=25`;
    const first = (await (await fetch(base, { headers: { 'x-local-user': 'staff' } })).json()) as { nextCursor: string };
    const cases = [
      { name: 'first page (key order, limit 25)', url: base },
      { name: 'second page (cursor)', url: `${base}&cursor=${first.nextCursor}` },
      { name: 'filter=overdue', url: `${base}&filter=overdue` },
      { name: 'sort=deadline', url: `${base}&sort=deadline` },
    ];
    console.log(`GET /cycles with ${CYCLES} cycles, ${REQUESTS} requests each after ${WARM_UPS} warm-ups:`);
    for (const { name, url } of cases) {
      const { p50, p95, rows, total } = await timeRequests(url);
      console.log(`${name.padEnd(36)} p50 ${p50.toFixed(1).padStart(7)} ms   p95 ${p95.toFixed(1).padStart(7)} ms   (${rows} rows${total === undefined ? '' : ` of ${total}`})`);
    }
  } finally {
    table.destroy();
    await app.stop();
  }
};

await main();
