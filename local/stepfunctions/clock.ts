// One clock for everything the runtime times: Wait states, task timeouts and heartbeats,
// retry back-off, $states.context times, and (through the host) the time handlers see.
//
// Timers never hand a long delay to setTimeout: Node's timers overflow past 2^31-1 ms
// (~24.8 days), and a cycle waits for months. A real-clock timer re-arms in bounded slices.

const maxTimerSliceMs = 60 * 60 * 1000;

interface Timer {
  dueAt: number;
  seq: number;
  fire: () => void;
}

interface Clock {
  readonly mode: 'real' | 'manual';
  now(): number;
  /** Calls `fire` once the clock reaches `dueAt`. Returns a cancel function. */
  schedule(dueAt: number, fire: () => void): () => void;
  /** Manual clock only: move time forward, firing each timer in due order. */
  advanceTo(target: number, settle: () => Promise<void>): Promise<void>;
  stop(): void;
}

class RealClock implements Clock {
  readonly mode = 'real' as const;
  private readonly handles = new Set<NodeJS.Timeout>();

  now(): number {
    return Date.now();
  }

  schedule(dueAt: number, fire: () => void): () => void {
    let handle: NodeJS.Timeout | undefined;
    let cancelled = false;
    const arm = () => {
      if (cancelled) return;
      const remaining = dueAt - Date.now();
      if (remaining <= 0) return fire();
      handle = setTimeout(() => {
        if (handle) this.handles.delete(handle);
        arm();
      }, Math.min(remaining, maxTimerSliceMs));
      this.handles.add(handle);
    };
    arm();
    return () => {
      cancelled = true;
      if (handle) {
        clearTimeout(handle);
        this.handles.delete(handle);
      }
    };
  }

  async advanceTo(): Promise<void> {
    throw new Error('The real-time clock cannot be moved; start the runtime with a manual clock');
  }

  stop(): void {
    for (const handle of this.handles) clearTimeout(handle);
    this.handles.clear();
  }
}

class ManualClock implements Clock {
  readonly mode = 'manual' as const;
  private current: number;
  private timers: Timer[] = [];
  private seq = 0;

  constructor(startAt: number) {
    this.current = startAt;
  }

  now(): number {
    return this.current;
  }

  schedule(dueAt: number, fire: () => void): () => void {
    if (dueAt <= this.current) {
      queueMicrotask(fire);
      return () => {};
    }
    const timer: Timer = { dueAt, seq: this.seq++, fire };
    this.timers.push(timer);
    return () => {
      this.timers = this.timers.filter((candidate) => candidate !== timer);
    };
  }

  /**
   * Fires timers one due time at a time, letting the executions settle in between, so work
   * started by an early timer (a new Wait, a retry) can itself fire before `target`.
   */
  async advanceTo(target: number, settle: () => Promise<void>): Promise<void> {
    if (target < this.current) throw new RangeError('The clock only moves forward');
    await settle();
    for (;;) {
      const due = this.timers.filter((timer) => timer.dueAt <= target);
      if (due.length === 0) break;
      const nextDueAt = Math.min(...due.map((timer) => timer.dueAt));
      this.current = Math.max(this.current, nextDueAt);
      const firing = due.filter((timer) => timer.dueAt === nextDueAt).sort((a, b) => a.seq - b.seq);
      this.timers = this.timers.filter((timer) => !firing.includes(timer));
      for (const timer of firing) timer.fire();
      await settle();
    }
    this.current = target;
  }

  stop(): void {
    this.timers = [];
  }
}

export { RealClock, ManualClock };
export type { Clock };
