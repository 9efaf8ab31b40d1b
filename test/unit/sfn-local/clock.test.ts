import { describe, expect, it } from 'vitest';
import { ManualClock } from '#sfn-local/clock';

describe('Class: ManualClock', () => {
  it('fires timers in due order, each at its own time, and stops at the target', async () => {
    // Prepare
    const clock = new ManualClock(0);
    const fired: Array<[string, number]> = [];
    clock.schedule(3000, () => fired.push(['c', clock.now()]));
    clock.schedule(1000, () => fired.push(['a', clock.now()]));
    clock.schedule(2000, () => fired.push(['b', clock.now()]));
    clock.schedule(9000, () => fired.push(['late', clock.now()]));
    // Act
    await clock.advanceTo(5000, async () => {});
    // Assess
    expect(fired).toEqual([
      ['a', 1000],
      ['b', 2000],
      ['c', 3000],
    ]);
    expect(clock.now()).toBe(5000);
  });

  it('fires a timer scheduled by an earlier timer within the same advance', async () => {
    // Prepare
    const clock = new ManualClock(0);
    const fired: number[] = [];
    clock.schedule(1000, () => clock.schedule(clock.now() + 500, () => fired.push(clock.now())));
    // Act
    await clock.advanceTo(2000, async () => {});
    // Assess
    expect(fired).toEqual([1500]);
  });

  it('handles delays far beyond the 24.8-day setTimeout limit', async () => {
    // Prepare
    const clock = new ManualClock(0);
    const yearMs = 365 * 24 * 3600 * 1000;
    let firedAt: number | undefined;
    clock.schedule(yearMs, () => (firedAt = clock.now()));
    // Act
    await clock.advanceTo(yearMs, async () => {});
    // Assess
    expect(firedAt).toBe(yearMs);
  });

  it('does not fire a cancelled timer and refuses to move backwards', async () => {
    // Prepare
    const clock = new ManualClock(1000);
    let fired = false;
    const cancel = clock.schedule(2000, () => (fired = true));
    cancel();
    // Act
    await clock.advanceTo(3000, async () => {});
    // Assess
    expect(fired).toBe(false);
    await expect(clock.advanceTo(10, async () => {})).rejects.toThrow(RangeError);
  });
});
