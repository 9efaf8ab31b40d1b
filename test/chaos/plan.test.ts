// The chaos harness's options and kill plan: bad arguments are refused by name, and the plan
// always aims at the moments issue 12 names before drawing the rest from the seed.
import { describe, expect, it } from 'vitest';
import { KillAim, planKills } from '../../chaos/killer.ts';
import { ChaosOptionsError, parseChaosOptions } from '../../chaos/options.ts';
import { seededRandom } from '../../chaos/random.ts';

describe('Chaos: options', () => {
  it('reads services, kills and seed', () => {
    // Act
    const options = parseChaosOptions(['--services', '30', '--kills', '5', '--seed', '7']);
    // Assess
    expect(options).toMatchObject({ services: 30, kills: 5, seed: 7, keepData: false });
  });

  it.each([
    [['--services', '0'], /--services must be an integer >= 1/],
    [['--kills', 'many'], /--kills must be an integer >= 0/],
    [['--seed', '1.5'], /--seed must be an integer >= 0/],
  ])('refuses %j, naming the option', (args, message) => {
    // Act / Assess
    expect(() => parseChaosOptions(args)).toThrow(ChaosOptionsError);
    expect(() => parseChaosOptions(args)).toThrow(message);
  });
});

describe('Chaos: kill plan', () => {
  it('aims at a launch, a submission burst and a clock advance first, then draws the rest from the seed', () => {
    // Act
    const plan = planKills(6, seededRandom(7));
    const again = planKills(6, seededRandom(7));
    // Assess
    expect(plan.slice(0, 3)).toEqual([KillAim.launch, KillAim.burst, KillAim.advance]);
    expect(plan).toHaveLength(6);
    expect(again).toEqual(plan);
  });

  it.each([
    [0, []],
    [1, [KillAim.burst]],
    [2, [KillAim.burst, KillAim.advance]],
  ])('with %i kills aims at %j', (count, expected) => {
    // Act / Assess
    expect(planKills(count, seededRandom(1))).toEqual(expected);
  });
});
