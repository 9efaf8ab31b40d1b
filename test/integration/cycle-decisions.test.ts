// The whole accreditation cycle end to end on the local runtime (DynamoDB Local, the SES emulator,
// the manual clock): the committee's decisions and what follows them (issue 4, paths 1-4, 9, 10).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cycleItems, enteredStates, expectTerminalState, sesEmails, startTestApp, waitForExecutionEnd } from '../support/local-app.ts';
import type { TestApp } from '../support/local-app.ts';
import { enrolAndStart, loadNetwork, submit, waitForTask, walkToCommittee } from '../support/cycle-walk.ts';

let env: TestApp;

const decide = (cycleId: string, outcome: string, reason: string) => submit(env, cycleId, 'committee-decision', { decidedBy: 'Committee chair', outcome, reason });

describe('Integration: accreditation cycle decisions', () => {
  beforeAll(async () => {
    env = await startTestApp();
    await loadNetwork(env);
  });
  afterAll(async () => {
    await env?.stop();
  });

  it('path 1: accredited on the first attempt, with interim review and renewal dates recorded', async () => {
    // Prepare
    const { cycleId, executionArn, leadEmail } = await enrolAndStart(env, 'svc-first', 'p1');

    // Act
    const allocation = await walkToCommittee(env, cycleId);
    await waitForTask(env, cycleId, 'committee-decision');
    const decided = await decide(cycleId, 'accredited', 'Every threshold met');
    const history = await waitForExecutionEnd(env.sfn, executionArn);

    // Assess
    expect(decided.status).toBe(202);
    expectTerminalState(history, 'Accredited');
    const items = await cycleItems(env.table, env.app.tableName, cycleId);
    const state = items.find((item) => item.sk === 'STATE');
    expect(state).toMatchObject({ status: 'accredited', decision: 'accredited', decisionReason: 'Every threshold met' });
    expect(state?.interimReviewOn).toBeDefined();
    expect(state?.renewalOn).toBeDefined();
    const emails = await sesEmails(env.app);
    const toLead = emails.filter((email) => email.destination.to.includes(leadEmail)).map((email) => email.subject);
    expect(toLead.length).toBeGreaterThan(4);
    const invitations = emails.filter((email) => allocation.team.some((member) => email.destination.to.includes(member.email)));
    expect(invitations.length).toBeGreaterThanOrEqual(allocation.team.length);
    console.log(enteredStates(history).length, history.length, toLead);
  });
});
