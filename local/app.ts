// The whole application on one machine: DynamoDB Local, the SES emulator, the local Step
// Functions runtime running the project's ASL with the project's handlers in-process, and the
// HTTP API + web console. Only endpoints and the clock differ from AWS: the handlers read the
// SDK's standard endpoint variables and the clock source set here.
//
// The handlers read their environment once per process, so one app runs per process.
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { ConflictException, CreateScheduleCommand, SchedulerClient, UpdateScheduleCommand } from '@aws-sdk/client-scheduler';
import { CreateStateMachineCommand, SFNClient, StartExecutionCommand, StateMachineAlreadyExists, UpdateStateMachineCommand } from '@aws-sdk/client-sfn';
import { startLocalStepFunctions } from '#sfn-local/index';
import type { LocalStepFunctions } from '#sfn-local/index';
import { loadEmailTemplates } from '../emails/templates.ts';
import { functionCatalogue } from '#contracts/function-catalogue';
import { recurringSchedules } from '#contracts/schedules';
import { buildDefinitionSubstitutions, localFunctionArn, readAccreditationCycleDefinition } from '../statemachines/substitutions.ts';
import { deleteTablesNamed, ensureAppTable } from './app-table.ts';
import { startHttpServer } from './http-server.ts';
import { startTableStream } from './table-stream.ts';
import { routeApiRequests } from './api-routes.ts';
import type { TableStreamReader } from './table-stream.ts';
import { createLambdaInvoker, loadHandlers } from './lambda-invoker.ts';
import { startLocalScheduler } from './scheduler/index.ts';
import type { TargetInvokers } from './scheduler/index.ts';
import { freePort, startDynamoDbLocal } from './services/dynamodb-local.ts';
import { startS3Emulator } from './services/s3-emulator/index.ts';
import { seedExampleNetworks } from './seed-networks.ts';
import { installEmailTemplates, startSesEmulator } from './ses-emulator.ts';

const REGION = 'us-east-1';
const ACCOUNT_ID = '000000000000';
const STATE_MACHINE_NAME = 'accreditation-cycle';
/** The evidence bucket's name locally (on AWS the stack names it). */
const EVIDENCE_BUCKET = 'accreditation-evidence-local';
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };

interface LocalAppOptions {
  /** Folder for DynamoDB Local's files (state survives restarts); omit for in-memory. */
  dataDir?: string;
  clock: 'real' | 'manual';
  /** Where a manual clock starts (default: now). A restart never moves a manual clock back. */
  clockStartAt?: Date;
  /** 0 (the default) picks a free port. */
  ports?: { dynamodb?: number; ses?: number; sfn?: number; api?: number; scheduler?: number; s3?: number };
  /** Powertools log level for the handlers (default WARN). */
  logLevel?: string;
  tableName?: string;
  emailFrom?: string;
  /**
   * Puts something between every local part and DynamoDB Local (the cycle bench's counting proxy):
   * given DynamoDB Local's endpoint, returns the one the handlers, the runtime and the scheduler use.
   * `urls.dynamodb` stays the direct one.
   */
  routeDynamoDb?: (endpoint: string) => Promise<string>;
  /**
   * A DynamoDB Local already running (the one a test worker shares between its test files), used
   * instead of starting one and left running on stop. Every table the app makes is named with
   * `tablePrefix`, and deleted on stop.
   */
  dynamodb?: { endpoint: string; tablePrefix: string };
}

interface LocalAppUrls {
  dynamodb: string;
  ses: string;
  sesInbox: string;
  sesStore: string;
  /** The S3-compatible store evidence files are uploaded to (local/services/s3-emulator/). */
  s3: string;
  stepFunctions: string;
  scheduler: string;
  clock: string;
  api: string;
  console: string;
}

