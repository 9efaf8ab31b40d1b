// A strand is one sequential line of work in an execution: its top level, a Parallel branch or
// a Map iteration. It owns the replay keys of the events it emits (its path plus a counter),
// its variable scope and its cancellation signal.
import { ExecutionInterrupted } from '../errors.ts';
import type { HistoryEvent } from '../store/types.ts';
import { isInternalEvent } from './history.ts';
import type { ExecutionRun } from './execution-run.ts';
import type { VariableScope } from './variables.ts';

type StrandKind = 'execution' | 'branch' | 'iteration';

interface EmitOptions {
  /** The event's previousEventId; by default the strand's last event. */
  previousEventId?: number;
  /** False: later events keep pointing at the strand's previous last event (AWS does so for *StateSucceeded). */
  chain?: boolean;
}

class Strand {
  private seq = 0;
  lastEventId = 0;

  constructor(
    readonly run: ExecutionRun,
    readonly path: string,
    readonly variables: VariableScope,
    readonly signal: AbortSignal,
    readonly kind: StrandKind = 'execution',
  ) {}

  emit(type: string, details?: Record<string, unknown>, options?: EmitOptions): HistoryEvent {
    // Once stopped, a strand records nothing more than its closing events.
    this.throwIfInterrupted();
    return this.emitFinal(type, details, options);
  }

  /** Emits even when interrupted: for closing events (ExecutionAborted, *StateAborted). */
  emitFinal(type: string, details?: Record<string, unknown>, options: EmitOptions = {}): HistoryEvent {
    const event = this.run.history.emit(`${this.path}#${this.seq++}`, type, options.previousEventId ?? this.lastEventId, details);
    if (!isInternalEvent(type) && options.chain !== false) this.lastEventId = event.id;
    return event;
  }

  /** The event this strand recorded next, before a restart; undefined when running fresh. */
  recordedNext(): HistoryEvent | undefined {
    return this.run.history.find(`${this.path}#${this.seq}`);
  }

  throwIfInterrupted(): void {
    if (this.signal.aborted) throw this.signal.reason instanceof Error ? this.signal.reason : new ExecutionInterrupted('aborted');
  }

  child(pathSuffix: string, variables: VariableScope, signal: AbortSignal, kind: StrandKind): Strand {
    const child = new Strand(this.run, `${this.path}/${pathSuffix}`, variables, signal, kind);
    child.lastEventId = this.lastEventId;
    return child;
  }

  /** Marks this strand as waiting (not runnable) while `waiting` is pending. */
  async block<T>(waiting: Promise<T>): Promise<T> {
    this.run.activity.end();
    try {
      return await waiting;
    } finally {
      this.run.activity.begin();
    }
  }

  /** Waits on the run's clock; months are fine (the clock slices long timers). */
  sleepUntil(dueAt: number): Promise<void> {
    this.throwIfInterrupted();
    if (dueAt <= this.run.clock.now()) return Promise.resolve();
    return this.block(
      new Promise<void>((resolve, reject) => {
        const onAbort = () => {
          cancel();
          reject(this.signal.reason);
        };
        const cancel = this.run.clock.schedule(dueAt, () => {
          this.signal.removeEventListener('abort', onAbort);
          resolve();
        });
        this.signal.addEventListener('abort', onAbort, { once: true });
      }),
    );
  }
}

export { Strand };
export type { StrandKind };
