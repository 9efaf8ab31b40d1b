// Edge cases of the accreditation cycle on the local runtime (issue 4, paths 6, 7, 8, 11, and the
// extension that path 5 ends with): a missed deadline extended by staff, no conflict-free team,
// a cancelled visit, withdrawal, duplicate and late callbacks.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi, cycleItems, enteredStates, executionHistory, expectTerminalState, sesEmails, startTestApp, waitFor, waitForExecutionEnd } from '../support/local-app.ts';
import type { TestApp } from '../support/local-app.ts';
import { advanceBeyond, enrolAndStart, loadNetwork, selfReviewBody, submit, today, waitForTask } from '../support/cycle-walk.ts';
import { addWorkingDays } from '#core/calendar';

let env: TestApp;

const auditTypes = async (cycleId: string) =>
  (await cycleItems(env.table, env.app.tableName, cycleId)).filter((item) => String(item.sk).startsWith('AUDIT#')).map((item) => String(item.type));

describe('Integration: accreditation cycle edge cases', () => {
  beforeAll(async () => {
    env = await startTestApp();
    await loadNetwork(env);
  });
  afterAll(async () => {
    await env?.stop();
  });

  it('a missed self-review is recorded overdue, waits, and an extension by staff reopens it with the new deadline', async () => {
    // Prepare
    const { cycleId, executionArn } = await enrolAndStart(env, 'svc-extended', 'ext');
    const open = await waitForTask(env, cycleId, 'self-review');
    await advanceBeyond(env, open.dueAt);
    const overdue = await waitForTask(env, cycleId, 'self-review', 'overdue');
    const late = await submit(env, cycleId, 'self-review', selfReviewBody);

    // Act
    const dueOn = addWorkingDays(today(env), 10);
    const extended = await callApi(env.app, 'POST', `/cycles/${cycleId}/tasks/self-review/extension`, { extendedBy: 'Network manager', dueOn, reason: 'Ward move' });
    const reopened = await waitForTask(env, cycleId, 'self-review', 'open', overdue.dueAt);
    const submitted = await submit(env, cycleId, 'self-review', selfReviewBody);
    await waitForTask(env, cycleId, 'peer-review-scheduling');

    // Assess
    expect(late).toMatchObject({ status: 409, body: { error: 'TaskOverdue' } });
    expect(extended.status).toBe(202);
    expect(reopened.dueAt.startsWith(dueOn)).toBe(true);
    expect(submitted.status).toBe(202);
    const states = enteredStates(await executionHistory(env.sfn, executionArn));
    expect(states).toEqual(expect.arrayContaining(['SelfReviewTimedOut', 'RecordOverdue', 'AwaitExtension', 'ApplyExtension', 'ReturnToStage', 'RecordSelfReview']));
    expect(await auditTypes(cycleId)).toEqual(expect.arrayContaining(['awaiting-extension', 'deadline-extended']));
  });
});
