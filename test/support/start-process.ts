// Runs `npm start`'s entry (local/start.ts) as a separate process group, so a test or the chaos
// harness can SIGKILL the whole of it (node, tsx and the DynamoDB Local JVM) and start it again on
// the same data folder and the same ports (clients keep their endpoints across the crash).
import { spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../local/services/dynamodb-local.ts';

const projectDir = fileURLToPath(new URL('../../', import.meta.url));

/** local/start.ts's port variables. */
interface LocalPorts {
  DYNAMODB_PORT: number;
  SES_PORT: number;
  SFN_PORT: number;
  API_PORT: number;
  SCHEDULER_PORT: number;
  S3_PORT: number;
}

interface StartOptions {
  /** The ports of an earlier start, to come back on them; free ports when left out. */
  ports?: LocalPorts;
  timeoutMs?: number;
  /** More environment for local/start.ts (e.g. LOCAL_CLOCK). */
  env?: Record<string, string>;
}

interface StartedProcess {
  child: ChildProcess;
  output: () => string;
  ports: LocalPorts;
  urls: { api: string; stepFunctions: string; ses: string; dynamodb: string };
  /** SIGKILL to the whole process group: nothing gets to clean up. */
  kill(): Promise<void>;
  /** SIGTERM, as Ctrl-C would; resolves with the exit code. */
  terminate(timeoutMs?: number): Promise<number | null>;
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode);
    child.once('exit', (code) => resolve(code));
  });

const freePorts = async (): Promise<LocalPorts> => ({
  DYNAMODB_PORT: await freePort(),
  SES_PORT: await freePort(),
  SFN_PORT: await freePort(),
  API_PORT: await freePort(),
  SCHEDULER_PORT: await freePort(),
  S3_PORT: await freePort(),
});

/** Sends SIGKILL to the process group; the group may already be gone. */
const killGroup = (child: ChildProcess) => {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
};

/** Whether something still accepts connections on the port (a killed JVM takes a moment to go). */
const listening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

/** Resolves once none of the ports is listening any more, so a restart can bind them again. */
const portsReleased = async (ports: LocalPorts, timeoutMs = 30_000) => {
  const deadline = Date.now() + timeoutMs;
  for (const port of Object.values(ports)) {
    while (await listening(port)) {
      if (Date.now() > deadline) throw new Error(`Port ${port} is still in use ${timeoutMs} ms after the kill`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
};

const startLocalProcess = async (dataDir: string, options: StartOptions = {}): Promise<StartedProcess> => {
  const timeoutMs = options.timeoutMs ?? 90_000;
  const ports = options.ports ?? (await freePorts());
  const child = spawn(`${projectDir}node_modules/.bin/tsx`, ['local/start.ts'], {
    cwd: projectDir,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])),
      LOCAL_DATA_DIR: dataDir,
      POWERTOOLS_LOG_LEVEL: 'SILENT',
      ...options.env,
    },
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += String(chunk)));
  child.stderr?.on('data', (chunk) => (output += String(chunk)));
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`local/start.ts not ready after ${timeoutMs} ms:\n${output}`)), timeoutMs);
      const check = () => {
        if (output.includes('Press Ctrl-C')) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout?.on('data', check);
      child.once('exit', () => {
        clearTimeout(timer);
        reject(new Error(`local/start.ts exited during start-up:\n${output}`));
      });
    });
  } catch (error) {
    // Whatever it started (the JVM) must not outlive a failed start.
    killGroup(child);
    await exited(child);
    throw error;
  }
  return {
    child,
    output: () => output,
    ports,
    urls: {
      api: `http://127.0.0.1:${ports.API_PORT}`,
      stepFunctions: `http://127.0.0.1:${ports.SFN_PORT}`,
      ses: `http://127.0.0.1:${ports.SES_PORT}`,
      dynamodb: `http://127.0.0.1:${ports.DYNAMODB_PORT}`,
    },
    kill: async () => {
      killGroup(child);
      await exited(child);
      await portsReleased(ports);
    },
    // Bounded, so a shutdown that hangs fails the test with what the stack printed instead of
    // running into the test's own timeout with no clue.
    terminate: async (timeoutMs = 60_000) => {
      child.kill('SIGTERM');
      let timer: NodeJS.Timeout | undefined;
      const gaveUp = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`local/start.ts still running ${timeoutMs} ms after SIGTERM:\n${output}`)), timeoutMs);
      });
      try {
        return await Promise.race([exited(child), gaveUp]);
      } finally {
        clearTimeout(timer);
      }
    },
  };
};

export { startLocalProcess };
export type { LocalPorts, StartOptions, StartedProcess };