interface LocalApp {
  urls: LocalAppUrls;
  stateMachineArn: string;
  tableName: string;
  /** The local Step Functions runtime: its clock, idle(), and the number of executions resumed. */
  stepFunctions: LocalStepFunctions;
  /** The relay of recorded hand-overs to the workflow, reading the table's stream. */
  handOverRelay: TableStreamReader;
  networkIds: string[];
  stop(): Promise<void>;
}

const HOST = '127.0.0.1';
/** Handlers read endpoints from the environment once, at module load: a second app would talk to the first's services. */
let appRunning = false;

class LocalAppAlreadyRunningError extends Error {
  constructor(options?: ErrorOptions) {
    super('A local app is already running in this process; stop it first (one app per process)', options);
    this.name = 'LocalAppAlreadyRunning';
  }
}
/** A stop that may be listed twice (to run before something started later) but runs once. */
const once = (stop: () => Promise<void>) => {
  let stopping: Promise<void> | undefined;
  return () => (stopping ??= stop());
};

const portOrFree = async (port: number | undefined) => (port && port > 0 ? port : freePort());

/** The environment a deployed function gets from CDK, pointed at the local services. */
const setHandlerEnvironment = (values: Record<string, string>) => {
  for (const [name, value] of Object.entries(values)) process.env[name] = value;
};

const registerStateMachine = async (client: SFNClient): Promise<string> => {
  const substitutions = buildDefinitionSubstitutions((spec) => localFunctionArn(spec, REGION, ACCOUNT_ID));
  const definition = readAccreditationCycleDefinition(substitutions);
  const roleArn = `arn:aws:iam::${ACCOUNT_ID}:role/${STATE_MACHINE_NAME}`;
  const arn = `arn:aws:states:${REGION}:${ACCOUNT_ID}:stateMachine:${STATE_MACHINE_NAME}`;
  try {
    await client.send(new CreateStateMachineCommand({ name: STATE_MACHINE_NAME, definition, roleArn, type: 'STANDARD' }));
  } catch (error) {
    if (!(error instanceof StateMachineAlreadyExists)) throw error;
    // Kept from a previous run: bring it up to date with the ASL file.
    await client.send(new UpdateStateMachineCommand({ stateMachineArn: arn, definition }));
  }
  return arn;
};

/** The group one-off cycle starts (interim review, renewal) are created in, as on AWS. */
const ONE_OFF_SCHEDULE_GROUP = 'accredit-local-cycle-starts';
const SCHEDULE_ROLE_ARN = `arn:aws:iam::${ACCOUNT_ID}:role/accredit-local-start-cycle`;
/** No SQS locally: the emulator keeps the dead-letter ARN and logs an occurrence it gives up on. */
const SCHEDULE_DEAD_LETTER_QUEUE_ARN = `arn:aws:sqs:${REGION}:${ACCOUNT_ID}:accredit-local-schedule-dead-letters`;

/** The universal targets the application's schedules use: starting a cycle's execution. */
const awsSdkTargets = (sfnEndpoint: string): TargetInvokers['callAwsSdk'] => async (service, action, request) => {
  if (`${service}:${action}` !== 'sfn:startExecution') throw new Error(`The local scheduler has no universal target ${service}:${action}`);
  // The API's own member names (stateMachineArn), or the PascalCase the SDK integrations use.
  const field = (name: string) => request[name] ?? request[name.charAt(0).toUpperCase() + name.slice(1)];
  const client = new SFNClient({ endpoint: sfnEndpoint, region: REGION, credentials });
  try {
    return await client.send(
      new StartExecutionCommand({ stateMachineArn: String(field('stateMachineArn')), name: field('name') as string | undefined, input: field('input') as string | undefined }),
    );
  } finally {
    client.destroy();
  }
};

/**
 * The recurring schedules the CDK stack creates (contracts/schedules.ts: the same expression,
 * time zone and target input), created or brought up to date at start-up.
 */
