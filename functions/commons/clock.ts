// The one source of "now" for handlers. On AWS it is the system clock; locally it is pointed at
// the local Step Functions runtime's clock, so a handler sees the same (possibly moved) time as
// the state machine's Wait states and task timeouts.
type ClockSource = () => Date;

const systemClock: ClockSource = () => new Date();
let source: ClockSource = systemClock;

const now = (): Date => source();

const useClockSource = (next: ClockSource): void => {
  source = next;
};

const useSystemClock = (): void => {
  source = systemClock;
};

export { now, useClockSource, useSystemClock };
export type { ClockSource };
