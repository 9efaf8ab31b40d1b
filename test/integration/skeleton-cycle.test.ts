// One cycle end to end through the HTTP API a user (or the CLI) calls: the same ASL, handlers and
// table design as on AWS, on DynamoDB Local, the SES emulator and the local Step Functions runtime
// with a manual clock. The other paths of the cycle are in cycle-*.test.ts and operations-*.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  callApi,
  cycleItems,
  enteredStates,
  executionHistory,
  expectTerminalState,
  sesEmails,
  startTestApp,
  waitForExecutionEnd,
} from '../support/local-app.ts';
import type { TestApp } from '../support/local-app.ts';
import { NETWORK, enrolAndStart, loadNetwork, submit, waitForTask, walkToCommittee } from '../support/cycle-walk.ts';

const COHORT = 'cohort-2025';
let env: TestApp;

const decision = { decidedBy: 'Committee chair', outcome: 'accredited', reason: 'All Type 1 standards met; Type 2 at 91%' };

describe('Integration: an accreditation cycle through the HTTP API', () => {
  beforeAll(async () => {
    env = await startTestApp();
  });
  afterAll(async () => {
    await env?.stop();
  });

  it('starts with the example networks seeded (standards and reviewer pool), and an import replaces the pool', async () => {
    // Prepare
    const seeded = await callApi<{ reviewers: { id: string }[] }>(env.app, 'GET', `/networks/${NETWORK}/reviewers`);

    // Act: the tests' own pool is imported, as staff would.
    await loadNetwork(env);
    const imported = await callApi<{ reviewers: { id: string }[] }>(env.app, 'GET', `/networks/${NETWORK}/reviewers`);

    // Assess
    expect(seeded.body.reviewers.map((reviewer) => reviewer.id)).toContain('rev-lead-amara');
    expect(imported.body.reviewers.map((reviewer) => reviewer.id).sort()).toEqual(['expert-a', 'expert-b', 'lead-a', 'lead-b', 'peer-a', 'peer-b']);
  });

  it('walks enrolment, self-review and every stage to the committee decision and Accredited, with emails, state, audit trail and history', async () => {
    // Prepare
    const { cycleId, executionArn, leadEmail } = await enrolAndStart(env, 'svc-accredited', COHORT);

    // Act
    await walkToCommittee(env, cycleId);
    await waitForTask(env, cycleId, 'committee-decision');
    const decided = await submit(env, cycleId, 'committee-decision', decision);
    const history = await waitForExecutionEnd(env.sfn, executionArn);

    // Assess
    expect(decided.status).toBe(202);
    expectTerminalState(history, 'Accredited');
    expect(enteredStates(history)).toEqual(
      expect.arrayContaining(['Enrol', 'OpenSelfReview', 'AllocateReviewTeam', 'DraftReport', 'OpenCommitteeDecision', 'RecordDecision', 'Accredited']),
    );
    const items = await cycleItems(env.table, env.app.tableName, cycleId);
    const state = items.find((item) => item.sk === 'STATE');
    expect(state).toMatchObject({ status: 'accredited', decision: 'accredited', decisionReason: decision.reason, executionArn });
    const auditTypes = items.filter((item) => String(item.sk).startsWith('AUDIT#')).map((item) => item.type);
    expect(auditTypes).toEqual(expect.arrayContaining(['cycle-enrolled', 'task-opened', 'submission-received', 'stage-recorded']));
    const selfReviewDue = (state?.timetable as { stage: string; dueOn: string }[]).find((m) => m.stage === 'self-review')?.dueOn;
    const emails = (await sesEmails(env.app)).filter((email) => email.destination.to.includes(leadEmail));
    const welcome = emails.find((email) => email.subject.includes('has started'));
    expect(welcome?.body.text).toContain(`Self-review: open now, due ${selfReviewDue}`);
    expect(emails.map((email) => email.subject)).toEqual(expect.arrayContaining([expect.stringMatching(/: Accredited$/)]));
    const storedToken = items.find((item) => item.sk === 'TASK#self-review')?.token as string;
    expect(JSON.stringify(await sesEmails(env.app))).not.toContain(storedToken);
  });

  it.each([
    { path: '/services', body: { serviceId: 'svc-x', name: 'X', organisationId: 'o', networkId: NETWORK, membershipType: 'accreditation', leadEmail: 'nope' }, field: 'leadEmail' },
    { path: '/cycles', body: { serviceId: 'svc-x', cohortId: COHORT, startDate: '06/01/2025' }, field: 'startDate' },
    { path: '/cycles', body: { cohortId: COHORT }, field: 'serviceId' },
  ])('answers 400 naming $field for a malformed request to $path', async ({ path, body, field }) => {
    // Act
    const response = await callApi<{ issues: { field: string }[]; message: string }>(env.app, 'POST', path, body);

    // Assess
    expect(response.status).toBe(400);
    expect(response.body.issues.map((issue) => issue.field)).toContain(field);
    expect(response.body.message).toContain(field);
  });

  it('changes nothing for a duplicate callback or a second start of the same cycle', async () => {
    // Prepare
    const { cycleId, executionArn } = await enrolAndStart(env, 'svc-duplicate', COHORT);
    await walkToCommittee(env, cycleId);
    await waitForTask(env, cycleId, 'committee-decision');
    await submit(env, cycleId, 'committee-decision', decision);
    const historyBefore = await waitForExecutionEnd(env.sfn, executionArn);
    const itemsBefore = await cycleItems(env.table, env.app.tableName, cycleId);

    // Act
    const same = await callApi(env.app, 'POST', `/cycles/${cycleId}/tasks/committee-decision`, decision);
    const different = await callApi(env.app, 'POST', `/cycles/${cycleId}/tasks/committee-decision`, { ...decision, outcome: 'deferred' });
    const restarted = await callApi(env.app, 'POST', '/cycles', { serviceId: 'svc-duplicate', cohortId: COHORT, startDate: '2025-01-06' });

    // Assess
    expect(same).toMatchObject({ status: 200, body: { result: 'already-recorded' } });
    expect(different).toMatchObject({ status: 409, body: { error: 'TaskAlreadyCompleted' } });
    expect(restarted).toMatchObject({ status: 409, body: { error: 'CycleAlreadyStarted', executionArn } });
    expect(await cycleItems(env.table, env.app.tableName, cycleId)).toEqual(itemsBefore);
    expect(await executionHistory(env.sfn, executionArn)).toHaveLength(historyBefore.length);
  });
});