const ensureRecurringSchedules = async (client: SchedulerClient): Promise<void> => {
  for (const spec of functionCatalogue.filter((candidate) => candidate.trigger === 'schedule')) {
    const schedule = recurringSchedules[spec.name];
    if (!schedule) throw new Error(`contracts/schedules.ts has no schedule for ${spec.name}`);
    const request = {
      Name: `accredit-local-${spec.name}`,
      ScheduleExpression: schedule.expression,
      ScheduleExpressionTimezone: schedule.timeZone,
      FlexibleTimeWindow: { Mode: 'OFF' as const },
      Target: {
        Arn: localFunctionArn(spec, REGION, ACCOUNT_ID),
        RoleArn: `arn:aws:iam::${ACCOUNT_ID}:role/accredit-local-scheduler`,
        Input: JSON.stringify(schedule.input),
        RetryPolicy: { MaximumRetryAttempts: 3 },
      },
    };
    try {
      await client.send(new CreateScheduleCommand(request));
    } catch (error) {
      if (!(error instanceof ConflictException)) throw error;
      await client.send(new UpdateScheduleCommand(request));
    }
  }
};

/** The HTTP API as API Gateway routes it: the catalogue's routed functions first, then the default one. */
const apiHandlerOf = (handlers: Awaited<ReturnType<typeof loadHandlers>>) => {
  const apiFunctions = functionCatalogue.filter((spec) => spec.trigger === 'http-api');
  const handlerOf = (name: string) => {
    const handler = handlers.get(name);
    if (!handler) throw new Error(`No handler loaded for ${name}`);
    return handler;
  };
  const [fallback] = apiFunctions.filter((spec) => !('httpRoutes' in spec));
  if (!fallback) throw new Error('contracts/function-catalogue.ts has no default http-api function');
  const routed = apiFunctions.flatMap((spec) => ('httpRoutes' in spec ? [{ routes: spec.httpRoutes, handler: handlerOf(spec.name) }] : []));
  return routeApiRequests(handlerOf(fallback.name), routed);
};

/** How often the stream's shards are polled (see startStreamFunctions). */
const STREAM_POLL_MS = 250;

/**
 * The catalogue's stream-triggered function (the hand-over relay), fed from DynamoDB Local's stream
 * with the catalogue's filter, as the event source mapping does on AWS. Started once Step Functions
 * is up: hand-overs left pending by a crash are delivered straight away, from the oldest record on.
 */
const startStreamFunctions = async (endpoint: string, tableName: string, handlers: Awaited<ReturnType<typeof loadHandlers>>): Promise<TableStreamReader> => {
  const specs = functionCatalogue.filter((spec) => spec.trigger === 'table-stream');
  if (specs.length !== 1 || !specs[0].streamFilter) throw new Error('functions/catalogue.ts should have one table-stream function with its streamFilter');
  const [spec] = specs;
  const invoke = createLambdaInvoker(handlers);
  return startTableStream({
    endpoint,
    region: REGION,
    tableName,
    filter: spec.streamFilter,
    invoke: (event) => invoke(spec.name, event),
    // As Lambda's event source mapping polls a DynamoDB stream's shards: "at a base rate of 4 times
    // per second" (Lambda developer guide, Using AWS Lambda with Amazon DynamoDB). Each poll costs
    // DynamoDB Local a DescribeStream and a GetRecords per shard whether or not anything was written.
    pollMs: STREAM_POLL_MS,
  });
};

