// The whole local stack (local/start.ts: node and the DynamoDB Local JVM, one process group) as the
// harness crashes it: SIGKILL at any moment, then a restart on the same data folder and the same
// ports, so every client keeps its endpoint. Each crash reads the workflow clock just before the
// kill and again after the restart: a manual clock must never come back earlier (issue 12, defect 4).
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { startLocalProcess } from '../test/support/start-process.ts';
import type { StartedProcess } from '../test/support/start-process.ts';

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
/** local/app.ts's table name. */
const TABLE_NAME = 'accreditation-local';

interface Crash {
  kind: string;
  /** Whether the phase aimed at (launch, clock advance, submission burst) was still in flight. */
  midPhase: boolean;
  /** The workflow clock read just before the kill (undefined if the stack did not answer). */
  clockBefore?: string;
  clockAfter: string;
  /** The latest audit event `at` in the table after the restart: never later than the restarted clock. */
  latestAuditAt?: string;
  restartMs: number;
}

interface ChaosStack {
  urls(): StartedProcess['urls'];
  /** Resolves when the stack answers (at once, unless it is being crashed and restarted); rejects if a restart failed. */
  whenUp(): Promise<void>;
  /** Counts restarts: a request begun in one generation and failed in the next was cut by a kill. */
  generation(): number;
  isUp(): boolean;
  crash(kind: string, midPhase: () => boolean): Promise<Crash>;
  readClock(): Promise<string>;
  latestAuditAt(): Promise<string | undefined>;
  stop(): Promise<void>;
}

const readClockAt = async (api: string): Promise<string> => {
  const response = await fetch(`${api}/_local/clock`, { signal: AbortSignal.timeout(10_000) });
  return String(((await response.json()) as { now: string }).now);
};

/** Every audit event's time, read straight from DynamoDB Local (a scan: the harness's own check, not an access pattern). */
const latestAuditAtIn = async (endpoint: string): Promise<string | undefined> => {
  const table = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint, region: 'us-east-1', credentials }));
  let latest: string | undefined;
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  try {
    do {
      const page = await table.send(
        new ScanCommand({
          TableName: TABLE_NAME,
          FilterExpression: 'begins_with(sk, :audit)',
          ExpressionAttributeValues: { ':audit': 'AUDIT#' },
          ProjectionExpression: '#at',
          ExpressionAttributeNames: { '#at': 'at' },
          ExclusiveStartKey,
        }),
      );
      for (const item of page.Items ?? []) if (latest === undefined || String(item.at) > latest) latest = String(item.at);
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
  } finally {
    table.destroy();
  }
  return latest;
};

const startChaosStack = async (dataDir: string, log: (message: string) => void): Promise<ChaosStack> => {
  let current = await startLocalProcess(dataDir);
  let generation = 0;
  let up = true;
  let upGate: Promise<void> = Promise.resolve();

  const crash = async (kind: string, midPhase: () => boolean): Promise<Crash> => {
    const clockBefore = await readClockAt(current.urls.api).catch(() => undefined);
    const inPhase = midPhase();
    let markUp: () => void = () => {};
    let markDead: (error: unknown) => void = () => {};
    upGate = new Promise<void>((resolve, reject) => {
      markUp = resolve;
      markDead = reject;
    });
    // Nobody may be waiting when it fails; the next whenUp() still sees the rejection.
    upGate.catch(() => undefined);
    up = false;
    await current.kill();
    log(`SIGKILL (${kind}${inPhase ? '' : ', phase already over'}) at workflow time ${clockBefore ?? '?'}`);
    const started = Date.now();
    try {
      current = await startLocalProcess(dataDir, { ports: current.ports, timeoutMs: 180_000 });
    } catch (error) {
      // The stack did not come back: every request waiting for it fails, and so does the run.
      markDead(error);
      throw error;
    }
    const restartMs = Date.now() - started;
    const clockAfter = await readClockAt(current.urls.api);
    const latestAuditAt = await latestAuditAtIn(current.urls.dynamodb);
    generation += 1;
    up = true;
    markUp();
    log(`restarted in ${restartMs} ms at workflow time ${clockAfter}`);
    return { kind, midPhase: inPhase, clockBefore, clockAfter, latestAuditAt, restartMs };
  };

  return {
    urls: () => current.urls,
    whenUp: () => upGate,
    generation: () => generation,
    isUp: () => up,
    crash,
    readClock: () => readClockAt(current.urls.api),
    latestAuditAt: () => latestAuditAtIn(current.urls.dynamodb),
    stop: async () => {
      const code = await current.terminate();
      if (code !== 0) log(`the stack stopped with exit code ${code}`);
    },
  };
};

export { TABLE_NAME, startChaosStack };
export type { ChaosStack, Crash };
