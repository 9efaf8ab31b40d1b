// Helpers for the full-cycle integration tests (test/integration/cycle-*.test.ts): load the
// example network's standards and a reviewer pool through the API, enrol and start a service,
// wait for a step to open, answer it, and move the manual clock. Every wait polls with a deadline.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { addWorkingDays, isWorkingDay } from '#core/calendar';
import { addDays } from '#core/iso-date';
import { ukDateOf } from '#core/uk-time';
import { callApi, waitFor } from './local-app.ts';
import type { TestApp } from './local-app.ts';

const NETWORK = 'ccqi-accreditation-example';
const standardsCsv = readFileSync(fileURLToPath(new URL(`../../examples/networks/${NETWORK}/standards.csv`, import.meta.url)), 'utf8');
const standardIds = standardsCsv
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => line.split(',')[0]);

interface TaskView {
  status: string;
  dueAt: string;
  executionArn: string;
  stage: string;
  tokenHash: string;
  notifiedTokenHash?: string;
}

/** Working days from `from` for the next `count` years: reviewers who are free on any working day. */
const workingDaysFrom = (from: string, days: number): string[] =>
  Array.from({ length: days }, (_unused, index) => addDays(from, index)).filter((date) => isWorkingDay(date));

/** A pool with enough leads, peers and experts from other organisations; `busy` reviewers are free on no day. */
const reviewerPool = (from: string) => {
  const availableOn = workingDaysFrom(from, 800);
  const reviewer = (id: string, roles: string[], organisationId: string, extra: Record<string, unknown> = {}) => ({
    id,
    name: `Reviewer ${id}`,
    email: `${id}@reviewers.example.org`,
    serviceId: `home-${id}`,
    organisationId,
    roles,
    availableOn,
    reviewsThisYear: 0,
    ...extra,
  });
  return [
    reviewer('lead-a', ['lead', 'professional'], 'org-lead-a', { leadTrainingExpiresOn: '2030-12-31' }),
    reviewer('lead-b', ['lead', 'professional'], 'org-lead-b', { leadTrainingExpiresOn: '2030-12-31' }),
    reviewer('peer-a', ['professional'], 'org-peer-a'),
    reviewer('peer-b', ['professional'], 'org-peer-b'),
    reviewer('expert-a', ['expert-by-experience'], 'org-expert-a'),
    reviewer('expert-b', ['expert-by-experience'], 'org-expert-b'),
  ];
};

const today = (env: TestApp): string => ukDateOf(new Date(env.app.stepFunctions.clock.now()));

/** The example network's first `count` standards, as a CSV. */
const firstStandardsCsv = (count: number): string => standardsCsv.trim().split('\n').slice(0, count + 1).join('\n');

/** Standards (all, or the first `standardCount`) and the reviewer pool of the example network, as staff import them. */
const loadNetwork = async (env: TestApp, { standardCount }: { standardCount?: number } = {}) => {
  const csv = standardCount === undefined ? standardsCsv : firstStandardsCsv(standardCount);
  const standards = await callApi<{ versionId: string }>(env.app, 'PUT', `/networks/${NETWORK}/standards`, { csv });
  expect(standards.status).toBe(200);
  const reviewers = await callApi(env.app, 'PUT', `/networks/${NETWORK}/reviewers`, { reviewers: reviewerPool(today(env)) });
  expect(reviewers.status).toBe(200);
  return standards.body.versionId;
};

interface StartedCycle {
  cycleId: string;
  executionArn: string;
  leadEmail: string;
}

const enrolAndStart = async (
  env: TestApp,
  serviceId: string,
  cohortId: string,
  options: { membershipType?: string; organisationId?: string; qiLeadEmail?: string } = {},
): Promise<StartedCycle> => {
  const leadEmail = `lead@${serviceId}.example.org`;
  const enrolled = await callApi(env.app, 'POST', '/services', {
    serviceId,
    name: `Service ${serviceId}`,
    organisationId: options.organisationId ?? `org-${serviceId}`,
    networkId: NETWORK,
    membershipType: options.membershipType ?? 'accreditation',
    leadEmail,
    ...(options.qiLeadEmail && { qiLeadEmail: options.qiLeadEmail }),
  });
  expect(enrolled.status).toBe(201);
  const started = await callApi<{ cycleId: string; executionArn: string }>(env.app, 'POST', '/cycles', { serviceId, cohortId });
  expect(started.status).toBe(202);
  return { ...started.body, leadEmail };
};

/**
 * Waits until the step is in `status` (optionally with a deadline other than `notDueAt`); an open
 * step counts once its opening is complete, i.e. the people concerned were told (or knew already).
 */
