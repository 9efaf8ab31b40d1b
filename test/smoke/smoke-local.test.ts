// The smoke walk of issue 11 run in-process against the local app (in-memory, manual clock):
// the same code `npm run smoke -- --local` runs, from network load to the committee decision.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localTarget } from '../../smoke/local-target.ts';
import { checkLine, runSmoke } from '../../smoke/run.ts';
import type { SmokeTarget } from '../../smoke/target.ts';

describe('npm run smoke -- --local', () => {
  let target: SmokeTarget;
  beforeAll(async () => {
    target = await localTarget();
  }, 60_000);
  afterAll(async () => {
    await target?.stop();
  });

  it('walks a cycle to the committee decision, passes every check and cleans up', async () => {
    // Act
    const report = await runSmoke(target, { timeoutMs: 20_000 });

    // Assess
    const failed = report.checks.filter((check) => !check.ok).map(checkLine);
    expect(failed).toEqual([]);
    const names = report.checks.map((check) => check.name);
    expect(names).toEqual(
      expect.arrayContaining(['committee-decision', 'Step Functions: execution', 'DynamoDB: cycle state', 'DynamoDB: numbered audit events', 'clean-up: smoke items deleted']),
    );
    expect(report.checks.find((check) => check.name === 'Step Functions: execution')?.detail).toContain('Accredited');
    expect(report.passed).toBe(true);
  }, 60_000);
});
