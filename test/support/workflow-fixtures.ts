// Records of a cycle further along than enrolment, for unit tests of the stage handlers.
import type { AllocationRecord, CycleRecord, ReportRecord } from '#commons/helpers/records';
import { cycleRecord } from './function-fixtures.ts';

const CYCLE_ID = 'cohort-2025--svc-1';

const cycleWithDeadlines = (overrides: Partial<CycleRecord> = {}): CycleRecord =>
  cycleRecord({
    organisationId: 'org-1',
    standardsVersionId: '2025.1+abc',
    deadlines: {
      'self-review': '2025-05-02T22:59:59.000Z',
      'peer-review-scheduling': '2025-06-03T22:59:59.000Z',
      'committee-decision': '2025-09-26T22:59:59.000Z',
    },
    contacts: { serviceLead: ['lead@riverside.example.org'], committee: ['committee@example.org'], networkStaff: ['staff@example.org'] },
    ...overrides,
  });

const allocationRecord = (overrides: Partial<AllocationRecord> = {}): AllocationRecord => ({
  cycleId: CYCLE_ID,
  networkId: 'ccqi-accreditation-example',
  cohortId: 'cohort-2025',
  hostServiceId: 'svc-1',
  hostOrganisationId: 'org-1',
  status: 'invited',
  offeredDates: ['2025-06-10', '2025-06-11', '2025-06-17'],
  hostAddress: '1 High Street',
  date: '2025-06-11',
  team: [
    { reviewerId: 'lead-a', role: 'lead', name: 'Dr Ada Lead', email: 'ada@reviewers.example.org' },
    { reviewerId: 'peer-a', role: 'professional', name: 'Sam Peer', email: 'sam@reviewers.example.org' },
    { reviewerId: 'expert-a', role: 'expert-by-experience', name: 'Jo Expert', email: 'jo@reviewers.example.org' },
  ],
  acceptedBy: [],
  allocatedBy: 'automatic',
  updatedAt: '2025-05-20T09:00:00.000Z',
  ...overrides,
});

const reportRecord = (overrides: Partial<ReportRecord> = {}): ReportRecord => ({
  cycleId: CYCLE_ID,
  standardsVersionId: '2025.1+abc',
  preparedOn: '2025-07-01',
  summary: 'Type 1: 10 of 10 met (100%)',
  scores: { 1: { met: 10, applicable: 10, percentage: 100, threshold: 100 }, 2: { met: 8, applicable: 10, percentage: 80, threshold: 80 }, 3: { met: 3, applicable: 5, percentage: 60, threshold: 60 } },
  recommendation: {
    outcome: 'accredited',
    reasons: [{ code: 'threshold-met', type: 1, threshold: 100, met: 10, applicable: 10, percentage: 100, shortByStandards: 0, shortByPoints: 0, unmetStandardIds: [], message: 'Type 1: 10/10 met (100%), threshold 100% reached' }],
    blockingStandardIds: [],
  },
  html: '<h1>Report</h1>',
  text: 'Report',
  ...overrides,
});

export { CYCLE_ID, allocationRecord, cycleWithDeadlines, reportRecord };
