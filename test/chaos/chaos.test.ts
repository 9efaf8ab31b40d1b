// The small version of `npm run chaos` (issue 12), so CI keeps the harness honest: three services
// driven to committee decisions while the whole local stack (node and the DynamoDB Local JVM) is
// SIGKILLed once in the middle of a burst of submissions and restarted on the same data folder.
// Nothing may be lost, stuck, failed or doubled, and the clock may never go backwards.
import { describe, expect, it } from 'vitest';
import { passed, runChaos } from '../../chaos/run.ts';

describe('Chaos: the local stack killed while a cohort is driven to decisions', () => {
  it('loses, strands, fails and doubles nothing, and the clock never goes backwards', { timeout: 600_000 }, async () => {
    // Act
    const report = await runChaos({ services: 3, kills: 1, seed: 12, timeoutMinutes: 8, keepData: false, verbose: false });

    // Assess
    expect(report.crashes.map((crash) => crash.kind)).toEqual(['mid-submission-burst']);
    expect(report.driver.ending).toBe('all-decided');
    expect(report.driver.decided).toBe(3);
    expect(report.figures).toEqual({ lost: [], stuck: [], failed: [], duplicatedAuditEvents: [], duplicatedEmails: [], clockBackwards: [] });
    expect(report.driver.unexpectedAnswers).toEqual([]);
    expect(passed(report)).toBe(true);
  });
});
