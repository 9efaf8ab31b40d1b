// Resuming a cycle in a new execution (issue 12, defect 6): the new execution is started before the
// old one is stopped, a resume the cycle's records cannot support is refused before anything
// changes, and a repeated request starts no second execution.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DescribeExecutionCommand, ListExecutionsCommand } from '@aws-sdk/client-sfn';
import { callApi, cycleItems, waitFor, waitForExecutionEnd } from '../support/local-app.ts';
import { startTestApp } from '../support/local-app.ts';
import type { TestApp } from '../support/local-app.ts';
import { enrolAndStart, loadNetwork, selfReviewBody, submit, waitForTask } from '../support/cycle-walk.ts';

let env: TestApp;

interface Resumed {
  result: string;
  executionArn: string;
  previousExecutionArn: string;
}

const resume = (cycleId: string, resumeAt: string, reason = 'New definition version') =>
  callApi<Resumed>(env.app, 'POST', `/cycles/${cycleId}/resume`, { resumeAt, reason });

const statusOf = async (executionArn: string) => (await env.sfn.send(new DescribeExecutionCommand({ executionArn }))).status;

/** Every execution the state machine has for the cycle (the first is named after it, resumes start with it). */
const executionsOf = async (cycleId: string) => {
  const { executions = [] } = await env.sfn.send(new ListExecutionsCommand({ stateMachineArn: env.app.stateMachineArn, maxResults: 1000 }));
  return executions.filter((execution) => execution.name === cycleId || execution.name?.startsWith(`${cycleId}-r`));
};

const pendingTasks = async (cycleId: string) =>
  (await cycleItems(env.table, env.app.tableName, cycleId)).filter((item) => String(item.sk).startsWith('TASK#') && ['open', 'overdue'].includes(String(item.status)));

/** Waits until the step is open for the given execution. */
const openFor = (cycleId: string, stage: string, executionArn: string) =>
  waitFor(`the ${stage} task to be held by ${executionArn}`, async () => {
    const task = await waitForTask(env, cycleId, stage);
    return task.executionArn === executionArn ? task : undefined;
  });

