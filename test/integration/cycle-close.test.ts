// Issue 10, defect 7: a finished cycle leaves nothing open behind it. The visit step closes when
// the visit day comes, every other step when it is answered or lapses, and a finished cycle (here
// accredited, not accredited after an unused appeal window, a developmental report issued, or withdrawn)
// shows its outcome as its status, with no current deadline, through GET /cycles/{id}.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi, startTestApp, waitForExecutionEnd } from '../support/local-app.ts';
import type { TestApp } from '../support/local-app.ts';
import { advanceBeyond, enrolAndStart, loadNetwork, submit, waitForTask, walkToCommittee } from '../support/cycle-walk.ts';

let env: TestApp;

interface CycleResponse {
  cycle: { status: string; stage: string; currentDeadline?: string };
  tasks: { stage: string; status: string }[];
}

const showCycle = async (cycleId: string) => {
  const response = await callApi<CycleResponse>(env.app, 'GET', `/cycles/${cycleId}`);
  expect(response.status).toBe(200);
  return response.body;
};

const decide = (cycleId: string, outcome: string, reason: string) => submit(env, cycleId, 'committee-decision', { decidedBy: 'Committee chair', outcome, reason });

describe('Integration: a finished cycle (issue 10, defect 7)', () => {
  beforeAll(async () => {
    env = await startTestApp();
    await loadNetwork(env);
  });
  afterAll(async () => {
    await env?.stop();
  });

  it('accredited: no task is left open, and the cycle shows its outcome with no deadline', async () => {
    // Prepare
    const { cycleId, executionArn } = await enrolAndStart(env, 'svc-closed-accredited', 'close-1');
    await walkToCommittee(env, cycleId);
    await waitForTask(env, cycleId, 'committee-decision');

    // Act
    expect((await decide(cycleId, 'accredited', 'Every threshold met')).status).toBe(202);
    await waitForExecutionEnd(env.sfn, executionArn);
    const { cycle, tasks } = await showCycle(cycleId);

    // Assess
    expect(tasks.find((task) => task.stage === 'visit')?.status).toBe('timed-out');
    expect(tasks.filter((task) => ['open', 'overdue'].includes(task.status))).toEqual([]);
    expect(cycle).toMatchObject({ status: 'accredited', stage: 'closed' });
    expect(cycle.currentDeadline).toBeUndefined();
  });

  it('not accredited, the appeal window unused: no task is left open, and no deadline', async () => {
    // Prepare
    const { cycleId, executionArn } = await enrolAndStart(env, 'svc-closed-refused', 'close-2');
    await walkToCommittee(env, cycleId, { notMet: ['1.1', '1.2'] });
    await waitForTask(env, cycleId, 'committee-decision');
    await decide(cycleId, 'not-accredited', 'Two Type 1 standards unmet');
    const appeal = await waitForTask(env, cycleId, 'appeal');

    // Act
    await advanceBeyond(env, appeal.dueAt);
    await waitForExecutionEnd(env.sfn, executionArn);
    const { cycle, tasks } = await showCycle(cycleId);

    // Assess
    expect(tasks.filter((task) => ['open', 'overdue'].includes(task.status))).toEqual([]);
    expect(cycle).toMatchObject({ status: 'not-accredited', stage: 'closed' });
    expect(cycle.currentDeadline).toBeUndefined();
  });

  it('withdrawn: the open step closes, and the cycle shows its status with no deadline', async () => {
    // Prepare
    const { cycleId, executionArn } = await enrolAndStart(env, 'svc-closed-withdrawn', 'close-4');
    await waitForTask(env, cycleId, 'self-review');

    // Act
    const withdrawn = await callApi(env.app, 'POST', `/cycles/${cycleId}/withdraw`, { withdrawnBy: 'Network manager', reason: 'Service closed by the trust' });
    await waitForExecutionEnd(env.sfn, executionArn);
    const { cycle, tasks } = await showCycle(cycleId);

    // Assess
    expect(withdrawn.status).toBe(202);
    expect(tasks.filter((task) => ['open', 'overdue'].includes(task.status))).toEqual([]);
    expect(cycle.status).toBe('withdrawn');
    expect(cycle.currentDeadline).toBeUndefined();
  });

  it('developmental: the report issued closes the cycle, with no task open and no deadline', async () => {
    // Prepare
    const { cycleId, executionArn } = await enrolAndStart(env, 'svc-closed-developmental', 'close-3', { membershipType: 'developmental' });

    // Act
    await walkToCommittee(env, cycleId);
    await waitForExecutionEnd(env.sfn, executionArn);
    const { cycle, tasks } = await showCycle(cycleId);

    // Assess
    expect(tasks.filter((task) => ['open', 'overdue'].includes(task.status))).toEqual([]);
    expect(cycle).toMatchObject({ status: 'report-issued', stage: 'closed' });
    expect(cycle.currentDeadline).toBeUndefined();
  });
});
