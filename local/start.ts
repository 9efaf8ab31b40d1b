// `npm start`: the whole application on this machine, data on disk under .local-data/ (git
// ignores it), so stopping and starting again resumes every execution that was in flight.
// Ports (127.0.0.1 only): DynamoDB 8000, SES 8005, Step Functions 8083, EventBridge Scheduler 8084,
// S3 (evidence files) 8086, API + console 3000; override with DYNAMODB_PORT, SES_PORT, SFN_PORT, SCHEDULER_PORT, S3_PORT, API_PORT. LOCAL_CLOCK=real|manual (default manual,
// so `accredit clock advance 30d` can walk a cycle; the clock starts at the current time).
import { fileURLToPath } from 'node:url';
import { startLocalApp } from './app.ts';

const port = (name: string, fallback: number): number => {
  const value = process.env[name];
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > 65_535) throw new Error(`${name} must be a port number, got "${value}"`);
  return parsed;
};

const clockMode = (): 'real' | 'manual' => {
  const value = process.env.LOCAL_CLOCK ?? 'manual';
  if (value !== 'real' && value !== 'manual') throw new Error(`LOCAL_CLOCK must be "real" or "manual", got "${value}"`);
  return value;
};

const main = async () => {
  const dataDir = process.env.LOCAL_DATA_DIR ?? fileURLToPath(new URL('../.local-data/', import.meta.url));
  const app = await startLocalApp({
    dataDir,
    clock: clockMode(),
    ports: { dynamodb: port('DYNAMODB_PORT', 8000), ses: port('SES_PORT', 8005), sfn: port('SFN_PORT', 8083), api: port('API_PORT', 3000), scheduler: port('SCHEDULER_PORT', 8084), s3: port('S3_PORT', 8086) },
    logLevel: process.env.POWERTOOLS_LOG_LEVEL ?? 'INFO',
  });
  const lines = [
    `Accreditation cycle orchestrator running locally (data in ${dataDir})`,
    `  Web app             ${app.urls.console}`,
    `  HTTP API            ${app.urls.api}`,
    `  SES inbox           ${app.urls.sesInbox}   (store: ${app.urls.sesStore})`,
    `  Step Functions API  ${app.urls.stepFunctions}   (clock: ${app.urls.clock}, ${app.stepFunctions.clock.mode}, now ${app.stepFunctions.clock.now().toISOString()})`,
    `  DynamoDB Local      ${app.urls.dynamodb}   (table ${app.tableName})`,
    `  S3 (evidence files) ${app.urls.s3}`,
    `  Scheduler API       ${app.urls.scheduler}   (daily reminder sweep, one-off follow-up cycles)`,
    `  Networks loaded     ${app.networkIds.join(', ')}`,
    `  Executions resumed  ${app.stepFunctions.resumed}`,
    'Press Ctrl-C to stop.',
  ];
  console.log(lines.join('\n'));

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping...`);
    await app.stop();
    console.log('Stopped.');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
};

main().catch((error: unknown) => {
  console.error('Local start-up failed:', error instanceof Error ? error.message : error);
  process.exit(1);
});
