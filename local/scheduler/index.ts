// A local EventBridge Scheduler: the subset of its API the application uses, served on
// localhost so @aws-sdk/client-scheduler works with AWS_ENDPOINT_URL_SCHEDULER, firing each
// occurrence on the host's clock (the local Step Functions runtime's, so a manual clock drives
// schedules and executions together). Schedules are stored in DynamoDB and re-armed on start.
// Self-contained: it imports nothing from the application; the host says how to reach targets.
import type { AddressInfo } from 'node:net';
import { ScheduleService } from './schedules.ts';
import type { SchedulerClock } from './schedules.ts';
import { createSchedulerServer } from './server.ts';
import { DynamoDbScheduleStore, MemoryScheduleStore } from './store.ts';
import type { ScheduleStore } from './store.ts';
import type { TargetInvokers } from './targets.ts';

interface LocalSchedulerOptions {
  host?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  store: { kind: 'memory' } | { kind: 'dynamodb'; endpoint: string; tableName: string; region?: string };
  clock: SchedulerClock;
  invokers: TargetInvokers;
  region?: string;
  accountId?: string;
  log?: (message: string, detail?: unknown) => void;
}

interface LocalScheduler {
  endpoint: string;
  /** Schedules re-armed from the store at start-up. */
  resumed: number;
  stop(): Promise<void>;
}

const openStore = (options: LocalSchedulerOptions['store']): Promise<ScheduleStore> =>
  options.kind === 'memory' ? Promise.resolve(new MemoryScheduleStore()) : DynamoDbScheduleStore.open(options);

const startLocalScheduler = async (options: LocalSchedulerOptions): Promise<LocalScheduler> => {
  const host = options.host ?? '127.0.0.1';
  const store = await openStore(options.store);
  const service = new ScheduleService({
    store,
    clock: options.clock,
    invokers: options.invokers,
    region: options.region ?? 'us-east-1',
    accountId: options.accountId ?? '000000000000',
    log: options.log,
  });
  const server = createSchedulerServer(service);
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, host, resolve));
  const { port } = server.address() as AddressInfo;
  const resumed = await service.resumeAll();
  return {
    endpoint: `http://${host}:${port}`,
    resumed,
    stop: async () => {
      service.stop();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await store.close();
    },
  };
};

export { startLocalScheduler };
export type { LocalScheduler, LocalSchedulerOptions, SchedulerClock, TargetInvokers };
