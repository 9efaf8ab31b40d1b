// Runs `npm start`'s entry (local/start.ts) as a separate process group on free ports, so a test
// can SIGKILL the whole of it (node, tsx and the DynamoDB Local JVM) and start it again.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../local/services/dynamodb-local.ts';

const projectDir = fileURLToPath(new URL('../../', import.meta.url));

interface StartedProcess {
  child: ChildProcess;
  output: () => string;
  urls: { api: string; stepFunctions: string };
  /** SIGKILL to the whole process group: nothing gets to clean up. */
  kill(): Promise<void>;
  /** SIGTERM, as Ctrl-C would; resolves with the exit code. */
  terminate(): Promise<number | null>;
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode);
    child.once('exit', (code) => resolve(code));
  });

const startLocalProcess = async (dataDir: string, timeoutMs = 90_000): Promise<StartedProcess> => {
  const ports = { DYNAMODB_PORT: await freePort(), SES_PORT: await freePort(), SFN_PORT: await freePort(), API_PORT: await freePort(), SCHEDULER_PORT: await freePort() };
  const child = spawn(`${projectDir}node_modules/.bin/tsx`, ['local/start.ts'], {
    cwd: projectDir,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])), LOCAL_DATA_DIR: dataDir, POWERTOOLS_LOG_LEVEL: 'SILENT' },
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += String(chunk)));
  child.stderr?.on('data', (chunk) => (output += String(chunk)));
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
  return {
    child,
    output: () => output,
    urls: { api: `http://127.0.0.1:${ports.API_PORT}`, stepFunctions: `http://127.0.0.1:${ports.SFN_PORT}` },
    kill: async () => {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      await exited(child);
    },
    terminate: async () => {
      child.kill('SIGTERM');
      return exited(child);
    },
  };
};

export { startLocalProcess };
export type { StartedProcess };
