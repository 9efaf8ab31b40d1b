// What the harness's cohort is made of: the example accreditation network's standards, a
// reviewer pool big enough for every visit of the cohort on the same day, the services, and the
// answer each step gets. Every answer is a pure function of the cycle and the workflow's date, so
// a request repeated after a kill is the same request (the API then answers "already recorded").
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { addWorkingDays, isWorkingDay } from '#core/calendar';
import { addDays } from '#core/iso-date';

const NETWORK_ID = 'ccqi-accreditation-example';
const COHORT_ID = 'chaos';

const standardsCsv = readFileSync(fileURLToPath(new URL(`../examples/networks/${NETWORK_ID}/standards.csv`, import.meta.url)), 'utf8');
const standardIds = standardsCsv
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => line.split(',')[0]);

const serviceIdsOf = (count: number): string[] => Array.from({ length: count }, (_unused, index) => `svc-${String(index + 1).padStart(3, '0')}`);

const serviceEnrolment = (serviceId: string) => ({
  serviceId,
  name: `Chaos ward ${serviceId}`,
  organisationId: `org-${serviceId}`,
  networkId: NETWORK_ID,
  membershipType: 'accreditation',
  leadEmail: `lead@${serviceId}.example.org`,
  qiLeadEmail: `qi@${serviceId}.example.org`,
});

/**
 * Per service one lead, two professional peers and one expert by experience, each from an
 * organisation of their own and free on every working day for two years: allocation never lacks
 * a conflict-free team, even with every visit of the cohort on one day (a reviewer visits once a day).
 */
const reviewerPool = (services: number, today: string) => {
  const availableOn = Array.from({ length: 800 }, (_unused, index) => addDays(today, index)).filter((date) => isWorkingDay(date));
  const reviewer = (id: string, roles: string[], extra: Record<string, unknown> = {}) => ({
    id,
    name: `Reviewer ${id}`,
    email: `${id}@reviewers.example.org`,
    serviceId: `home-${id}`,
    organisationId: `org-${id}`,
    roles,
    availableOn,
    reviewsThisYear: 0,
    ...extra,
  });
  return Array.from({ length: services }, (_unused, index) => index + 1).flatMap((n) => [
    reviewer(`lead-${n}`, ['lead', 'professional'], { leadTrainingExpiresOn: '2030-12-31' }),
    reviewer(`peer-${n}a`, ['professional']),
    reviewer(`peer-${n}b`, ['professional']),
    reviewer(`expert-${n}`, ['expert-by-experience']),
  ]);
};

/** The answer each human step gets; `today` is the workflow's UK date when the step is answered. */
const answers = {
  'self-review': () => ({ submittedBy: 'Service lead', summary: 'Rated every standard', ratings: Object.fromEntries(standardIds.map((id) => [id, 'met'])) }),
  // Three working days on two weekdays at least, four to five weeks ahead (DESIGN §1.3).
  'peer-review-scheduling': (today: string) => {
    const first = addWorkingDays(today, 20);
    return { offeredBy: 'Service lead', dates: [first, addWorkingDays(first, 1), addWorkingDays(first, 6)], hostAddress: '1 High Street' };
  },
  'peer-ratings': () => ({ submittedBy: 'Lead reviewer', ratings: standardIds.map((standardId) => ({ standardId, rating: 'met' })) }),
  'factual-accuracy': () => ({ respondedBy: 'Service lead', accepted: true }),
  'committee-decision': () => ({ decidedBy: 'Committee chair', outcome: 'accredited', reason: 'Every threshold met' }),
} as const satisfies Record<string, (today: string) => Record<string, unknown>>;

type AnsweredStage = keyof typeof answers;

export { COHORT_ID, NETWORK_ID, answers, reviewerPool, serviceEnrolment, serviceIdsOf, standardsCsv };
export type { AnsweredStage };
