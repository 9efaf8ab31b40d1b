// Dates the workflow cannot count working days on (issue 12, defect 5, at the API edge): an
// extension or a visit-date offer outside the bank-holiday data's years is refused with a 400
// naming the field and the covered years, and nothing moves: the step stays open as it was.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi, startTestApp } from '../support/local-app.ts';
import type { TestApp } from '../support/local-app.ts';
import { enrolAndStart, loadNetwork, selfReviewBody, submit, waitForTask } from '../support/cycle-walk.ts';

let env: TestApp;

interface Refusal {
  error: string;
  message: string;
  issues: { field: string; message: string }[];
}

describe('Integration: dates outside the bank-holiday data', () => {
  beforeAll(async () => {
    env = await startTestApp();
    await loadNetwork(env);
  });
  afterAll(async () => {
    await env?.stop();
  });

  it('refuses an extension and a date offer beyond the covered years with a 400 naming the field, and changes nothing', { timeout: 60_000 }, async () => {
    // Prepare
    const { cycleId } = await enrolAndStart(env, 'svc-calendar', 'cal');
    const selfReview = await waitForTask(env, cycleId, 'self-review');

    // Act
    const extension = await callApi<Refusal>(env.app, 'POST', `/cycles/${cycleId}/tasks/self-review/extension`, {
      extendedBy: 'Network manager',
      dueOn: '2031-03-03',
      reason: 'Ward move',
    });
    const unchanged = await waitForTask(env, cycleId, 'self-review');
    expect((await submit(env, cycleId, 'self-review', selfReviewBody)).status).toBe(202);
    const scheduling = await waitForTask(env, cycleId, 'peer-review-scheduling');
    const offer = await submit(env, cycleId, 'peer-review-scheduling', { offeredBy: 'Ward manager', dates: ['2031-01-14', '2031-01-15', '2031-01-21'] });
    const stillOpen = await waitForTask(env, cycleId, 'peer-review-scheduling');

    // Assess
    expect(extension.status).toBe(400);
    expect(extension.body.issues.map((issue) => issue.field)).toEqual(['dueOn']);
    expect(extension.body.message).toMatch(/dueOn.*2024–2030/);
    expect(unchanged.dueAt).toBe(selfReview.dueAt);
    expect(offer.status).toBe(400);
    expect((offer.body as unknown as Refusal).issues.map((issue) => issue.field)).toEqual(['dates.0', 'dates.1', 'dates.2']);
    expect((offer.body as unknown as Refusal).message).toContain('2024–2030');
    expect(stillOpen.tokenHash).toBe(scheduling.tokenHash);
  });
});