const startLocalApp = async (options: LocalAppOptions): Promise<LocalApp> => {
  if (appRunning) throw new LocalAppAlreadyRunningError();
  appRunning = true;
  const tablePrefix = options.dynamodb?.tablePrefix ?? '';
  const tableName = options.tableName ?? `${tablePrefix}accreditation-local`;
  const stoppers: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stoppers.reverse()) await stop().catch(() => undefined);
    stoppers.length = 0;
    appRunning = false;
  };
  try {
    // Last of all on stop: our own DynamoDB Local stops; a shared one loses this app's tables.
    const shared = options.dynamodb;
    let dynamo: { endpoint: string };
    if (shared) {
      dynamo = { endpoint: shared.endpoint };
      stoppers.push(() => deleteTablesNamed(shared.endpoint, shared.tablePrefix));
    } else {
      const own = await startDynamoDbLocal({ port: options.ports?.dynamodb ?? 0, dataDir: options.dataDir ? join(options.dataDir, 'dynamodb') : undefined });
      dynamo = own;
      stoppers.push(() => own.stop());
    }
    const dynamoEndpoint = options.routeDynamoDb ? await options.routeDynamoDb(dynamo.endpoint) : dynamo.endpoint;
    // On disk beside DynamoDB's files, so the inbox survives a restart as the cycles do.
    const ses = await startSesEmulator(HOST, await portOrFree(options.ports?.ses), { storeFile: options.dataDir ? join(options.dataDir, 'ses', 'emails.jsonl') : undefined });
    stoppers.push(() => ses.stop());
    const sfnPort = await portOrFree(options.ports?.sfn);
    const apiPort = await portOrFree(options.ports?.api);
    // Before the API: the browser posts evidence files to it from the app's origin (its CORS rule),
    // and the objects are kept beside DynamoDB's files so an answer's file survives a restart with it.
    const s3 = await startS3Emulator({
      host: HOST,
      port: await portOrFree(options.ports?.s3),
      buckets: [EVIDENCE_BUCKET],
      credentials,
      allowedOrigins: [`http://${HOST}:${apiPort}`, `http://localhost:${apiPort}`],
      dataDir: options.dataDir ? join(options.dataDir, 's3') : undefined,
    });
    stoppers.push(() => s3.stop());
    const schedulerPort = await portOrFree(options.ports?.scheduler);
    const schedulerEndpoint = `http://${HOST}:${schedulerPort}`;
    const sfnEndpoint = `http://${HOST}:${sfnPort}`;
    const apiUrl = `http://${HOST}:${apiPort}`;
    const stateMachineArn = `arn:aws:states:${REGION}:${ACCOUNT_ID}:stateMachine:${STATE_MACHINE_NAME}`;

    setHandlerEnvironment({
      AWS_REGION: REGION,
      AWS_ACCESS_KEY_ID: credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
      AWS_ENDPOINT_URL_DYNAMODB: dynamoEndpoint,
      AWS_ENDPOINT_URL_SESV2: ses.endpoint,
      AWS_ENDPOINT_URL_S3: s3.endpoint,
      EVIDENCE_BUCKET_NAME: EVIDENCE_BUCKET,
      AWS_ENDPOINT_URL_SFN: sfnEndpoint,
      AWS_ENDPOINT_URL_SCHEDULER: schedulerEndpoint,
      SCHEDULE_GROUP_NAME: ONE_OFF_SCHEDULE_GROUP,
      SCHEDULE_ROLE_ARN: SCHEDULE_ROLE_ARN,
      SCHEDULE_DEAD_LETTER_QUEUE_ARN,
      TABLE_NAME: tableName,
      EMAIL_FROM: options.emailFrom ?? 'reviews@network.example.org',
      APP_BASE_URL: apiUrl,
      STATE_MACHINE_ARN: stateMachineArn,
      POWERTOOLS_SERVICE_NAME: 'accreditation-cycle',
      POWERTOOLS_LOG_LEVEL: options.logLevel ?? process.env.POWERTOOLS_LOG_LEVEL ?? 'WARN',
    });

    const dynamoClient = new DynamoDBClient({ endpoint: dynamoEndpoint, region: REGION, credentials });
    await ensureAppTable(dynamoClient, tableName);
    dynamoClient.destroy();
    const sesClient = new SESv2Client({ endpoint: ses.endpoint, region: REGION, credentials });
    await installEmailTemplates(sesClient, loadEmailTemplates());
    sesClient.destroy();

    const handlers = await loadHandlers();
    // Executions left running by the last stop (or crash) resume only once everything their
    // tasks call is up and the handlers read the runtime's clock: resumed first, they failed
    // with ECONNREFUSED on the Scheduler and dated their records in real time (issue 12, defect 3).
    const stepFunctions = await startLocalStepFunctions({
      host: HOST,
      port: sfnPort,
      store: options.dataDir ? { kind: 'dynamodb', endpoint: dynamoEndpoint, tableName: `${tablePrefix}sfn-local-runtime` } : { kind: 'memory' },
      clock: options.clock === 'manual' ? { kind: 'manual', startAt: options.clockStartAt ?? new Date() } : { kind: 'real' },
      invokeLambda: createLambdaInvoker(handlers),
      region: REGION,
      accountId: ACCOUNT_ID,
      resume: 'on-request',
    });
    const stopStepFunctions = once(() => stepFunctions.stop());
    stoppers.push(stopStepFunctions);
    const { useClockSource } = await import('#commons/clock');
    useClockSource(() => stepFunctions.clock.now());

    const sfnClient = new SFNClient({ endpoint: sfnEndpoint, region: REGION, credentials });
    await registerStateMachine(sfnClient);
    sfnClient.destroy();
    const handOverRelay = await startStreamFunctions(dynamoEndpoint, tableName, handlers);
    stoppers.push(() => handOverRelay.stop());
    const networkIds = await seedExampleNetworks(stepFunctions.clock.now(), (networkId) => `committee@${networkId}.example.org`);

    // After the state machine and the handlers: a stored one-off start that fell due while the
    // app was stopped fires as soon as the scheduler is back.
    const scheduler = await startLocalScheduler({
      host: HOST,
      port: schedulerPort,
      store: { kind: 'dynamodb', endpoint: dynamoEndpoint, tableName: `${tablePrefix}scheduler-local` },
      clock: stepFunctions.clock,
      invokers: { invokeLambda: createLambdaInvoker(handlers), callAwsSdk: awsSdkTargets(sfnEndpoint) },
      region: REGION,
      accountId: ACCOUNT_ID,
      log: (message, detail) => console.warn(`[scheduler] ${message}`, detail instanceof Error ? detail.message : (detail ?? '')),
    });
    stoppers.push(() => scheduler.stop());
    // Stopping runs in reverse: the executions stop before the Scheduler their tasks call.
    stoppers.push(stopStepFunctions);
    const schedulerClient = new SchedulerClient({ endpoint: schedulerEndpoint, region: REGION, credentials });
    await ensureRecurringSchedules(schedulerClient);
    schedulerClient.destroy();

    // Last of all the dependencies; the HTTP API, the front door, opens after.
    await stepFunctions.resumeExecutions();

    const urls: LocalAppUrls = {
      dynamodb: dynamo.endpoint,
      ses: ses.endpoint,
      sesInbox: `${ses.endpoint}/`,
      sesStore: `${ses.endpoint}/store`,
      s3: s3.endpoint,
      stepFunctions: sfnEndpoint,
      scheduler: schedulerEndpoint,
      clock: `${sfnEndpoint}/_local/clock`,
      api: apiUrl,
      console: `${apiUrl}/`,
    };
    const apiHandler = apiHandlerOf(handlers);
    const http = await startHttpServer({
      host: HOST,
      port: apiPort,
      apiHandler,
      clock: { now: () => stepFunctions.clock.now(), mode: stepFunctions.clock.mode, advance: (ms) => stepFunctions.clock.advance(ms) },
      links: { sesInbox: urls.sesInbox, sesStore: urls.sesStore, stepFunctions: urls.stepFunctions, dynamodb: urls.dynamodb, evidenceStore: urls.s3 },
      now: () => stepFunctions.clock.now(),
    });
    stoppers.push(() => http.stop());

    return { urls, stateMachineArn, tableName, stepFunctions, handOverRelay, networkIds, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
};

export { LocalAppAlreadyRunningError, startLocalApp };
export type { LocalApp, LocalAppOptions, LocalAppUrls };
