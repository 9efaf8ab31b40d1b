// The harness's random choices, all from one seed, so a run that finds a defect can be repeated.
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

interface Random {
  /** An integer in [min, max]. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
}

const seededRandom = (seed: number): Random => {
  const generator = xoroshiro128plus(seed);
  const int = (min: number, max: number) => uniformInt(generator, min, max);
  return { int, pick: (items) => items[int(0, items.length - 1)] };
};

export { seededRandom };
export type { Random };
