// A local AWS Step Functions runtime: Amazon States Language (JSONata) executed in-process,
// durable in DynamoDB (or in memory), on a clock that can be moved forward, behind the Step
// Functions API. Self-contained: it imports nothing from the application around it.
import type { AddressInfo } from 'node:net';
import { ActivityTracker } from './activity.ts';
import { createApiServer, type Operation } from './api/server.ts';
import { ManualClock, RealClock, type Clock } from './clock.ts';
import { TokenService } from './engine/tokens.ts';
import type { LambdaInvoker } from './engine/execution-run.ts';
import { apiErrors } from './errors.ts';
import { isJson } from './json.ts';
import { ExecutionService } from './service/executions.ts';
import { StateMachineService } from './service/state-machines.ts';
import { DynamoDbStore } from './store/dynamodb.ts';
import { MemoryStore } from './store/memory.ts';
import type { Store } from './store/types.ts';

interface LocalStepFunctionsOptions {
  host?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  store: { kind: 'memory' } | { kind: 'dynamodb'; endpoint: string; tableName: string; region?: string };
  clock: { kind: 'real' } | { kind: 'manual'; startAt: Date };
  invokeLambda: LambdaInvoker;
  region?: string;
  accountId?: string;
  /**
   * `on-start` (the default): executions left running in the store resume before this returns.
   * `on-request`: they wait for `resumeExecutions()`, so a host can first start what their
   * tasks depend on (their handlers' services, the time source they read).
   */
  resume?: 'on-start' | 'on-request';
}

interface LocalStepFunctions {
  endpoint: string;
  clock: {
    now(): Date;
    mode: 'real' | 'manual';
    advance(ms: number): Promise<void>;
    advanceTo(at: Date): Promise<void>;
    /**
     * Runs host work (e.g. an emulated scheduler's targets) when the clock reaches `at`, in due
     * order with the executions' own timers; `idle()` and `advance()` wait for it to finish.
     * Returns a cancel function.
     */
    schedule(at: Date, work: () => Promise<void>): () => void;
  };
  /** Resolves when no execution has runnable work. */
  idle(): Promise<void>;
  /** Resumes the executions left running in the store (once; later calls return the same count). */
  resumeExecutions(): Promise<number>;
  /** Executions resumed from the store (0 until they have been). */
  readonly resumed: number;
  stop(): Promise<void>;
}

const MAX_DATE_MS = 8.64e15;

const openStore = async (options: LocalStepFunctionsOptions['store']): Promise<Store> =>
  options.kind === 'memory' ? new MemoryStore() : DynamoDbStore.open(options);

/**
 * A manual clock is the user's: once started it moves only when told to, across restarts too,
 * so `startAt` applies only the first time a store is used. It saves each step of an advance
 * before showing it, so a crash mid-advance never restarts it earlier than anything it dated.
 */
const openClock = async (options: LocalStepFunctionsOptions['clock'], store: Store): Promise<Clock> => {
  if (options.kind === 'real') return new RealClock();
  const persist = (now: number) => store.saveClock(now);
  const stored = await store.loadClock();
  if (stored !== undefined) return new ManualClock(stored, persist);
  await store.saveClock(options.startAt.getTime());
  return new ManualClock(options.startAt.getTime(), persist);
};

