// Issue 10: `reviewsThisYear` counts one place per reviewer per visit they will do. A visit
// cancelled by the host and rebooked is one visit: the cancelled team's places are released, the
// rebooked team's counted once, whoever is on it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addWorkingDays } from '#core/calendar';
import { callApi, startTestApp } from '../support/local-app.ts';
import type { TestApp } from '../support/local-app.ts';
import { NETWORK, acceptAll, enrolAndStart, loadNetwork, offeredDates, selfReviewBody, submit, waitForTask } from '../support/cycle-walk.ts';

let env: TestApp;

const reviewsThisYear = async (): Promise<Record<string, number>> => {
  const { body } = await callApi<{ reviewers: { id: string; reviewsThisYear: number }[] }>(env.app, 'GET', `/networks/${NETWORK}/reviewers`);
  return Object.fromEntries(body.reviewers.map((reviewer) => [reviewer.id, reviewer.reviewsThisYear]));
};
const total = (counts: Record<string, number>) => Object.values(counts).reduce((sum, count) => sum + count, 0);

describe('Integration: reviewer load on a rebooked visit', () => {
  beforeAll(async () => {
    env = await startTestApp();
    await loadNetwork(env);
  });
  afterAll(async () => {
    await env?.stop();
  });

  it('releases the cancelled visit’s places and counts the rebooked team once', async () => {
    // Prepare
    const { cycleId } = await enrolAndStart(env, 'svc-load', 'load-1');
    await waitForTask(env, cycleId, 'self-review');
    await submit(env, cycleId, 'self-review', selfReviewBody);
    await waitForTask(env, cycleId, 'peer-review-scheduling');
    await submit(env, cycleId, 'peer-review-scheduling', { offeredBy: 'Service lead', dates: offeredDates(env) });
    await waitForTask(env, cycleId, 'reviewer-acceptance');
    const before = await reviewsThisYear();
    const first = await acceptAll(env, cycleId);
    await waitForTask(env, cycleId, 'visit');
    const afterFirst = await reviewsThisYear();

    // Act
    const cancelled = await callApi(env.app, 'POST', `/cycles/${cycleId}/visit/cancel`, { cancelledBy: 'Service lead', reason: 'Ward closed (infection control)' });
    await waitForTask(env, cycleId, 'peer-review-scheduling', 'open');
    const afterCancel = await reviewsThisYear();
    await submit(env, cycleId, 'peer-review-scheduling', { offeredBy: 'Service lead', dates: offeredDates(env).map((date) => addWorkingDays(date, 15)) });
    await waitForTask(env, cycleId, 'reviewer-acceptance');
    const second = await acceptAll(env, cycleId);
    await waitForTask(env, cycleId, 'visit');
    const afterRebooking = await reviewsThisYear();

    // Assess
    expect(cancelled.status).toBe(202);
    expect(total(afterFirst) - total(before)).toBe(first.team.length);
    expect(afterCancel).toEqual(before);
    const expected = { ...before, ...Object.fromEntries(second.team.map((member) => [member.reviewerId, before[member.reviewerId] + 1])) };
    expect(afterRebooking).toEqual(expected);
  });
});
