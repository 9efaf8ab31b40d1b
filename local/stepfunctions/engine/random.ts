// Deterministic randomness ($random, $uuid, retry jitter). Seeded by the execution and the
// event's replay key, so an execution replayed after a restart draws the same numbers.
import { createHash } from 'node:crypto';

const seededRandom = (...seedParts: string[]): (() => number) => {
  // Seeded on first use: most evaluations never draw a number, and hashing costs more than them.
  let state: number | undefined;
  // mulberry32: small, fast, good enough for jitter and ids that need no secrecy.
  return () => {
    state ??= createHash('sha256').update(seedParts.join('\u0000')).digest().readUInt32LE(0);
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

export { seededRandom };
