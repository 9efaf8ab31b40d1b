// What the driver is doing right now, so the killer can strike in the middle of it: a cohort
// launch, a clock advance, or a burst of submissions. The driver marks each phase's start and end;
// the killer waits for the start of the phase it aims at.
const PhaseKind = {
  launch: 'launch',
  advance: 'advance',
  burst: 'burst',
} as const;
type PhaseKind = (typeof PhaseKind)[keyof typeof PhaseKind];

interface Waiter {
  kind: PhaseKind;
  minSize: number;
  resolve: () => void;
}

const createPhaseSignals = () => {
  const inFlight = new Map<PhaseKind, number>();
  let waiters: Waiter[] = [];

  /** Marks a phase as begun (with how many requests it carries); returns the function that ends it. */
  const begin = (kind: PhaseKind, size = 1): (() => void) => {
    inFlight.set(kind, (inFlight.get(kind) ?? 0) + 1);
    const woken = waiters.filter((waiter) => waiter.kind === kind && size >= waiter.minSize);
    waiters = waiters.filter((waiter) => !woken.includes(waiter));
    for (const waiter of woken) waiter.resolve();
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      inFlight.set(kind, (inFlight.get(kind) ?? 1) - 1);
    };
  };

  /** Resolves when a phase of this kind (of at least `minSize` requests) begins. */
  const next = (kind: PhaseKind, minSize = 1): Promise<void> =>
    new Promise((resolve) => {
      waiters.push({ kind, minSize, resolve });
    });

  return { begin, next, isInFlight: (kind: PhaseKind) => (inFlight.get(kind) ?? 0) > 0 };
};

type PhaseSignals = ReturnType<typeof createPhaseSignals>;

export { PhaseKind, createPhaseSignals };
export type { PhaseSignals };
