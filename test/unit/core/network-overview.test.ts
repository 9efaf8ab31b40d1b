import { describe, expect, it } from 'vitest';
import { deadlineWeeks, stageCounts, standardCompliance } from '#core/network-overview';
import type { OverviewCycle } from '#core/network-overview';
import { endOfUkDay } from '#core/uk-time';
import { ratingsOf, standardsOf } from './fixtures.ts';

const cycle = (cycleId: string, stage: string, status = 'awaiting-submission', dueOn?: string): OverviewCycle => ({
  cycleId,
  stage,
  status,
  ...(dueOn ? { currentDeadline: endOfUkDay(dueOn) } : {}),
});

describe('Function: stageCounts', () => {
  it('counts cycles per stage in workflow order, shows empty timetable stages as 0, and counts withdrawn cycles apart', () => {
    // Prepare
    const cycles = [
      cycle('a', 'visit'),
      cycle('b', 'self-review'),
      cycle('c', 'self-review'),
      cycle('d', 'manual-allocation'),
      cycle('e', 'self-review', 'withdrawn'),
      cycle('f', 'closed', 'accredited'),
    ];
    // Act
    const counts = stageCounts(cycles);
    // Assess
    expect(counts).toEqual([
      { stage: 'enrolment', count: 0 },
      { stage: 'self-review', count: 2 },
      { stage: 'peer-review-scheduling', count: 0 },
      { stage: 'manual-allocation', count: 1 },
      { stage: 'visit', count: 1 },
      { stage: 'factual-accuracy', count: 0 },
      { stage: 'committee-decision', count: 0 },
      { stage: 'closed', count: 1 },
      { stage: 'withdrawn', count: 1 },
    ]);
  });

  it('puts a stage it does not know after the known ones', () => {
    // Act
    const counts = stageCounts([cycle('a', 'something-new'), cycle('b', 'enrolment')]);
    // Assess
    expect(counts.at(-1)).toEqual({ stage: 'something-new', count: 1 });
    expect(counts[0]).toEqual({ stage: 'enrolment', count: 1 });
  });
});

describe('Function: deadlineWeeks', () => {
  it.each([
    ['due today: first week', '2026-03-02', 0],
    ['due on the 7th day: first week', '2026-03-08', 0],
    ['due on the 8th day: second week', '2026-03-09', 1],
    ['due on the last day of week 8', '2026-04-26', 7],
  ] as const)('%s', (_label, dueOn, week) => {
    // Act
    const { weeks, overdue, later } = deadlineWeeks([cycle('a', 'self-review', 'awaiting-submission', dueOn)], '2026-03-02');
    // Assess
    expect(weeks.map((entry) => entry.count)).toEqual(Array.from({ length: 8 }, (_unused, index) => (index === week ? 1 : 0)));
    expect([overdue, later]).toEqual([0, 0]);
  });

  it('counts past deadlines as overdue and those after 8 weeks as later, and leaves out withdrawn and closed cycles', () => {
    // Prepare
    const cycles = [
      cycle('past', 'self-review', 'overdue', '2026-03-01'),
      cycle('later', 'visit', 'active', '2026-04-27'),
      cycle('withdrawn', 'self-review', 'withdrawn', '2026-03-03'),
      cycle('closed', 'closed', 'accredited', '2026-03-03'),
      cycle('no-deadline', 'enrolment', 'active'),
    ];
    // Act
    const { weeks, overdue, later } = deadlineWeeks(cycles, '2026-03-02');
    // Assess
    expect(weeks.reduce((sum, week) => sum + week.count, 0)).toBe(0);
    expect({ overdue, later }).toEqual({ overdue: 1, later: 1 });
    expect(weeks[1]).toEqual({ from: '2026-03-09', to: '2026-03-15', count: 0 });
  });

  it('reads a deadline as a UK date in summer time (23:59:59 BST is 22:59:59 UTC, the same day)', () => {
    // Act
    const { weeks } = deadlineWeeks([cycle('a', 'visit', 'active', '2026-06-07')], '2026-06-01');
    // Assess
    expect(weeks[0].count).toBe(1);
  });
});

describe('Function: standardCompliance', () => {
  it('gives per standard the % met across cycles, the peer rating counting over the self rating, N/A left out, grouped by type', () => {
    // Prepare
    const standards = standardsOf({ 1: 2, 2: 1 });
    const cycles = [
      // T1-01 met, T1-02 not met, T2-01 met
      { cycleId: 'a', standards, selfRatings: ratingsOf(standards, { 1: { notMet: 0 } }), peerRatings: [{ standardId: 'T1-02', rating: 'not-met' as const }] },
      // T1-01 not met, T1-02 N/A (self), T2-01 met
      { cycleId: 'b', standards, selfRatings: ratingsOf(standards, { 1: { notMet: 1, na: 1 } }), peerRatings: [] },
      // self-review not in yet
      { cycleId: 'c', standards, selfRatings: [], peerRatings: [] },
    ];
    // Act
    const compliance = standardCompliance(cycles);
    // Assess
    expect(compliance.cyclesRated).toBe(3);
    expect(compliance.byType.map((group) => group.type)).toEqual([1, 2]);
    expect(compliance.byType[0].standards).toEqual([
      { standardId: 'T1-01', section: 'Section 1', type: 1, met: 1, notMet: 1, notApplicable: 0, unrated: 1, percentageMet: 50 },
      { standardId: 'T1-02', section: 'Section 1', type: 1, met: 0, notMet: 1, notApplicable: 1, unrated: 1, percentageMet: 0 },
    ]);
    expect(compliance.byType[1].standards[0]).toEqual(expect.objectContaining({ standardId: 'T2-01', met: 2, percentageMet: 100 }));
  });

  it('rounds to one decimal, gives null when nobody rated a standard met or not met, and sorts ids naturally', () => {
    // Prepare
    const standards = [
      { id: '10.1', section: 'S', type: 2 as const, text: 'ten' },
      { id: '2.1', section: 'S', type: 2 as const, text: 'two' },
    ];
    const rate = (ten: 'met' | 'not-met', two: 'not-applicable') => [
      { standardId: '10.1', rating: ten },
      { standardId: '2.1', rating: two },
    ];
    const cycles = [rate('met', 'not-applicable'), rate('met', 'not-applicable'), rate('not-met', 'not-applicable')].map((selfRatings, index) => ({
      cycleId: `c${index}`,
      standards,
      selfRatings,
      peerRatings: [],
    }));
    // Act
    const [group] = standardCompliance(cycles).byType;
    // Assess
    expect(group.standards.map((entry) => [entry.standardId, entry.percentageMet])).toEqual([
      ['2.1', null],
      ['10.1', 66.7],
    ]);
  });

  it('leaves out a cycle whose ratings the report would refuse (a standard rated twice) and names it', () => {
    // Prepare
    const standards = standardsOf({ 1: 1 });
    const cycles = [
      { cycleId: 'good', standards, selfRatings: ratingsOf(standards), peerRatings: [] },
      { cycleId: 'twice', standards, selfRatings: ratingsOf(standards), peerRatings: [...ratingsOf(standards), ...ratingsOf(standards)] },
    ];
    // Act
    const compliance = standardCompliance(cycles);
    // Assess
    expect(compliance).toEqual(expect.objectContaining({ cyclesRated: 1, cyclesSkipped: ['twice'] }));
    expect(compliance.byType[0].standards[0].met).toBe(1);
  });
});
