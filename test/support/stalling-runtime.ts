// Starts test/support/stalling-runtime-process.ts and waits for it to listen; kill() is a SIGKILL.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { SFNClient } from '@aws-sdk/client-sfn';

const processFile = fileURLToPath(new URL('./stalling-runtime-process.ts', import.meta.url));

interface StallingRuntimeOptions {
  dynamodbEndpoint: string;
  sfnTable: string;
  effectsTable?: string;
  stallFunctions?: readonly string[];
  clockStartAt?: string;
}

interface StallingRuntime {
  endpoint: string;
  sfn: SFNClient;
  resumed: number;
  kill(): Promise<void>;
}

const startStallingRuntime = async (options: StallingRuntimeOptions): Promise<StallingRuntime> => {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', processFile], {
    env: {
      ...process.env,
      DYNAMODB_ENDPOINT: options.dynamodbEndpoint,
      SFN_TABLE: options.sfnTable,
      EFFECTS_TABLE: options.effectsTable ?? '',
      STALL_FUNCTIONS: (options.stallFunctions ?? []).join(','),
      CLOCK_START_AT: options.clockStartAt ?? '',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const ready = await new Promise<string>((resolve, reject) => {
    lines.on('line', (line) => line.startsWith('READY ') && resolve(line));
    child.once('exit', (code) => reject(new Error(`the stalling runtime exited with ${code}`)));
  });
  const [, endpoint, resumed] = ready.split(' ');
  const sfn = new SFNClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  return {
    endpoint,
    sfn,
    resumed: Number(resumed),
    kill: () =>
      new Promise<void>((resolve) => {
        sfn.destroy();
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      }),
  };
};

export { startStallingRuntime };
export type { StallingRuntime, StallingRuntimeOptions };
