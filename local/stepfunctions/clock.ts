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

/** Saves a manual clock's time durably (the runtime's store), so a restart resumes from it. */
type PersistTime = (now: number) => Promise<void>;

class ManualClock implements Clock {
  readonly mode = 'manual' as const;
  private current: number;
  private timers: Timer[] = [];
  private seq = 0;
  /** The latest time `persist` has saved. */
  private durable: number;
  private saving: Promise<void> = Promise.resolve();

  constructor(
    startAt: number,
    private readonly persist: PersistTime = async () => {},
  ) {
    this.current = startAt;
    this.durable = startAt;
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
   *
   * Each step is persisted before the clock shows it, so nothing is ever dated later than the
   * saved time: after a crash mid-advance the clock restarts at the last step reached, never
   * before an effect that step already dated (issue 12, defect 4).
   */
  async advanceTo(target: number, settle: () => Promise<void>): Promise<void> {
    if (target < this.current) throw new RangeError('The clock only moves forward');
    await settle();
    for (;;) {
      const due = this.timers.filter((timer) => timer.dueAt <= target);
      if (due.length === 0) break;
      const nextDueAt = Math.min(...due.map((timer) => timer.dueAt));
      await this.moveTo(nextDueAt);
      // Chosen after the save, not before: a timer cancelled while it ran (a callback answered,
      // a schedule re-armed) must not fire.
      const firing = this.timers.filter((timer) => timer.dueAt <= nextDueAt).sort((a, b) => a.dueAt - b.dueAt || a.seq - b.seq);
      this.timers = this.timers.filter((timer) => !firing.includes(timer));
      for (const timer of firing) timer.fire();
      await settle();
    }
    await this.moveTo(target);
  }

  /**
   * Persists first, then moves. Saves run one after another, each writing at least what the
   * last one saved, so the stored time never goes backwards even when two advances interleave;
   * a failed save leaves the clock where it was.
   */
  private async moveTo(at: number): Promise<void> {
    const next = Math.max(at, this.current);
    if (next > this.durable) {
      const save = this.saving
        .catch(() => undefined)
        .then(async () => {
          if (next <= this.durable) return;
          await this.persist(next);
          this.durable = next;
        });
      this.saving = save;
      await save;
    }
    this.current = Math.max(this.current, next);
  }

  stop(): void {
    this.timers = [];
  }
}

export { RealClock, ManualClock };
export type { Clock, PersistTime };
