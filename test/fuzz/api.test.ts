// The small version of `npm run fuzz` (issue 12: the harness stays in the project, and CI keeps
// it honest): a few hundred generated requests to every route as every role. None may get a
// 5xx or no answer, and the table must hold no partial write afterwards.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../support/local-app.ts';
import type { TestApp } from '../support/local-app.ts';
import { formatFigures, runApiFuzz } from './run-fuzz.ts';

let env: TestApp;

describe('Fuzz: the HTTP API', () => {
  beforeAll(async () => {
    env = await startTestApp(new Date('2026-01-05T09:00:00.000Z'));
  });
  afterAll(async () => {
    await env?.stop();
  });

  it('answers 300 generated requests with no 5xx and leaves no partial write', { timeout: 240_000 }, async () => {
    // Act: a seed per run, printed, so a failure can be replayed with `npm run fuzz -- --seed`.
    const figures = await runApiFuzz({ app: env.app, count: 300, seed: Date.now() % 2 ** 31 });
    console.log(formatFigures(figures));

    // Assess
    expect(figures.sent).toBe(300);
    expect(figures.serverErrors).toEqual([]);
    expect(figures.unanswered).toEqual([]);
    expect(figures.partialWrites.problems).toEqual([]);
    expect(figures.partialWrites.cycles).toBeGreaterThan(0);
  });
});
