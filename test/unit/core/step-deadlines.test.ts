import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseNetworkConfig } from '#core/network-config-file';
import { renewalDates } from '#core/renewal';
import { initialDeadlines, stepDueAt } from '#core/step-deadlines';
import { buildTimetable } from '#core/timetable';
import { endOfUkDay, startOfUkDay } from '#core/uk-time';
import { CallbackStage, MembershipType } from '#core/vocabulary';

const yamlOf = (name: string) => readFileSync(new URL(`../../../examples/networks/${name}/network.yaml`, import.meta.url), 'utf8');
const ccqi = parseNetworkConfig(yamlOf('ccqi-accreditation-example'), 'network.yaml');
/** The same network with its own windows: 3 working days to accept, 8 to allocate by hand. */
const custom = parseNetworkConfig(`${yamlOf('ccqi-accreditation-example')}\nacceptanceWindow: { workingDays: 3 }\nallocationWindow: { workingDays: 8 }\n`, 'network.yaml');
const timetable = buildTimetable({ startDate: '2026-09-07', membershipType: MembershipType.Accreditation, config: ccqi });
const input = (config = ccqi, opensOn = '2026-11-02', visitDate?: string) => ({ config, membershipType: MembershipType.Accreditation, opensOn, timetable, ...(visitDate ? { visitDate } : {}) });

describe('Function: stepDueAt', () => {
  it.each([
    // Mon 2 Nov 2026 + 5 working days = Mon 9 Nov (the default window).
    ['acceptance, default 5 working days', CallbackStage.reviewerAcceptance, input(ccqi, '2026-11-02', '2026-12-01'), endOfUkDay('2026-11-09')],
    ['acceptance, the network’s 3 working days', CallbackStage.reviewerAcceptance, input(custom, '2026-11-02', '2026-12-01'), endOfUkDay('2026-11-05')],
    // A visit on Thu 5 Nov: answers are due by Wed 4 Nov, the working day before.
    ['acceptance, by the working day before the visit', CallbackStage.reviewerAcceptance, input(ccqi, '2026-11-02', '2026-11-05'), endOfUkDay('2026-11-04')],
    ['acceptance, a visit tomorrow: today', CallbackStage.reviewerAcceptance, input(ccqi, '2026-11-02', '2026-11-03'), endOfUkDay('2026-11-02')],
    ['manual allocation, default 5 working days', CallbackStage.manualAllocation, input(ccqi), endOfUkDay('2026-11-09')],
    ['manual allocation, the network’s 8 working days', CallbackStage.manualAllocation, input(custom), endOfUkDay('2026-11-12')],
    ['the visit, held until its day begins', CallbackStage.visit, input(ccqi, '2026-11-02', '2026-12-01'), startOfUkDay('2026-12-01')],
    // The factual-accuracy window of the example: 10 working days.
    ['factual accuracy', CallbackStage.factualAccuracy, input(ccqi), endOfUkDay('2026-11-16')],
    ['self-review, from the timetable', CallbackStage.selfReview, input(ccqi), endOfUkDay(timetable.find((m) => m.stage === 'self-review')?.dueOn ?? '')],
  ])('%s', (_label, step, stepInput, expected) => {
    // Act
    const dueAt = stepDueAt(step, stepInput);
    // Assess
    expect(dueAt).toBe(expected);
  });

  it('keeps the timetable’s committee deadline when the step opens early', () => {
    // Prepare
    const planned = timetable.find((m) => m.stage === 'committee-decision')?.dueOn as string;
    // Act
    const dueAt = stepDueAt(CallbackStage.committeeDecision, input(ccqi, '2026-09-08'));
    // Assess
    expect(dueAt).toBe(endOfUkDay(planned));
  });

  it('has no deadline for a window the network does not have', () => {
    // Prepare
    const mindAndBody = parseNetworkConfig(yamlOf('mind-and-body-example'), 'network.yaml');
    // Act
    const dueAt = stepDueAt(CallbackStage.appeal, { ...input(mindAndBody), membershipType: MembershipType.Developmental });
    // Assess
    expect(dueAt).toBeUndefined();
  });
});

describe('Function: initialDeadlines', () => {
  it('gives every timetable stage a person owes its planned deadline, but not enrolment or the visit', () => {
    // Act
    const deadlines = initialDeadlines(timetable);
    // Assess
    expect(Object.keys(deadlines).sort()).toEqual(['committee-decision', 'factual-accuracy', 'peer-review-scheduling', 'self-review']);
  });
});

describe('Function: renewalDates', () => {
  it('dates the interim review at 18 months and the renewal at 36', () => {
    // Assess
    expect(renewalDates('2026-03-31')).toEqual({ interimReviewOn: '2027-09-30', renewalOn: '2029-03-31' });
  });
});
