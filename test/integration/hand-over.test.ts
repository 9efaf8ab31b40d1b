// The hand-over to the workflow is exactly once (DESIGN §2, issue 12 defects 1, 2 and 7): an answer
// and its pending hand-over are one transaction, the API delivers it, the relay (reading DynamoDB
// Local's stream) delivers what a crash left behind, and racing duplicates change nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addWorkingDays } from '#core/calendar';
import { callApi, cycleItems, enteredStates, executionHistory, startTestApp } from '../support/local-app.ts';
import type { TestApp } from '../support/local-app.ts';
import { enrolAndStart, loadNetwork, selfReviewBody, submit, waitForTask } from '../support/cycle-walk.ts';
import type { TaskView } from '../support/cycle-walk.ts';

let env: TestApp;

const itemsOf = async (cycleId: string, prefix: string) =>
  (await cycleItems(env.table, env.app.tableName, cycleId)).filter((item) => String(item.sk).startsWith(prefix));
const auditOf = async (cycleId: string, type: string) => (await itemsOf(cycleId, 'AUDIT#')).filter((item) => item.type === type);

describe('Integration: the hand-over to the workflow', () => {
  beforeAll(async () => {
    env = await startTestApp();
    await loadNetwork(env);
  });
  afterAll(async () => {
    await env?.stop();
  });

  it('a crash between recording a submission and telling the workflow is healed by the relay, with no client retry', async () => {
    // Prepare
    const { cycleId } = await enrolAndStart(env, 'svc-crash', 'handover');
    const open = await waitForTask(env, cycleId, 'self-review');
    const { getTask } = await import('#commons/helpers/records');
    const { recordSubmission } = await import('../../functions/http-api/routes/task-completion.ts');
    const task = await getTask(cycleId, 'self-review');
    if (!task) throw new Error('no self-review task');

    // Act: only the first half of a submission runs, as when the API dies straight after its transaction.
    await recordSubmission(task, selfReviewBody, 'Service lead', env.app.stepFunctions.clock.now());
    const next = await waitForTask(env, cycleId, 'peer-review-scheduling');

    // Assess
    expect(open.status).toBe('open');
    expect(next.status).toBe('open');
    const [handOver] = await itemsOf(cycleId, 'HANDOVER#');
    expect(handOver).toMatchObject({ status: 'delivered', attempts: 1 });
    expect(handOver.gsi2pk).toBeUndefined();
    expect(await auditOf(cycleId, 'submission-received')).toHaveLength(1);
  });

  it('ten identical submissions at once: one is accepted, the rest get the same answer, the workflow moves once', async () => {
    // Prepare
    const { cycleId, executionArn } = await enrolAndStart(env, 'svc-race', 'handover');
    await waitForTask(env, cycleId, 'self-review');

    // Act
    const answers = await Promise.all(Array.from({ length: 10 }, () => submit(env, cycleId, 'self-review', selfReviewBody)));
    await waitForTask(env, cycleId, 'peer-review-scheduling');

    // Assess
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 202]);
    expect(answers.every((answer) => answer.body.result === 'accepted' || answer.body.result === 'already-recorded')).toBe(true);
    expect(await auditOf(cycleId, 'submission-received')).toHaveLength(1);
    expect(await auditOf(cycleId, 'late-submission-refused')).toHaveLength(0);
    const states = enteredStates(await executionHistory(env.sfn, executionArn));
    expect(states.filter((state) => state === 'RecordSelfReview')).toHaveLength(1);
  });

  it('five different extensions at once: one wins, the others are told, and the stored deadline is the enforced one', async () => {
    // Prepare
    const { cycleId } = await enrolAndStart(env, 'svc-extensions', 'handover');
    const open = await waitForTask(env, cycleId, 'self-review');
    const dueOns = [12, 13, 14, 15, 16].map((days) => addWorkingDays(open.dueAt.slice(0, 10), days));

    // Act
    const answers = await Promise.all(
      dueOns.map((dueOn) => callApi(env.app, 'POST', `/cycles/${cycleId}/tasks/self-review/extension`, { extendedBy: 'Network manager', dueOn, reason: `To ${dueOn}` })),
    );
    const reopened = await waitForTask(env, cycleId, 'self-review', 'open', open.dueAt);
    const [cycle] = await itemsOf(cycleId, 'STATE');

    // Assess
    const winners = answers.filter((answer) => answer.status === 202);
    expect(winners).toHaveLength(1);
    expect(answers.filter((answer) => answer.status === 409).map((answer) => answer.body.error)).toEqual(['TaskChanged', 'TaskChanged', 'TaskChanged', 'TaskChanged']);
    const enforced = (reopened as TaskView).dueAt;
    expect(winners[0].body.dueAt).toBe(enforced);
    expect((cycle.deadlines as Record<string, string>)['self-review']).toBe(enforced);
    expect(await auditOf(cycleId, 'deadline-extended')).toHaveLength(1);
  });

  it('five identical extensions at once, then a retry after the step reopened: one event, every answer a success', async () => {
    // Prepare
    const { cycleId } = await enrolAndStart(env, 'svc-same-extension', 'handover');
    const open = await waitForTask(env, cycleId, 'self-review');
    const body = { extendedBy: 'Network manager', dueOn: addWorkingDays(open.dueAt.slice(0, 10), 20), reason: 'Ward move' };
    const extend = () => callApi(env.app, 'POST', `/cycles/${cycleId}/tasks/self-review/extension`, body);

    // Act
    const answers = await Promise.all(Array.from({ length: 5 }, extend));
    await waitForTask(env, cycleId, 'self-review', 'open', open.dueAt);
    const retry = await extend();

    // Assess
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 200, 200, 200, 202]);
    expect(retry).toMatchObject({ status: 200, body: { result: 'already-recorded' } });
    expect(await auditOf(cycleId, 'deadline-extended')).toHaveLength(1);
  });
});
