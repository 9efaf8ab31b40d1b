// Records as the handlers find them in the table, built from the example network of the domain core.
import { fileURLToPath } from 'node:url';
import { loadNetwork } from '#core/load-network';
import type { CycleRecord, Milestone, NetworkRecord, ServiceRecord, TaskRecord } from '#commons/helpers/records';

const exampleNetworkDir = fileURLToPath(new URL('../../examples/networks/ccqi-accreditation-example/', import.meta.url));
const EXECUTION_ARN = 'arn:aws:states:us-east-1:000000000000:execution:accreditation-cycle:cohort-2025--svc-1';
const OTHER_EXECUTION_ARN = 'arn:aws:states:us-east-1:000000000000:execution:accreditation-cycle:other';

const networkRecord = (): NetworkRecord => {
  const { config } = loadNetwork(exampleNetworkDir);
  return { networkId: config.id, name: config.name, committeeEmail: 'committee@example.org', config };
};

const serviceRecord = (overrides: Partial<ServiceRecord> = {}): ServiceRecord => ({
  serviceId: 'svc-1',
  name: 'Riverside Adolescent Unit',
  organisationId: 'org-1',
  networkId: 'ccqi-accreditation-example',
  membershipType: 'accreditation',
  leadEmail: 'lead@riverside.example.org',
  createdAt: '2025-01-06T09:00:00.000Z',
  ...overrides,
});

const cycleRecord = (overrides: Partial<CycleRecord> = {}): CycleRecord => ({
  cycleId: 'cohort-2025--svc-1',
  serviceId: 'svc-1',
  serviceName: 'Riverside Adolescent Unit',
  networkId: 'ccqi-accreditation-example',
  networkName: 'Example network',
  cohortId: 'cohort-2025',
  membershipType: 'accreditation',
  startDate: '2025-01-06',
  timetable: [
    { stage: 'enrolment', opensOn: '2025-01-06', dueOn: '2025-02-03', reminders: [] },
    {
      stage: 'self-review',
      opensOn: '2025-02-04',
      dueOn: '2025-05-02',
      reminders: [
        { on: '2025-03-20', kind: 'before', offsetWorkingDays: 28, recipientRole: 'service-lead' },
        { on: '2025-04-10', kind: 'before', offsetWorkingDays: 14, recipientRole: 'service-lead' },
        { on: '2025-05-06', kind: 'escalation', offsetWorkingDays: 1, recipientRole: 'service-lead' },
      ],
    },
    { stage: 'committee-decision', opensOn: '2025-08-01', dueOn: '2025-09-26', reminders: [] },
    // The whole timetable, as a cycle recorded before the timetable had its own item kept it.
  ] as Milestone[],
  stage: 'enrolment',
  status: 'active',
  executionArn: EXECUTION_ARN,
  contacts: { serviceLead: ['lead@riverside.example.org'], committee: ['committee@example.org'] },
  createdAt: '2025-01-06T09:00:00.000Z',
  updatedAt: '2025-01-06T09:00:00.000Z',
  ...overrides,
});

const taskRecord = (overrides: Partial<TaskRecord> = {}): TaskRecord => ({
  cycleId: 'cohort-2025--svc-1',
  stage: 'self-review',
  status: 'open',
  token: 'token-secret-value',
  tokenHash: 'hash-of-token',
  executionArn: EXECUTION_ARN,
  dueAt: '2025-05-02T23:59:59.000Z',
  openedAt: '2025-02-04T09:00:00.000Z',
  ...overrides,
});

export { EXECUTION_ARN, OTHER_EXECUTION_ARN, cycleRecord, exampleNetworkDir, networkRecord, serviceRecord, taskRecord };
