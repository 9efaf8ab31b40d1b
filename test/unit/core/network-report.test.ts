// The network report: compliance per standard across a cohort's members (% met with N/A left out),
// by type, the distribution of members' overall compliance, and each member's position, named only
// for staff and for the member itself.
import { describe, expect, it } from 'vitest';
import { buildNetworkReport, networkReportRecords } from '#core/network-report';
import type { ReportMember } from '#core/network-report';
import { Rating } from '#core/ratings';

const standards = [
  { id: '1.1', section: 'Safety', type: 1 as const, text: 'Ligature risks are assessed' },
  { id: '1.2', section: 'Safety', type: 2 as const, text: 'Staff have breakaway training' },
  { id: '2.1', section: 'Care', type: 3 as const, text: 'Patients have a leisure plan' },
];
const { Met: M, NotMet: N, NotApplicable: NA } = Rating;
const member = (serviceId: string, ratings: Rating[]): ReportMember => ({
  serviceId,
  serviceName: `Ward ${serviceId.toUpperCase()}`,
  cycleId: `cohort-${serviceId}`,
  ratings: new Map(ratings.map((rating, index) => [standards[index].id, rating])),
});
// a: 3/3 met (100%); b: 1 of 2 applicable (50%); c: 2/3 (66.7%).
const members = [member('b', [M, N, NA]), member('a', [M, M, M]), member('c', [M, M, N])];

describe('Function: buildNetworkReport', () => {
  it('counts each standard across members, with N/A out of the denominator, and by type', () => {
    // Act
    const report = buildNetworkReport(standards, members, { kind: 'staff' });
    // Assess
    expect(report.members).toBe(3);
    expect(report.standards.map((line) => [line.id, line.met, line.notMet, line.notApplicable, line.percentageMet])).toEqual([
      ['1.1', 3, 0, 0, 100],
      ['1.2', 2, 1, 0, 66.7],
      ['2.1', 1, 1, 1, 50],
    ]);
    expect(report.byType.map((type) => [type.type, type.percentageMet])).toEqual([
      [1, 100],
      [2, 66.7],
      [3, 50],
    ]);
    expect(report.distribution.filter((band) => band.members > 0)).toEqual([
      { from: 50, to: 60, members: 1 },
      { from: 60, to: 70, members: 1 },
      { from: 90, to: 100, members: 1 },
    ]);
  });

  it('names every member for staff, ranked by overall compliance', () => {
    // Act
    const report = buildNetworkReport(standards, members, { kind: 'staff' });
    // Assess
    expect(report.positions.map((position) => [position.rank, position.label, position.percentageMet])).toEqual([
      [1, 'Ward A', 100],
      [2, 'Ward C', 66.7],
      [3, 'Ward B', 50],
    ]);
  });

  it('shows a service its own name and ratings and every other member only as an anonymous rank', () => {
    // Act
    const report = buildNetworkReport(standards, members, { kind: 'service', serviceIds: ['c'] });
    // Assess
    expect(report.positions.map((position) => [position.label, position.own])).toEqual([
      ['Member 1', false],
      ['Ward C', true],
      ['Member 3', false],
    ]);
    const json = JSON.stringify(report);
    for (const other of ['Ward A', 'Ward B', 'cohort-a', 'cohort-b', '"a"', '"b"']) expect(json).not.toContain(other);
    expect(report.standards.map((line) => line.own)).toEqual([M, M, N]);
    expect(networkReportRecords(report)[0].at(-1)).toBe('your rating');
    expect(networkReportRecords(report)[3].at(-1)).toBe('Not met');
  });

  it('gives staff a CSV of the standards with no own-rating column', () => {
    // Act
    const records = networkReportRecords(buildNetworkReport(standards, members, { kind: 'staff' }));
    // Assess
    expect(records).toHaveLength(4);
    expect(records[0]).toEqual(['standard', 'section', 'type', 'text', 'met', 'not met', 'not applicable', 'percentage met']);
    expect(records[2]).toEqual(['1.2', 'Safety', '2', 'Staff have breakaway training', '2', '1', '0', '66.7']);
  });
});
