import { describe, expect, it } from 'vitest';
import { launchRefusal } from '#core/cohort-launch';
import type { ExistingCycle } from '#core/cohort-launch';

const cycle = (overrides: Partial<ExistingCycle>): ExistingCycle => ({ cycleId: '2026-spring--ward', status: 'active', stage: 'self-review', startDate: '2026-03-02', ...overrides });

describe('Function: launchRefusal', () => {
  it.each([
    ['a cycle of another cohort still open', [cycle({})], 'open-cycle', 'cycle 2026-spring--ward is still open'],
    ['a deferred cycle', [cycle({ status: 'deferred', stage: 'deferral-evidence' })], 'open-cycle', 'deferred'],
    ['a withdrawn last cycle', [cycle({ status: 'withdrawn', stage: 'self-review' })], 'withdrawn', 'withdrawn from cycle 2026-spring--ward'],
    [
      'an interim review already booked',
      [cycle({ status: 'accredited', stage: 'committee-decision', followUpCycles: [{ kind: 'interim-review', cycleId: 'interim-review-2027-09--ward', startDate: '2027-09-02' }] })],
      'follow-up-booked',
      'interim-review cycle interim-review-2027-09--ward is booked to start on 2027-09-02',
    ],
  ])('refuses a service with %s', (_label, cycles, reason, message) => {
    // Act
    const refusal = launchRefusal('2026-autumn--ward', cycles);
    // Assess
    expect(refusal?.reason).toBe(reason);
    expect(refusal?.message).toContain(message);
  });

  it.each([
    ['no cycle yet', []],
    ['the same cycle (a repeated launch is idempotent)', [cycle({ cycleId: '2026-autumn--ward' })]],
    ['only finished cycles', [cycle({ status: 'report-issued', stage: 'report' }), cycle({ cycleId: 'x', status: 'not-accredited', stage: 'closed' })]],
  ])('lets a service with %s start', (_label, cycles) => {
    // Assess
    expect(launchRefusal('2026-autumn--ward', cycles)).toBeUndefined();
  });
});