const startLocalStepFunctions = async (options: LocalStepFunctionsOptions): Promise<LocalStepFunctions> => {
  const region = options.region ?? 'us-east-1';
  const accountId = options.accountId ?? '000000000000';
  const partitioning = { region, accountId };
  const store = await openStore(options.store);
  const clock = await openClock(options.clock, store);
  const activity = new ActivityTracker();
  const tokens = new TokenService(store, clock);
  const stateMachines = new StateMachineService(store, clock, partitioning);
  const executions = new ExecutionService(
    { store, clock, activity, tokens, invokeLambda: options.invokeLambda, region, roleArn: `arn:aws:iam::${accountId}:role/local-step-functions` },
    stateMachines,
    partitioning,
  );

  const advanceTo = (target: number) => clock.advanceTo(target, () => activity.idle());
  const str = (value: unknown) => (typeof value === 'string' ? value : '');
  const operations: Record<string, Operation> = {
    CreateStateMachine: (request) => stateMachines.create(request),
    UpdateStateMachine: (request) => stateMachines.update(request),
    DescribeStateMachine: (request) => stateMachines.describe(request),
    ListStateMachines: () => stateMachines.list(),
    DeleteStateMachine: (request) => stateMachines.delete(request),
    ValidateStateMachineDefinition: (request) => stateMachines.validate(request),
    StartExecution: (request) => executions.start(request),
    StopExecution: (request) => executions.stop(request),
    RedriveExecution: (request) => executions.redrive(request),
    DescribeExecution: (request) => executions.describe(request),
    ListExecutions: (request) => executions.list(request),
    GetExecutionHistory: (request) => executions.history(request),
    SendTaskSuccess: async (request) => {
      if (typeof request.output !== 'string' || !isJson(request.output)) throw apiErrors.invalidOutput('Invalid Output: the output must be valid JSON');
      await tokens.succeed(str(request.taskToken), request.output);
      return {};
    },
    SendTaskFailure: async (request) => {
      await tokens.fail(str(request.taskToken), str(request.error), str(request.cause));
      return {};
    },
    SendTaskHeartbeat: async (request) => {
      await tokens.heartbeat(str(request.taskToken));
      return {};
    },
  };

  const server = createApiServer(operations, {
    show: () => ({ now: new Date(clock.now()).toISOString(), mode: clock.mode }),
    advance: async (request) => {
      if (clock.mode !== 'manual') throw apiErrors.validation('The clock is real time; start the runtime with a manual clock to move it');
      const target =
        typeof request.advanceBySeconds === 'number' && request.advanceBySeconds >= 0
          ? clock.now() + request.advanceBySeconds * 1000
          : typeof request.advanceTo === 'string' && !Number.isNaN(Date.parse(request.advanceTo))
            ? Date.parse(request.advanceTo)
            : undefined;
      if (target === undefined) throw apiErrors.validation('Give advanceBySeconds (a number >= 0) or advanceTo (an ISO timestamp)');
      // ECMAScript dates end at 8.64e15 ms; past it the clock could not be shown or dated.
      if (!(target <= MAX_DATE_MS)) throw apiErrors.validation('advanceBySeconds or advanceTo: the target is past the last representable date');
      if (target < clock.now()) throw apiErrors.validation('The clock only moves forward');
      await advanceTo(target);
      return { now: new Date(clock.now()).toISOString() };
    },
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  let resuming: Promise<number> | undefined;
  let resumed = 0;
  const resumeExecutions = () =>
    (resuming ??= executions.resumeAll().then((count) => {
      resumed = count;
      return count;
    }));
  if ((options.resume ?? 'on-start') === 'on-start') await resumeExecutions();

  return {
    endpoint: `http://${options.host ?? '127.0.0.1'}:${port}`,
    clock: {
      mode: clock.mode,
      now: () => new Date(clock.now()),
      advance: (ms) => advanceTo(clock.now() + ms),
      advanceTo: (at) => advanceTo(at.getTime()),
      schedule: (at, work) =>
        clock.schedule(at.getTime(), () => {
          activity.begin();
          work()
            .catch((error: unknown) => console.error('Scheduled host work failed:', error))
            .finally(() => activity.end());
        }),
    },
    idle: () => activity.idle(),
    resumeExecutions,
    get resumed() {
      return resumed;
    },
    stop: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await executions.shutdown();
      clock.stop();
      await store.close();
    },
  };
};


export { startLocalStepFunctions };
export type { LocalStepFunctionsOptions, LocalStepFunctions, LambdaInvoker };
