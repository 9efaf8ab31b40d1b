// The whole application on one machine: DynamoDB Local, the SES emulator, the local Step
// Functions runtime running the project's ASL with the project's handlers in-process, and the
// HTTP API + web console. Only endpoints and the clock differ from AWS: the handlers read the
// SDK's standard endpoint variables and the clock source set here.
//
// The handlers read their environment once per process, so one app runs per process.
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { CreateStateMachineCommand, SFNClient, StateMachineAlreadyExists, UpdateStateMachineCommand } from '@aws-sdk/client-sfn';
import { startLocalStepFunctions } from '#sfn-local/index';
import type { LocalStepFunctions } from '#sfn-local/index';
import { loadEmailTemplates } from '../emails/templates.ts';
import { buildDefinitionSubstitutions, localFunctionArn, readAccreditationCycleDefinition } from '../statemachines/substitutions.ts';
import { ensureAppTable } from './app-table.ts';
import { startHttpServer } from './http-server.ts';
import { createLambdaInvoker, loadHandlers } from './lambda-invoker.ts';
import { freePort, startDynamoDbLocal } from './services/dynamodb-local.ts';
import { seedExampleNetworks } from './seed-networks.ts';
import { installEmailTemplates, startSesEmulator } from './ses-emulator.ts';

const REGION = 'us-east-1';
const ACCOUNT_ID = '000000000000';
const STATE_MACHINE_NAME = 'accreditation-cycle';
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };

interface LocalAppOptions {
  /** Folder for DynamoDB Local's files (state survives restarts); omit for in-memory. */
  dataDir?: string;
  clock: 'real' | 'manual';
  /** Where a manual clock starts (default: now). A restart never moves a manual clock back. */
  clockStartAt?: Date;
  /** 0 (the default) picks a free port. */
  ports?: { dynamodb?: number; ses?: number; sfn?: number; api?: number };
  /** Powertools log level for the handlers (default WARN). */
  logLevel?: string;
  tableName?: string;
  emailFrom?: string;
}

interface LocalAppUrls {
  dynamodb: string;
  ses: string;
  sesInbox: string;
  sesStore: string;
  stepFunctions: string;
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

const startLocalApp = async (options: LocalAppOptions): Promise<LocalApp> => {
  if (appRunning) throw new LocalAppAlreadyRunningError();
  appRunning = true;
  const tableName = options.tableName ?? 'accreditation-local';
  const stoppers: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stoppers.reverse()) await stop().catch(() => undefined);
    stoppers.length = 0;
    appRunning = false;
  };
  try {
    const dynamo = await startDynamoDbLocal({
      port: options.ports?.dynamodb ?? 0,
      dataDir: options.dataDir ? join(options.dataDir, 'dynamodb') : undefined,
    });
    stoppers.push(() => dynamo.stop());
    const ses = await startSesEmulator(HOST, await portOrFree(options.ports?.ses));
    stoppers.push(() => ses.stop());
    const sfnPort = await portOrFree(options.ports?.sfn);
    const apiPort = await portOrFree(options.ports?.api);
    const sfnEndpoint = `http://${HOST}:${sfnPort}`;
    const apiUrl = `http://${HOST}:${apiPort}`;
    const stateMachineArn = `arn:aws:states:${REGION}:${ACCOUNT_ID}:stateMachine:${STATE_MACHINE_NAME}`;

    setHandlerEnvironment({
      AWS_REGION: REGION,
      AWS_ACCESS_KEY_ID: credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
      AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
      AWS_ENDPOINT_URL_SESV2: ses.endpoint,
      AWS_ENDPOINT_URL_SFN: sfnEndpoint,
      TABLE_NAME: tableName,
      EMAIL_FROM: options.emailFrom ?? 'reviews@network.example.org',
      APP_BASE_URL: apiUrl,
      STATE_MACHINE_ARN: stateMachineArn,
      POWERTOOLS_SERVICE_NAME: 'accreditation-cycle',
      POWERTOOLS_LOG_LEVEL: options.logLevel ?? process.env.POWERTOOLS_LOG_LEVEL ?? 'WARN',
    });

    const dynamoClient = new DynamoDBClient({ endpoint: dynamo.endpoint, region: REGION, credentials });
    await ensureAppTable(dynamoClient, tableName);
    dynamoClient.destroy();
    const sesClient = new SESv2Client({ endpoint: ses.endpoint, region: REGION, credentials });
    await installEmailTemplates(sesClient, loadEmailTemplates());
    sesClient.destroy();

    const handlers = await loadHandlers();
    const stepFunctions = await startLocalStepFunctions({
      host: HOST,
      port: sfnPort,
      store: options.dataDir ? { kind: 'dynamodb', endpoint: dynamo.endpoint, tableName: 'sfn-local-runtime' } : { kind: 'memory' },
      clock: options.clock === 'manual' ? { kind: 'manual', startAt: options.clockStartAt ?? new Date() } : { kind: 'real' },
      invokeLambda: createLambdaInvoker(handlers),
      region: REGION,
      accountId: ACCOUNT_ID,
    });
    stoppers.push(() => stepFunctions.stop());
    const { useClockSource } = await import('#commons/clock');
    useClockSource(() => stepFunctions.clock.now());

    const sfnClient = new SFNClient({ endpoint: sfnEndpoint, region: REGION, credentials });
    await registerStateMachine(sfnClient);
    sfnClient.destroy();
    const networkIds = await seedExampleNetworks(stepFunctions.clock.now(), (networkId) => `committee@${networkId}.example.org`);

    const urls: LocalAppUrls = {
      dynamodb: dynamo.endpoint,
      ses: ses.endpoint,
      sesInbox: `${ses.endpoint}/`,
      sesStore: `${ses.endpoint}/store`,
      stepFunctions: sfnEndpoint,
      clock: `${sfnEndpoint}/_local/clock`,
      api: apiUrl,
      console: `${apiUrl}/`,
    };
    const apiHandler = handlers.get('http-api');
    if (!apiHandler) throw new Error('functions/catalogue.ts has no http-api function');
    const http = await startHttpServer({
      host: HOST,
      port: apiPort,
      apiHandler,
      clock: { now: () => stepFunctions.clock.now(), mode: stepFunctions.clock.mode, advance: (ms) => stepFunctions.clock.advance(ms) },
      links: { sesInbox: urls.sesInbox, sesStore: urls.sesStore, stepFunctions: urls.stepFunctions, dynamodb: urls.dynamodb },
      now: () => stepFunctions.clock.now(),
    });
    stoppers.push(() => http.stop());

    return { urls, stateMachineArn, tableName, stepFunctions, networkIds, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
};

export { LocalAppAlreadyRunningError, startLocalApp };
export type { LocalApp, LocalAppOptions, LocalAppUrls };