const waitForTask = (env: TestApp, cycleId: string, stage: string, status = 'open', notDueAt?: string) =>
  waitFor(`the ${stage} task of ${cycleId} to be ${status}`, async () => {
    const response = await callApi<{ task: TaskView }>(env.app, 'GET', `/cycles/${cycleId}/tasks/${stage}`);
    const task = response.body.task;
    const settled = status !== 'open' || task?.notifiedTokenHash === task?.tokenHash;
    return response.status === 200 && task.status === status && task.dueAt !== notDueAt && settled ? task : undefined;
  });

const submit = (env: TestApp, cycleId: string, stage: string, body: Record<string, unknown>) => callApi(env.app, 'POST', `/cycles/${cycleId}/tasks/${stage}`, body);

const allMet = Object.fromEntries(standardIds.map((id) => [id, 'met']));
const selfReviewBody = { submittedBy: 'Service lead', summary: 'Rated every standard', ratings: allMet };

/** Three working days on at least two weekdays, four to five weeks from today. */
const offeredDates = (env: TestApp): string[] => {
  const first = addWorkingDays(today(env), 20);
  return [first, addWorkingDays(first, 1), addWorkingDays(first, 6)];
};

const peerRatingsBody = (notMet: readonly string[] = []) => ({
  submittedBy: 'Lead reviewer',
  ratings: standardIds.map((standardId) => ({ standardId, rating: notMet.includes(standardId) ? 'not-met' : 'met' })),
});

interface Allocation {
  status: string;
  date?: string;
  team: { reviewerId: string; role: string; email: string }[];
  exclusions?: { reviewerId: string; rule: string }[];
}

const allocationOf = async (env: TestApp, cycleId: string): Promise<Allocation> =>
  (await callApi<{ allocation: Allocation }>(env.app, 'GET', `/cycles/${cycleId}/allocation`)).body.allocation;

const acceptAll = async (env: TestApp, cycleId: string): Promise<Allocation> => {
  const allocation = await allocationOf(env, cycleId);
  for (const member of allocation.team) {
    const answer = await callApi(env.app, 'POST', `/cycles/${cycleId}/reviewers/${member.reviewerId}/accept`, {});
    expect(answer.status).toBe(202);
  }
  return allocation;
};

const advanceTo = (env: TestApp, iso: string) => env.app.stepFunctions.clock.advanceTo(new Date(iso));
const advanceBeyond = (env: TestApp, iso: string) => env.app.stepFunctions.clock.advanceTo(new Date(Date.parse(iso) + 60_000));

/** From an open self-review to an open committee decision: dates, team, visit, ratings, factual accuracy. */
const walkToCommittee = async (
  env: TestApp,
  cycleId: string,
  options: { notMet?: string[]; answerFactualAccuracy?: boolean; selfReviewSubmitted?: boolean; corrections?: string } = {},
) => {
  if (!options.selfReviewSubmitted) {
    await waitForTask(env, cycleId, 'self-review');
    expect((await submit(env, cycleId, 'self-review', selfReviewBody)).status).toBe(202);
  }
  await waitForTask(env, cycleId, 'peer-review-scheduling');
  expect((await submit(env, cycleId, 'peer-review-scheduling', { offeredBy: 'Service lead', dates: offeredDates(env), hostAddress: '1 High Street' })).status).toBe(202);
  await waitForTask(env, cycleId, 'reviewer-acceptance');
  const allocation = await acceptAll(env, cycleId);
  const visit = await waitForTask(env, cycleId, 'visit');
  await advanceBeyond(env, visit.dueAt);
  await waitForTask(env, cycleId, 'peer-ratings');
  expect((await submit(env, cycleId, 'peer-ratings', peerRatingsBody(options.notMet))).status).toBe(202);
  const factualAccuracy = await waitForTask(env, cycleId, 'factual-accuracy');
  if (options.answerFactualAccuracy === false) await advanceBeyond(env, factualAccuracy.dueAt);
  else {
    const answer = options.corrections ? { accepted: false, corrections: options.corrections } : { accepted: true };
    expect((await submit(env, cycleId, 'factual-accuracy', { respondedBy: 'Service lead', ...answer })).status).toBe(202);
  }
  return allocation;
};

export {
  NETWORK,
  acceptAll,
  advanceBeyond,
  advanceTo,
  allocationOf,
  enrolAndStart,
  loadNetwork,
  offeredDates,
  peerRatingsBody,
  reviewerPool,
  selfReviewBody,
  standardIds,
  submit,
  today,
  waitForTask,
  walkToCommittee,
};
export type { Allocation, StartedCycle, TaskView };
