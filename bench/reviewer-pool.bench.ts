// A 2,000-reviewer pool against the local stack (issue 12 defect 10, issue 14): the time to import
// it, to list it (GET /networks/{id}/reviewers), to read it as allocation does and to allocate one
// visit, the size of one reviewer item and of DynamoDB Local's files on disk. Two forms of the same
// pool: every working day of two years listed (`availableOn`, what the example seed and the issue's
// pool stored: about 6.6 KB a reviewer), and one two-year range (`available`, what a coordinator
// enters). Allocation reads the pool both ways too: in full and strongly consistent (as before),
// and projected and eventually consistent (as now). Prints figures; asserts nothing.
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { allocateReviewTeam } from '#core/allocation';
import { isWorkingDay } from '#core/calendar';
import { addDays } from '#core/iso-date';
import { startLocalApp } from '../local/app.ts';

const POOL = Number(process.env.BENCH_POOL ?? 2_000);
const NETWORK = 'ccqi-accreditation-example';
const FROM = '2026-01-05';
const DAYS = 730;
const OFFERED = ['2026-06-02', '2026-06-03', '2026-06-09'];

const workingDays = Array.from({ length: DAYS }, (_unused, index) => addDays(FROM, index)).filter((date) => isWorkingDay(date));

const reviewer = (index: number, availability: Record<string, unknown>) => {
  const id = `bench-r${String(index).padStart(5, '0')}`;
  const roles = index % 10 === 0 ? ['lead', 'professional'] : index % 5 === 1 ? ['expert-by-experience'] : ['professional'];
  return {
    id,
    name: `Reviewer ${index}`,
    email: `${id}@reviewers.example.org`,
    ...(roles[0] !== 'expert-by-experience' && { serviceId: `bench-svc-${index % 400}`, organisationId: `bench-org-${index % 200}` }),
    roles,
    ...(roles[0] === 'lead' && { leadTrainingExpiresOn: '2028-12-31' }),
    conflicts: [`bench-svc-${(index + 7) % 400}`],
    reviewsThisYear: index % 4,
    ...availability,
  };
};

const bytesOnDisk = (dir: string): number =>
  readdirSync(dir, { withFileTypes: true }).reduce((total, entry) => total + (entry.isDirectory() ? bytesOnDisk(join(dir, entry.name)) : statSync(join(dir, entry.name)).size), 0);
const timed = async <T>(work: () => Promise<T>): Promise<[T, number]> => {
  const start = performance.now();
  const value = await work();
  return [value, performance.now() - start];
};
const ms = (value: number) => `${Math.round(value)} ms`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

const dataDir = mkdtempSync(join(tmpdir(), 'bench-pool-'));
const app = await startLocalApp({ clock: 'manual', clockStartAt: new Date(`${FROM}T09:00:00.000Z`), logLevel: 'SILENT', dataDir });
try {
  // Imported once the app has set the handlers' environment (they read it at module load).
  const { saveReviewers, listReviewers, poolForAllocation } = await import('#commons/data/reviewer-pool');
  const { bookingIndex } = await import('#commons/data/bookings');
  const { reviewerImportSchema } = await import('#commons/schemas/requests');
  const { documentClient } = await import('#commons/clients/dynamodb');
  const { getNetwork } = await import('#commons/helpers/records');
  const { reviewerKey } = await import('#commons/helpers/table-keys');
  const network = (await getNetwork(NETWORK))!;
  const host = { serviceId: 'bench-host', organisationId: 'bench-host-org' };
  const forms = [
    ['listed days (availableOn)', { availableOn: workingDays }],
    ['one range (available)', { available: [{ from: FROM, to: addDays(FROM, DAYS - 1) }] }],
  ] as const;

  console.log(`reviewer pool: ${POOL} reviewers, network ${NETWORK}, DynamoDB Local on disk`);
  for (const [form, availability] of forms) {
    const { reviewers } = reviewerImportSchema.parse({ reviewers: Array.from({ length: POOL }, (_unused, index) => reviewer(index, availability)) });
    const diskBefore = bytesOnDisk(dataDir);
    const [, importMs] = await timed(() => saveReviewers(NETWORK, reviewers, new Date(), 'bench'));
    const diskAfter = bytesOnDisk(dataDir);
    const { Item } = await documentClient.send(new GetCommand({ TableName: app.tableName, Key: reviewerKey(NETWORK, reviewers[0]!.id) }));
    // The listing a page at a time, as the CLI follows it: the first page, and every page.
    const page = async (cursor?: string) => {
      const response = await fetch(`${app.urls.api}/networks/${NETWORK}/reviewers${cursor === undefined ? '' : `?cursor=${encodeURIComponent(cursor)}`}`);
      const text = await response.text();
      return { status: response.status, bytes: Buffer.byteLength(text), body: JSON.parse(text) as { reviewers?: unknown[]; nextCursor?: string; message?: string } };
    };
    const [first, firstMs] = await timed(() => page());
    const [listed, listMs] = await timed(async () => {
      const whole = { status: 0, bytes: 0, pages: 0, body: { reviewers: [] as unknown[], message: undefined as string | undefined } };
      let cursor: string | undefined;
      do {
        const next = await page(cursor);
        whole.status = next.status;
        whole.bytes += next.bytes;
        whole.pages += 1;
        whole.body.reviewers.push(...(next.body.reviewers ?? []));
        whole.body.message = next.body.message;
        cursor = next.status === 200 ? next.body.nextCursor : undefined;
      } while (cursor !== undefined);
      return whole;
    });
    const [full, fullMs] = await timed(() => listReviewers(NETWORK));
    const [projected, projectedMs] = await timed(() => poolForAllocation(NETWORK, 'bench'));
    const [result, allocateMs] = await timed(async () => {
      const { reviewers: pool, visits } = await poolForAllocation(NETWORK, 'bench');
      const visit = { networkId: NETWORK, cohortId: 'bench', cycleId: 'bench--host', hostServiceId: host.serviceId, hostOrganisationId: host.organisationId };
      const allocationsThisCycle = await bookingIndex(visit, OFFERED, pool, visits);
      return allocateReviewTeam({ host, offeredDates: OFFERED, pool, allocationsThisCycle, composition: network.config.reviewTeam });
    });
    console.log(`\n${form}`);
    console.log(`  reviewer item:                 ${kb(Buffer.byteLength(JSON.stringify(Item)))} (JSON)`);
    console.log(`  import (saveReviewers):        ${ms(importMs)}; DynamoDB Local files grew ${mb(diskAfter - diskBefore)}`);
    console.log(`  GET /networks/{id}/reviewers:  first page ${ms(firstMs)} (${first.status}, ${first.body.reviewers?.length ?? 0} reviewers); every page ${ms(listMs)} (${listed.pages} pages, ${mb(listed.bytes)}, ${listed.body.reviewers.length} reviewers${listed.status === 200 ? '' : `: ${listed.status} ${listed.body.message ?? ''}`})`);
    console.log(`  pool read, full + consistent:  ${ms(fullMs)} (${mb(Buffer.byteLength(JSON.stringify(full)))})`);
    console.log(`  pool read, projected + eventual: ${ms(projectedMs)} (${mb(Buffer.byteLength(JSON.stringify(projected)))})`);
    console.log(`  one allocation (read + core):  ${ms(allocateMs)} (${result.ok ? `team of ${result.team.length} on ${result.date}` : 'no team'})`);
  }
} finally {
  await app.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
