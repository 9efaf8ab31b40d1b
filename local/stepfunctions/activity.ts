// Tracks whether any execution has runnable work, so callers (the manual clock, tests,
// `idle()`) can wait until every execution is either finished or waiting on a timer or a
// callback. A "strand" is one sequential line of work: an execution's top level, a Parallel
// branch or a Map iteration.

class ActivityTracker {
  private active = 0;
  private waiters: Array<() => void> = [];

  begin(): void {
    this.active += 1;
  }

  end(): void {
    this.active -= 1;
    if (this.active === 0) this.notifySoon();
  }

  /** Resolves once no strand has been active for one full turn of the event loop. */
  idle(): Promise<void> {
    return new Promise((resolve) => {
      this.waiters.push(resolve);
      if (this.active === 0) this.notifySoon();
    });
  }

  // A finishing strand can hand work to its parent through a promise continuation; waiting a
  // macrotask lets those continuations run (and mark themselves active) before we call it idle.
  private notifySoon(): void {
    setImmediate(() => {
      if (this.active !== 0) return;
      setImmediate(() => {
        if (this.active !== 0 || this.waiters.length === 0) return;
        const waiters = this.waiters;
        this.waiters = [];
        for (const resolve of waiters) resolve();
      });
    });
  }
}

export { ActivityTracker };
