// Task tokens of .waitForTaskToken tasks. The token record in the store is the source of
// truth: a callback first moves it out of `open` with a conditional write, and only then wakes
// the waiting execution. A duplicate or late callback finds it no longer open and is refused
// with TaskTimedOut, as AWS refuses it, so it changes nothing.
import { apiErrors, HeartbeatTimeoutError, TaskTimeoutError, type StatesError } from '../errors.ts';
import type { Json } from '../jsonata.ts';
import type { Clock } from '../clock.ts';
import { TokenStatus, type Store, type TokenRecord } from '../store/types.ts';
import type { Strand } from './strand.ts';

type TaskOutcome = { status: 'succeeded'; output: Json } | { status: 'failed'; error: string; cause: string; heartbeatMissed?: boolean };

interface Waiter {
  settle: (record: TokenRecord) => void;
  onHeartbeat: (at: number) => void;
}

interface WaitOptions {
  startedAt: number;
  timeoutAt?: number;
  heartbeatSeconds?: number;
}

const outcomeOf = (record: TokenRecord): TaskOutcome | undefined => {
  switch (record.status) {
    case TokenStatus.succeeded:
      return { status: 'succeeded', output: JSON.parse(record.output ?? 'null') as Json };
    case TokenStatus.failed:
    case TokenStatus.timedOut:
      return { status: 'failed', error: record.error ?? '', cause: record.cause ?? '', heartbeatMissed: record.heartbeatMissed };
    default:
      return undefined;
  }
};

class TokenService {
  private readonly waiters = new Map<string, Waiter>();

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  /** Idempotent: a replayed task re-registers the token it already had. */
  async register(token: string, executionArn: string, taskKey: string): Promise<void> {
    if (await this.store.getToken(token)) return;
    const now = this.clock.now();
    await this.store.putToken({ token, executionArn, taskKey, status: TokenStatus.open, createdAt: now, lastHeartbeatAt: now });
  }

  async waitForOutcome(token: string, strand: Strand, options: WaitOptions): Promise<TaskOutcome> {
    return strand.block(
      new Promise<TaskOutcome>((resolve, reject) => {
        const cancels: Array<() => void> = [];
        const cleanUp = () => {
          for (const cancel of cancels.splice(0)) cancel();
          this.waiters.delete(token);
          strand.signal.removeEventListener('abort', onAbort);
        };
        const onAbort = () => {
          cleanUp();
          reject(strand.signal.reason);
        };
        const settle = (record: TokenRecord) => {
          const outcome = outcomeOf(record);
          if (!outcome) return;
          cleanUp();
          resolve(outcome);
        };
        const expire = (error: StatesError) => async () => {
          const expired = await this.store.transitionToken(token, TokenStatus.open, {
            status: TokenStatus.timedOut,
            error: error.name,
            cause: error.cause_,
            heartbeatMissed: error instanceof HeartbeatTimeoutError,
          });
          // Lost the race to a callback: its outcome stands.
          const record = await this.store.getToken(token);
          if (record) settle(expired ? { ...record, status: TokenStatus.timedOut } : record);
        };
        let cancelHeartbeat = () => {};
        const armHeartbeat = (from: number) => {
          cancelHeartbeat();
          if (options.heartbeatSeconds === undefined) return;
          cancelHeartbeat = this.clock.schedule(from + options.heartbeatSeconds * 1000, () => void expire(new HeartbeatTimeoutError())());
        };

        // Register before reading the record, so a callback landing in between is not missed.
        this.waiters.set(token, { settle, onHeartbeat: armHeartbeat });
        strand.signal.addEventListener('abort', onAbort, { once: true });
        if (options.timeoutAt !== undefined) cancels.push(this.clock.schedule(options.timeoutAt, () => void expire(new TaskTimeoutError())()));
        cancels.push(() => cancelHeartbeat());
        void this.store.getToken(token).then((record) => {
          if (!record) return;
          settle(record);
          if (record.status === TokenStatus.open) armHeartbeat(Math.max(options.startedAt, record.lastHeartbeatAt));
        }, reject);
      }),
    );
  }

  async succeed(token: string, output: string): Promise<void> {
    await this.complete(token, { status: TokenStatus.succeeded, output });
  }

  async fail(token: string, error: string, cause: string): Promise<void> {
    await this.complete(token, { status: TokenStatus.failed, error, cause });
  }

  async heartbeat(token: string): Promise<void> {
    await this.openRecord(token);
    const now = this.clock.now();
    if (!(await this.store.transitionToken(token, TokenStatus.open, { lastHeartbeatAt: now }))) throw apiErrors.taskTimedOut();
    this.waiters.get(token)?.onHeartbeat(now);
  }

  private async complete(token: string, patch: Partial<TokenRecord>): Promise<void> {
    const record = await this.openRecord(token);
    if (!(await this.store.transitionToken(token, TokenStatus.open, patch))) throw apiErrors.taskTimedOut();
    this.waiters.get(token)?.settle({ ...record, ...patch });
  }

  private async openRecord(token: string): Promise<TokenRecord> {
    if (typeof token !== 'string' || token.length === 0 || token.length > 1024) throw apiErrors.invalidToken('Invalid Token: token must be 1 to 1024 characters');
    const record = await this.store.getToken(token);
    if (!record) throw apiErrors.invalidToken(`Invalid Token: 'Invalid token'`);
    if (record.status !== TokenStatus.open) throw apiErrors.taskTimedOut();
    return record;
  }
}

export { TokenService };
export type { TaskOutcome };
