// Runs the API fuzz against a running local app: seeds a few services and cycles so requests can
// name real ids, sends `count` generated requests (a fixed seed reproduces a run), tallies the
// answers by status, keeps every 5xx, waits for the workflow to settle and checks the table for
// partial writes.
import { readFileSync } from 'node:fs';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import fc from 'fast-check';
import pLimit from 'p-limit';
import type { LocalApp } from '../../local/app.ts';
import { checkPartialWrites, type PartialWriteReport } from './partial-writes.ts';
import { fuzzRequest, type FuzzRequest, type FuzzRoute, type KnownIds } from './requests.ts';

interface FuzzOptions {
  app: LocalApp;
  count: number;
  seed: number;
  /** Requests in flight at once: races between them are part of the test. */
  concurrency?: number;
}

interface ServerError {
  request: FuzzRequest;
  status: number;
  body: string;
}

interface FuzzFigures {
  seed: number;
  sent: number;
  byStatus: Record<string, number>;
  serverErrors: ServerError[];
  /** Requests that got no HTTP answer at all (connection dropped, 30 s timeout). */
  unanswered: { request: FuzzRequest; error: string }[];
  partialWrites: PartialWriteReport;
  seconds: number;
}

const LOCAL_HEADER = 'x-local-user';
const REQUEST_TIMEOUT_MS = 30_000;
const exampleReviewers = JSON.parse(readFileSync(new URL('../../examples/networks/ccqi-accreditation-example/reviewers.json', import.meta.url), 'utf8')) as {
  reviewers: { id: string; organisationId: string }[];
};

const send = async (app: LocalApp, request: FuzzRequest) =>
  fetch(`${app.urls.api}${request.url}`, {
    method: request.method,
    headers: { 'content-type': 'application/json', ...(request.role !== undefined && { [LOCAL_HEADER]: request.role }) },
    body: request.body,
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });

/** Two organisations with a service each and a cycle running, as staff would set them up. */
const seedFixtures = async (app: LocalApp): Promise<KnownIds> => {
  const networkId = 'ccqi-accreditation-example';
  const services = [
    { serviceId: 'fz-ward-a', organisationId: 'org-fz-a' },
    { serviceId: 'fz-ward-b', organisationId: 'org-fz-b' },
  ];
  const cycleIds: string[] = [];
  for (const { serviceId, organisationId } of services) {
    const enrol = { serviceId, name: `Fuzz ${serviceId}`, organisationId, networkId, membershipType: 'accreditation', leadEmail: `lead@${serviceId}.example.org` };
    await send(app, { method: 'POST', url: '/services', body: JSON.stringify(enrol) });
    const started = (await (await send(app, { method: 'POST', url: '/cycles', body: JSON.stringify({ serviceId, cohortId: 'fz1' }) })).json()) as { cycleId?: string };
    if (started.cycleId) cycleIds.push(started.cycleId);
  }
  await app.stepFunctions.idle();
  return {
    networkIds: [networkId, 'mind-and-body-example'],
    // Two enrolled, and a few the fuzz may enrol itself.
    serviceIds: [...services.map((service) => service.serviceId), 'fz-new-1', 'fz-new-2', 'fz-new-3'],
    cycleIds,
    organisationIds: [...services.map((service) => service.organisationId), ...new Set(exampleReviewers.reviewers.map((reviewer) => reviewer.organisationId))],
    reviewerIds: exampleReviewers.reviewers.map((reviewer) => reviewer.id),
    cohortIds: ['fz1', 'fz2'],
  };
};

const runApiFuzz = async ({ app, count, seed, concurrency = 4 }: FuzzOptions): Promise<FuzzFigures> => {
  const started = Date.now();
  // Imported once the app has set the handlers' environment.
  const { routes } = await import('../../functions/http-api/handler.ts');
  const known = await seedFixtures(app);
  const requests = fc.sample(fuzzRequest(routes as readonly FuzzRoute[], known), { numRuns: count, seed });
  const byStatus: Record<string, number> = {};
  const serverErrors: ServerError[] = [];
  const unanswered: FuzzFigures['unanswered'] = [];
  const limit = pLimit(concurrency);
  await Promise.all(
    requests.map((request) =>
      limit(async () => {
        try {
          const response = await send(app, request);
          const text = await response.text();
          byStatus[response.status] = (byStatus[response.status] ?? 0) + 1;
          if (response.status >= 500) serverErrors.push({ request, status: response.status, body: text.slice(0, 500) });
        } catch (error) {
          unanswered.push({ request, error: String(error) });
        }
      }),
    ),
  );
  await app.stepFunctions.idle();
  const documents = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: app.urls.dynamodb, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }));
  const partialWrites = await checkPartialWrites(documents, app.tableName);
  documents.destroy();
  return { seed, sent: requests.length, byStatus, serverErrors, unanswered, partialWrites, seconds: (Date.now() - started) / 1000 };
};

const formatFigures = (figures: FuzzFigures): string => {
  const statuses = Object.entries(figures.byStatus)
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([status, n]) => `${status}: ${n}`)
    .join(', ');
  const fivexx = Object.entries(figures.byStatus).filter(([status]) => Number(status) >= 500).reduce((sum, [, n]) => sum + n, 0);
  const lines = [
    `API fuzz (seed ${figures.seed}): ${figures.sent} requests in ${figures.seconds.toFixed(1)} s`,
    `  responses by status  ${statuses}`,
    `  5xx responses        ${fivexx}`,
    `  unanswered           ${figures.unanswered.length}`,
    `  partial writes       ${figures.partialWrites.problems.length} (checked ${figures.partialWrites.cycles} cycles, ${figures.partialWrites.tasks} tasks, ${figures.partialWrites.auditEvents} audit events)`,
    ...figures.serverErrors.slice(0, 10).map((error) => `  5xx: ${error.request.method} ${error.request.url} as ${error.request.role ?? 'staff'} body=${(error.request.body ?? '').slice(0, 120)} -> ${error.status} ${error.body}`),
    ...figures.unanswered.slice(0, 10).map((failure) => `  unanswered: ${failure.request.method} ${failure.request.url}: ${failure.error}`),
    ...figures.partialWrites.problems.slice(0, 10).map((problem) => `  partial write: ${problem}`),
  ];
  return lines.join('\n');
};

const fuzzPassed = (figures: FuzzFigures): boolean =>
  figures.serverErrors.length === 0 && figures.unanswered.length === 0 && figures.partialWrites.problems.length === 0;

export { formatFigures, fuzzPassed, runApiFuzz };
export type { FuzzFigures, FuzzOptions };
