import { describe, expect, it } from 'vitest';
import { ManualClock } from '#sfn-local/clock';

describe('Class: ManualClock, persisted (issue 12, defect 4)', () => {
  it('saves each step before any timer of that step sees the time', async () => {
    // Prepare
    const saved: number[] = [];
    const clock = new ManualClock(0, async (now) => {
      saved.push(now);
    });
    const seenWithSaved: Array<[number, number | undefined]> = [];
    for (const dueAt of [1000, 2000, 3000]) clock.schedule(dueAt, () => seenWithSaved.push([clock.now(), saved.at(-1)]));

    // Act
    await clock.advanceTo(5000, async () => {});

    // Assess
    expect(seenWithSaved).toEqual([
      [1000, 1000],
      [2000, 2000],
      [3000, 3000],
    ]);
    expect(saved).toEqual([1000, 2000, 3000, 5000]);
  });

  it('never saves a time earlier than one already saved when two advances interleave', async () => {
    // Prepare: the first save is slow, so the second advance's save queues behind it.
    const saved: number[] = [];
    let releaseFirst = () => {};
    const firstSave = new Promise<void>((resolve) => (releaseFirst = resolve));
    const clock = new ManualClock(0, async (now) => {
      if (saved.length === 0) {
        saved.push(now);
        await firstSave;
        return;
      }
      saved.push(now);
    });

    // Act
    const far = clock.advanceTo(9000, async () => {});
    const near = clock.advanceTo(4000, async () => {});
    releaseFirst();
    await Promise.all([far, near]);

    // Assess
    expect(saved).toEqual([9000]);
    expect(clock.now()).toBe(9000);
  });

  it('does not move when the time cannot be saved, and moves on a later advance once it can', async () => {
    // Prepare
    let failing = true;
    const saved: number[] = [];
    const clock = new ManualClock(0, async (now) => {
      if (failing) throw new Error('store unavailable');
      saved.push(now);
    });

    // Act
    const refused = clock.advanceTo(1000, async () => {});

    // Assess
    await expect(refused).rejects.toThrow('store unavailable');
    expect(clock.now()).toBe(0);
    failing = false;
    await clock.advanceTo(1000, async () => {});
    expect(clock.now()).toBe(1000);
    expect(saved).toEqual([1000]);
  });

  it('does not fire a timer cancelled while its step was being saved', async () => {
    // Prepare: the save of step 1000 lets other work run, which cancels the 1000 timer.
    const fired: string[] = [];
    let cancel = () => {};
    const clock = new ManualClock(0, async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      cancel();
    });
    cancel = clock.schedule(1000, () => fired.push('cancelled'));
    clock.schedule(1000, () => fired.push('kept'));

    // Act
    await clock.advanceTo(2000, async () => {});

    // Assess
    expect(fired).toEqual(['kept']);
  });
});