describe('Integration: resuming a cycle in a new execution', () => {
  beforeAll(async () => {
    env = await startTestApp();
    await loadNetwork(env);
  });
  afterAll(async () => {
    await env?.stop();
  });

  it('resume at enrolment leaves the cycle with a running execution and one open task', async () => {
    // Prepare
    const { cycleId, executionArn } = await enrolAndStart(env, 'svc-resume-enrolment', 'resume');
    await waitForTask(env, cycleId, 'self-review');

    // Act
    const resumed = await resume(cycleId, 'enrolment', 'Redrive after a handler fix');
    const task = await openFor(cycleId, 'self-review', resumed.body.executionArn);

    // Assess
    expect(resumed).toMatchObject({ status: 202, body: { result: 'resumed', previousExecutionArn: executionArn } });
    expect(task.executionArn).toBe(resumed.body.executionArn);
    expect(await statusOf(resumed.body.executionArn)).toBe('RUNNING');
    expect((await waitForExecutionEnd(env.sfn, executionArn)).at(-1)?.type).toBe('ExecutionAborted');
    expect(await pendingTasks(cycleId)).toHaveLength(1);
    const state = (await cycleItems(env.table, env.app.tableName, cycleId)).find((item) => item.sk === 'STATE');
    expect(state).toMatchObject({ executionArn: resumed.body.executionArn, previousExecutionArn: executionArn });
  });

  it('resume at committee-decision before a draft report exists is refused naming the missing step, and changes nothing', async () => {
    // Prepare
    const { cycleId, executionArn } = await enrolAndStart(env, 'svc-resume-too-early', 'resume');
    await waitForTask(env, cycleId, 'self-review');
    const before = await cycleItems(env.table, env.app.tableName, cycleId);

    // Act
    const refused = await resume(cycleId, 'committee-decision');

    // Assess
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ error: 'ResumeNotSupported', issues: [{ field: 'resumeAt', message: expect.stringContaining('draft report (report-drafting)') }] });
    expect(await cycleItems(env.table, env.app.tableName, cycleId)).toEqual(before);
    expect(await statusOf(executionArn)).toBe('RUNNING');
    expect(await executionsOf(cycleId)).toHaveLength(1);
  });

  it('resume at an earlier step closes the step the cycle leaves: one open task, no reminders for the old one', async () => {
    // Prepare
    const { cycleId } = await enrolAndStart(env, 'svc-resume-back', 'resume');
    await waitForTask(env, cycleId, 'self-review');
    await submit(env, cycleId, 'self-review', selfReviewBody);
    await waitForTask(env, cycleId, 'peer-review-scheduling');

    // Act
    const resumed = await resume(cycleId, 'self-review', 'Self-review sent against the wrong standards');
    await openFor(cycleId, 'self-review', resumed.body.executionArn);

    // Assess
    expect(resumed.status).toBe(202);
    const pending = await pendingTasks(cycleId);
    expect(pending.map((task) => task.stage)).toEqual(['self-review']);
    const left = (await cycleItems(env.table, env.app.tableName, cycleId)).find((item) => item.sk === 'TASK#peer-review-scheduling');
    expect(left).toMatchObject({ status: 'superseded' });
    expect(left?.gsi2pk).toBeUndefined();
  });

  it('a crash between recording a resume and starting the new execution is healed by the relay: started first, then the old one stopped', async () => {
    // Prepare
    const { cycleId, executionArn } = await enrolAndStart(env, 'svc-resume-crash', 'resume');
    await waitForTask(env, cycleId, 'self-review');
    const { getCycle } = await import('#commons/helpers/records');
    const { recordResumeRequest } = await import('../../functions/http-api/routes/cycle-resume.ts');
    const cycle = await getCycle(cycleId);
    if (!cycle) throw new Error('no cycle');

    // Act: only the transaction runs, as when the API dies straight after it.
    const resume = await recordResumeRequest(cycle, { resumeAt: 'self-review', reason: 'Migrate to a new definition' }, 'staff');
    await openFor(cycleId, 'self-review', resume.executionArn);
    await waitForExecutionEnd(env.sfn, executionArn);

    // Assess
    expect(await statusOf(resume.executionArn)).toBe('RUNNING');
    const handOvers = (await cycleItems(env.table, env.app.tableName, cycleId)).filter((item) => String(item.sk).startsWith('HANDOVER#resume#'));
    const [start, stop] = ['start', 'stop'].map((kind) => handOvers.find((item) => String(item.handOverId).endsWith(`#${kind}`)));
    expect(start).toMatchObject({ status: 'delivered' });
    expect(stop).toMatchObject({ status: 'delivered', after: start?.handOverId });
    expect(await pendingTasks(cycleId)).toHaveLength(1);
  });

  it('identical resume requests, at once and again after the new execution took over, start one execution', async () => {
    // Prepare
    const { cycleId, executionArn } = await enrolAndStart(env, 'svc-resume-twice', 'resume');
    await waitForTask(env, cycleId, 'self-review');

    // Act
    const answers = await Promise.all(Array.from({ length: 5 }, () => resume(cycleId, 'self-review')));
    const newArn = answers.find((answer) => answer.status === 202)?.body.executionArn ?? 'none';
    await openFor(cycleId, 'self-review', newArn);
    // A day later on the cycle's clock, the same request again (a script re-run, a double click that timed out).
    await env.app.stepFunctions.clock.advanceTo(new Date(env.app.stepFunctions.clock.now().getTime() + 86_400_000));
    const retry = await resume(cycleId, 'self-review');

    // Assess
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 200, 200, 200, 202]);
    expect(answers.every((answer) => answer.body.executionArn === newArn)).toBe(true);
    expect(retry).toMatchObject({ status: 200, body: { result: 'already-recorded', executionArn: newArn } });
    expect(await statusOf(newArn)).toBe('RUNNING');
    expect((await executionsOf(cycleId)).map((execution) => execution.executionArn).sort()).toEqual([executionArn, newArn].sort());
    const resumedEvents = (await cycleItems(env.table, env.app.tableName, cycleId)).filter((item) => item.type === 'cycle-resumed');
    expect(resumedEvents).toHaveLength(1);
  });
});
