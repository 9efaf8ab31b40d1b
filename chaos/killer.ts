// When to SIGKILL the stack. The first kills aim at the moments issue 12 names (mid-launch, mid-
// submission burst, mid-clock advance); the rest are drawn from the seed, including kills at any
// moment. Each aimed kill waits for its phase to begin, then a random delay: if the phase is over
// by then, it waits for the next one (up to three times), then kills anyway. The named moments are
// waited for as long as the run lasts; a drawn kill whose phase does not come within
// PHASE_PATIENCE_MS is made then, so it is never skipped because the cohort finished first.
import type { ChaosStack, Crash } from './stack.ts';
import { PhaseKind } from './phases.ts';
import type { PhaseSignals } from './phases.ts';
import type { Random } from './random.ts';

const KillAim = {
  launch: 'mid-launch',
  burst: 'mid-submission-burst',
  advance: 'mid-clock-advance',
  anytime: 'anytime',
} as const;
type KillAim = (typeof KillAim)[keyof typeof KillAim];

const PHASE_OF: Record<Exclude<KillAim, 'anytime'>, PhaseKind> = {
  [KillAim.launch]: PhaseKind.launch,
  [KillAim.burst]: PhaseKind.burst,
  [KillAim.advance]: PhaseKind.advance,
};

/** The longest random delay after a phase begins, in ms: about how long such a phase lasts. */
const MAX_DELAY_MS: Record<Exclude<KillAim, 'anytime'>, number> = {
  [KillAim.launch]: 800,
  [KillAim.burst]: 400,
  [KillAim.advance]: 2_500,
};
/** A burst worth aiming at carries this many submissions at least. */
const MIN_BURST = 3;
const TRIES = 3;
/** How long the first aim at a burst waits for a large one before taking any. */
const LARGE_BURST_PATIENCE_MS = 5_000;
/** How long a drawn kill waits for its phase before it kills at that moment instead. */
const PHASE_PATIENCE_MS = 20_000;

const NAMED_KILLS = 3;

/** Three or more kills: one of each named moment first, in the order they come in a run; then drawn at random. */
const planKills = (count: number, random: Random): KillAim[] => {
  const named: KillAim[] = count >= NAMED_KILLS ? [KillAim.launch, KillAim.burst, KillAim.advance] : [KillAim.burst, KillAim.advance].slice(0, count);
  // Bursts come every round and clock advances only a few times a run: the drawn kills aim at bursts
  // or at any moment, so a run's later kills find their moment before the cohort is decided.
  const drawn = Array.from({ length: count - named.length }, () => random.pick([KillAim.burst, KillAim.anytime] as const));
  return [...named, ...drawn];
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Killer {
  crashes: Crash[];
  /** Stops aiming (the run is over); a kill under way finishes first. */
  stop(): Promise<void>;
}

const startKiller = (options: { plan: readonly KillAim[]; stack: ChaosStack; signals: PhaseSignals; random: Random }): Killer => {
  const { plan, stack, signals, random } = options;
  const crashes: Crash[] = [];
  let stopped = false;
  let wakeOnStop: () => void = () => {};
  const stopping = new Promise<void>((resolve) => (wakeOnStop = resolve));

  /** Waits for the moment to kill; false if the run ended first. */
  const aimAt = async (aim: KillAim, patient: boolean): Promise<boolean> => {
    if (aim === KillAim.anytime) {
      await Promise.race([sleep(random.int(1_000, 15_000)), stopping]);
      return !stopped;
    }
    const phase = PHASE_OF[aim];
    for (let attempt = 1; attempt <= TRIES; attempt += 1) {
      // A large burst is the better aim, but cycles that drift apart send small ones only: after a
      // while (or on a later attempt) any burst will do, so the planned kill is never skipped.
      const size = phase === PhaseKind.burst && attempt === 1 ? MIN_BURST : 1;
      // A phase already under way (begun while the stack restarted from the last kill) is the moment.
      const waitForPhase = signals.isInFlight(phase)
        ? Promise.resolve()
        : size > 1
          ? Promise.race([signals.next(phase, size), sleep(LARGE_BURST_PATIENCE_MS).then(() => signals.next(phase, 1))])
          : signals.next(phase, 1);
      // Unref'd: a run that ends meanwhile is not held open by it.
      const patience = patient ? new Promise<never>(() => {}) : new Promise<'impatient'>((resolve) => setTimeout(() => resolve('impatient'), PHASE_PATIENCE_MS).unref());
      if ((await Promise.race([waitForPhase, stopping, patience])) === 'impatient') return !stopped;
      if (stopped) return false;
      await sleep(random.int(0, MAX_DELAY_MS[aim]));
      if (signals.isInFlight(phase) || attempt === TRIES) return true;
    }
    return true;
  };

  let failure: unknown;
  const loop = (async () => {
    for (const [index, aim] of plan.entries()) {
      // The first three are the named moments (mid-launch, mid-burst, mid-advance): those are waited for.
      if (!(await aimAt(aim, index < NAMED_KILLS))) return;
      const phase = aim === KillAim.anytime ? undefined : PHASE_OF[aim];
      crashes.push(await stack.crash(aim, () => phase === undefined || signals.isInFlight(phase)));
    }
  })().catch((error: unknown) => {
    // A restart that failed: the driver's requests fail with it (whenUp rejects); stop() reports it.
    failure = error;
  });

  return {
    crashes,
    stop: async () => {
      stopped = true;
      wakeOnStop();
      await loop;
      if (failure) throw failure;
    },
  };
};

export { KillAim, planKills, startKiller };
export type { Killer };
