// One service-cycle end to end on the local stack, its work counted as AWS would bill it (issue 14):
// a happy-path cycle (accredited first time) and a deferral-and-appeal cycle (deferred, evidence
// sent, not accredited, appeal lodged, decided again). Every DynamoDB request passes the counting
// proxy of bench/dynamodb-meter.ts, split by who sent it; the runtime keeps its executions in
// DynamoDB (as `npm start` does), so its own store is counted too. The bench waits for each step by
// reading the table directly (not through the proxy, not through the API), so polling adds nothing.
// The daily reminder sweep's schedule is removed (see main). Prints figures; asserts nothing. `npm run bench -- --cycle`
// It splits the application's requests by function (and, with BENCH_DETAIL=1, by invocation and operation)
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { ListExecutionsCommand, SFNClient } from '@aws-sdk/client-sfn';
import { DeleteScheduleCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import { startLocalApp } from '../local/app.ts';
import { callApi, executionHistory, sesEmails, waitFor } from '../test/support/local-app.ts';
import type { TestApp } from '../test/support/local-app.ts';
import { advanceBeyond, loadNetwork, offeredDates, peerRatingsBody, reviewerPool, selfReviewBody, today } from '../test/support/cycle-walk.ts';
import { currentInvocation } from '../local/invocation-scope.ts';
import { INVOCATION_HEADER, startDynamoDbMeter } from './dynamodb-meter.ts';
import type { DynamoDbMeter, InvocationTally, Tally } from './dynamodb-meter.ts';

const prices = JSON.parse(readFileSync(new URL('./aws-prices.json', import.meta.url), 'utf8')) as Record<string, number | string>;
const price = (name: string) => Number(prices[name]);
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const NETWORK = 'ccqi-accreditation-example';

interface Task {
  status: string;
  dueAt: string;
  tokenHash: string;
  notifiedTokenHash?: string;
}

/** The bench's own calls to the API: each is one Lambda invocation on AWS. */
let apiCalls = 0;
const api = async (env: TestApp, method: string, path: string, body?: unknown) => {
  apiCalls += 1;
  const response = await callApi(env.app, method, path, body);
  if (response.status >= 300) throw new Error(`${method} ${path} answered ${response.status}: ${JSON.stringify(response.body)}`);
  return response;
};

const taskOf = async (env: TestApp, cycleId: string, stage: string) =>
  (await env.table.send(new GetCommand({ TableName: env.app.tableName, Key: { pk: `CYCLE#${cycleId}`, sk: `TASK#${stage}` }, ConsistentRead: true }))).Item as Task | undefined;

/** An open step whose people were told, other than the round `notToken`. */
const waitForOpen = (env: TestApp, cycleId: string, stage: string, notToken?: string) =>
  waitFor(
    `${stage} of ${cycleId} to open`,
    async () => {
      const task = await taskOf(env, cycleId, stage);
      return task?.status === 'open' && task.notifiedTokenHash === task.tokenHash && task.tokenHash !== notToken ? task : undefined;
    },
    60_000,
  );

const submit = (env: TestApp, cycleId: string, stage: string, body: Record<string, unknown>) => api(env, 'POST', `/cycles/${cycleId}/tasks/${stage}`, body);

const enrol = async (env: TestApp, serviceId: string) => {
  await api(env, 'POST', '/services', { serviceId, name: `Service ${serviceId}`, organisationId: `org-${serviceId}`, networkId: NETWORK, membershipType: 'accreditation', leadEmail: `lead@${serviceId}.example.org` });
  return ((await api(env, 'POST', '/cycles', { serviceId, cohortId: 'bench' })).body as { cycleId: string }).cycleId;
};

const toCommittee = async (env: TestApp, cycleId: string, notMet: string[]) => {
  await waitForOpen(env, cycleId, 'self-review');
  await submit(env, cycleId, 'self-review', selfReviewBody);
  await waitForOpen(env, cycleId, 'peer-review-scheduling');
  await submit(env, cycleId, 'peer-review-scheduling', { offeredBy: 'Service lead', dates: offeredDates(env), hostAddress: '1 High Street' });
  await waitForOpen(env, cycleId, 'reviewer-acceptance');
  const allocation = (await env.table.send(new GetCommand({ TableName: env.app.tableName, Key: { pk: `CYCLE#${cycleId}`, sk: 'ALLOCATION' } }))).Item as { team: { reviewerId: string }[] };
  for (const member of allocation.team) await api(env, 'POST', `/cycles/${cycleId}/reviewers/${member.reviewerId}/accept`, {});
  const visit = await waitForOpen(env, cycleId, 'visit');
  await advanceBeyond(env, visit.dueAt);
  await waitForOpen(env, cycleId, 'peer-ratings');
  await submit(env, cycleId, 'peer-ratings', peerRatingsBody(notMet));
  await waitForOpen(env, cycleId, 'factual-accuracy');
  await submit(env, cycleId, 'factual-accuracy', { respondedBy: 'Service lead', accepted: true });
  return waitForOpen(env, cycleId, 'committee-decision');
};

const decide = (env: TestApp, cycleId: string, outcome: string, reason: string) => submit(env, cycleId, 'committee-decision', { decidedBy: 'Committee chair', outcome, reason });

const happyPath = async (env: TestApp) => {
  const cycleId = await enrol(env, 'bench-happy');
  await toCommittee(env, cycleId, []);
  await decide(env, cycleId, 'accredited', 'Every threshold met');
  return cycleId;
};

const deferralAndAppeal = async (env: TestApp) => {
  const cycleId = await enrol(env, 'bench-appeal');
  const first = await toCommittee(env, cycleId, ['1.1']);
  await decide(env, cycleId, 'deferred', 'Standard 1.1 (Type 1) not met');
  await waitForOpen(env, cycleId, 'deferral-evidence');
  await submit(env, cycleId, 'deferral-evidence', { submittedBy: 'Service lead', summary: 'Risk assessments audited', evidence: [{ standardId: '1.1', note: 'Audit of 20 admissions' }] });
  const second = await waitForOpen(env, cycleId, 'committee-decision', first.tokenHash);
  await decide(env, cycleId, 'not-accredited', 'Evidence does not show 1.1 met');
  await waitForOpen(env, cycleId, 'appeal');
  await submit(env, cycleId, 'appeal', { lodgedBy: 'Service lead', grounds: 'The audit covered every admission' });
  await waitForOpen(env, cycleId, 'committee-decision', second.tokenHash);
  await decide(env, cycleId, 'accredited', 'Appeal upheld');
  return cycleId;
};

/** Every execution of the cycle (a continuation included) finished; their histories. */
const cycleHistories = async (env: TestApp, cycleId: string) => {
  const histories = await waitFor(
    `the executions of ${cycleId} to finish`,
    async () => {
      const { executions = [] } = await env.sfn.send(new ListExecutionsCommand({ stateMachineArn: env.app.stateMachineArn }));
      const mine = executions.filter((execution) => execution.name?.startsWith(cycleId));
      return mine.length > 0 && mine.every((execution) => execution.status !== 'RUNNING') ? mine : undefined;
    },
    60_000,
  );
  return Promise.all(histories.map((execution) => executionHistory(env.sfn, String(execution.executionArn))));
};

/** An API path without its ids: `/cycles/{id}/tasks/self-review`. */
const routeOf = (detail: string) => detail.replace(/\/(cycles|reviewers|services|networks)\/[^/]+/g, '/$1/{id}');

/**
 * Names each request of the application's client after the invocation that sends it (the local
 * adapter runs every handler inside an invocation scope), so the meter splits the work by
 * invocation. The handlers share one client per process, as one Lambda container does.
 */
const nameInvocations = async () => {
  const { dynamoDbClient } = await import('#commons/clients/dynamodb');
  dynamoDbClient.middlewareStack.add(
    (next) => async (args) => {
      const invocation = currentInvocation();
      const request = args.request as { headers?: Record<string, string> };
      if (invocation && request.headers) request.headers[INVOCATION_HEADER] = `${invocation.functionName} ${routeOf(invocation.detail)}|${invocation.id}`.trim();
      return next(args);
    },
    { step: 'build', name: 'benchInvocationName' },
  );
};

/** Requests per invocation, by function; with BENCH_DETAIL, by invocation kind and operation too. */
const printByInvocation = (byInvocation: Record<string, InvocationTally>) => {
  const byFunction = new Map<string, InvocationTally>();
  for (const [label, figures] of Object.entries(byInvocation)) {
    const name = label.split(' ')[0];
    const total = byFunction.get(name) ?? { invocations: new Set<string>(), requests: 0, readUnits: 0, writeUnits: 0, lines: {} };
    for (const id of figures.invocations) total.invocations.add(id);
    total.requests += figures.requests;
    total.readUnits += figures.readUnits;
    total.writeUnits += figures.writeUnits;
    byFunction.set(name, total);
  }
  const row = (name: string, figures: InvocationTally) =>
    `${name}: ${figures.invocations.size} invocations, ${figures.requests} requests (${(figures.requests / Math.max(1, figures.invocations.size)).toFixed(1)} each), ${figures.writeUnits} write units, ${figures.readUnits} read units`;
  console.log('  application requests by function:');
  for (const [name, figures] of [...byFunction].sort(([, a], [, b]) => b.requests - a.requests)) console.log(`    ${row(name, figures)}`);
  if (!process.env.BENCH_DETAIL) return;
  console.log('  by invocation:');
  for (const [label, figures] of Object.entries(byInvocation).sort(([, a], [, b]) => b.requests - a.requests)) {
    console.log(`    ${row(label, figures)}`);
    console.log(`      ${Object.entries(figures.lines).sort(([, a], [, b]) => b - a).map(([line, n]) => `${n} ${line}`).join(', ')}`);
  }
};

const sum = (values: Record<string, number>) => Object.values(values).reduce((total, value) => total + value, 0);
const byOperation = (requests: Record<string, number>) =>
  Object.entries(requests)
    .sort(([, a], [, b]) => b - a)
    .map(([operation, count]) => `${count} ${operation}`)
    .join(', ');

const OWNERS = [
  ['application', (tableName: string) => tableName],
  ['local runtime store', () => 'sfn-local-runtime'],
  ['local scheduler store', () => 'scheduler-local'],
] as const;

const report = async (label: string, env: TestApp, meter: DynamoDbMeter, run: (env: TestApp) => Promise<string>) => {
  meter.reset();
  apiCalls = 0;
  const emailsBefore = (await sesEmails(env.app)).length;
  const cycleId = await run(env);
  const calls = apiCalls;
  const histories = await cycleHistories(env, cycleId);
  // Tallies taken before reading the histories moved the runtime's store.
  const tallies = structuredClone(meter.tallies());
  const emails = (await sesEmails(env.app)).length - emailsBefore;
  const events = histories.flat();
  const transitions = events.filter((event) => event.type?.endsWith('StateEntered')).length;
  const workflowLambdas = events.filter((event) => event.type === 'TaskScheduled').length;
  const lambdas = workflowLambdas + calls;
  console.log(`\n${label} (${cycleId}, ${histories.length} execution${histories.length > 1 ? 's' : ''})`);
  let application: Tally | undefined;
  for (const [name, tableOf] of OWNERS) {
    const tally = tallies[tableOf(env.app.tableName)];
    if (!tally) continue;
    if (name === 'application') application = tally;
    console.log(
      `  DynamoDB ${name}: ${sum(tally.requests)} requests (${byOperation(tally.requests)}; ${tally.batchedItems} items in transactions/batches), ` +
        `${tally.writeUnits + tally.indexWriteUnits} write units (table ${tally.writeUnits}, indexes ${tally.indexWriteUnits}), ${tally.readUnits} read units`,
    );
  }
  if (application) printByInvocation(application.byInvocation);
  if (process.env.BENCH_DETAIL && application) {
    console.log(`    largest item written, by kind: ${Object.entries(application.largestWritten).sort(([, a], [, b]) => b - a).map(([kind, bytes]) => `${kind} ${bytes} B`).join(', ')}`);
    for (const [kind, attributes] of Object.entries(application.largestAttributes).filter(([, attributes]) => Object.keys(attributes).length > 0)) {
      const top = Object.entries(attributes).sort(([, a], [, b]) => b - a).slice(0, 8);
      console.log(`      ${kind}: ${top.map(([name, bytes]) => `${name} ${bytes}`).join(', ')}`);
    }
    for (const [line, figures] of Object.entries(application.detail).sort(([, a], [, b]) => b.requests - a.requests)) console.log(`    ${figures.requests} ${line}: ${figures.writeUnits} write units`);
  }
  const others = Object.keys(tallies).filter((owner) => !OWNERS.some(([, tableOf]) => tableOf(env.app.tableName) === owner) && owner !== 'streams');
  for (const owner of others) console.log(`  DynamoDB ${owner}: ${sum(tallies[owner].requests)} requests (${byOperation(tallies[owner].requests)})`);
  console.log(`  transitions ${transitions}, Lambda invocations ${lambdas} (${workflowLambdas} by the workflow, ${calls} API requests), emails ${emails}`);
  const app = application ?? { writeUnits: 0, indexWriteUnits: 0, readUnits: 0 };
  const cost = {
    stepFunctions: transitions * price('stepFunctionsStandardPerTransition'),
    lambda: lambdas * (price('lambdaPerRequest') + (price('lambdaAssumedMemoryMb') / 1024) * (price('lambdaAssumedBilledMsPerInvocation') / 1000) * price('lambdaPerGbSecond')),
    dynamoDb: (app.writeUnits + app.indexWriteUnits) * price('dynamoDbPerWriteRequestUnit') + app.readUnits * price('dynamoDbPerReadRequestUnit'),
    ses: emails * price('sesPerEmail'),
  };
  const total = sum(cost);
  console.log(
    `  AWS cost per service-cycle (${prices.regionName}, prices of ${prices.date}): $${total.toFixed(5)} = ` +
      `Step Functions $${cost.stepFunctions.toFixed(5)} + Lambda $${cost.lambda.toFixed(5)} + DynamoDB (application) $${cost.dynamoDb.toFixed(5)} + SES $${cost.ses.toFixed(5)}`,
  );
};

const main = async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'cycle-bench-'));
  let meter: DynamoDbMeter | undefined;
  const app = await startLocalApp({
    clock: 'manual',
    clockStartAt: new Date('2025-01-06T09:00:00.000Z'),
    logLevel: 'SILENT',
    dataDir,
    routeDynamoDb: async (endpoint) => {
      meter = await startDynamoDbMeter(endpoint);
      return meter.endpoint;
    },
  });
  await nameInvocations();
  const sfn = new SFNClient({ endpoint: app.urls.stepFunctions, region: 'us-east-1', credentials });
  const table = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: app.urls.dynamodb, region: 'us-east-1', credentials }));
  const env: TestApp = { app, sfn, table, stop: async () => undefined };
  try {
    if (!meter) throw new Error('the meter did not start');
    await loadNetwork(env);
    // Availability as a range, the form the README recommends (a reviewer item near 0.5 KB): the
    // test pool lists 800 days each (7 KB), which a confirmed team's load counters rewrite.
    const pool = reviewerPool(today(env)).map(({ availableOn: _days, ...reviewer }) => ({ ...reviewer, available: [{ from: today(env) }] }));
    await api(env, 'PUT', `/networks/${NETWORK}/reviewers`, { reviewers: pool });
    // The daily sweep is the network's work per day, not a cycle's: moving the clock a month would
    // run it 30 times into the cycle's figures. Its reads are bounded by the tasks due (issue 14).
    const scheduler = new SchedulerClient({ endpoint: app.urls.scheduler, region: 'us-east-1', credentials });
    await scheduler.send(new DeleteScheduleCommand({ Name: 'accredit-local-reminder-sweep' }));
    scheduler.destroy();
    console.log('Counted at a proxy in front of DynamoDB Local; read units as DynamoDB Local reports them, write units computed from item sizes (bench/dynamodb-meter.ts).');
    await report('Happy path: accredited first time', env, meter, happyPath);
    await report('Deferral and appeal: deferred, evidence, not accredited, appeal, accredited', env, meter, deferralAndAppeal);
  } finally {
    sfn.destroy();
    table.destroy();
    await app.stop();
    await meter?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
};

await main();
