// The walking skeleton end to end, through the HTTP API a user (or the CLI) calls: the same ASL,
// handlers and table design as on AWS, on DynamoDB Local, the SES emulator and the local Step
// Functions runtime with a manual clock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  callApi,
  cycleItems,
  enteredStates,
  executionHistory,
  expectTerminalState,
  sesEmails,
  startTestApp,
  waitFor,
  waitForExecutionEnd,
} from '../support/local-app.ts';
import type { TestApp } from '../support/local-app.ts';

const NETWORK = 'ccqi-accreditation-example';
const COHORT = 'cohort-2025';
let env: TestApp;

const enrolAndStart = async (serviceId: string, membershipType = 'accreditation') => {
  const leadEmail = `lead@${serviceId}.example.org`;
  const enrolled = await callApi(env.app, 'POST', '/services', {
    serviceId,
    name: `Service ${serviceId}`,
    organisationId: `org-${serviceId}`,
    networkId: NETWORK,
    membershipType,
    leadEmail,
  });
  expect(enrolled.status).toBe(201);
  const started = await callApi<{ cycleId: string; executionArn: string }>(env.app, 'POST', '/cycles', { serviceId, cohortId: COHORT });
  expect(started.status).toBe(202);
  return { ...started.body, leadEmail };
};

const openTask = (cycleId: string, stage: string) =>
  waitFor(`the ${stage} task of ${cycleId} to open`, async () => {
    const response = await callApi<{ task: { status: string } }>(env.app, 'GET', `/cycles/${cycleId}/tasks/${stage}`);
    return response.status === 200 && response.body.task.status === 'open' ? response.body.task : undefined;
  });

const selfReview = { submittedBy: 'Service lead', summary: 'All standards reviewed', ratings: { 'S1.1': 'met' } };
const decision = { decidedBy: 'Committee chair', outcome: 'accredited', reason: 'All Type 1 standards met; Type 2 at 91%' };

describe('Integration: skeleton accreditation cycle', () => {
  beforeAll(async () => {
    env = await startTestApp();
  });
  afterAll(async () => {
    await env?.stop();
  });

  it('walks enrolment, self-review and the committee decision to Accredited, with emails, state, audit trail and history', async () => {
    // Prepare
    const { cycleId, executionArn, leadEmail } = await enrolAndStart('svc-accredited');

    // Act
    await openTask(cycleId, 'self-review');
    const submitted = await callApi(env.app, 'POST', `/cycles/${cycleId}/tasks/self-review`, selfReview);
    await openTask(cycleId, 'committee-decision');
    const decided = await callApi(env.app, 'POST', `/cycles/${cycleId}/tasks/committee-decision`, decision);
    const history = await waitForExecutionEnd(env.sfn, executionArn);

    // Assess
    expect(submitted.status).toBe(202);
    expect(decided.status).toBe(202);
    expectTerminalState(history, 'Accredited');
    expect(enteredStates(history)).toEqual([
      'RouteByResumeAt',
      'Enrol',
      'OpenSelfReview',
      'RecordSelfReview',
      'RouteByMembership',
      'OpenCommitteeDecision',
      'RecordDecision',
      'RouteByDecision',
      'Accredited',
    ]);
    const items = await cycleItems(env.table, env.app.tableName, cycleId);
    const state = items.find((item) => item.sk === 'STATE');
    expect(state).toMatchObject({ status: 'accredited', decision: 'accredited', decisionReason: decision.reason, executionArn });
    const auditTypes = items.filter((item) => String(item.sk).startsWith('AUDIT#')).map((item) => item.type);
    expect(auditTypes.sort()).toEqual(
      ['cycle-enrolled', 'task-opened', 'task-opened', 'submission-received', 'submission-received', 'stage-recorded', 'stage-recorded'].sort(),
    );
    const selfReviewDue = (state?.timetable as { stage: string; dueOn: string }[]).find((m) => m.stage === 'self-review')?.dueOn;
    const emails = (await sesEmails(env.app)).filter((email) => email.destination.to.includes(leadEmail));
    const welcome = emails.find((email) => email.subject.startsWith('Welcome'));
    expect(welcome?.body.text).toContain(`Self-review: opens`);
    expect(welcome?.body.text).toContain(`due ${selfReviewDue}`);
    expect(emails.map((email) => email.subject)).toEqual(expect.arrayContaining([expect.stringContaining('outcome (accredited)')]));
    const storedToken = items.find((item) => item.sk === 'TASK#self-review')?.token as string;
    expect(JSON.stringify(emails)).not.toContain(storedToken);
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
    const { cycleId, executionArn } = await enrolAndStart('svc-duplicate');
    await openTask(cycleId, 'self-review');
    await callApi(env.app, 'POST', `/cycles/${cycleId}/tasks/self-review`, selfReview);
    await openTask(cycleId, 'committee-decision');
    await callApi(env.app, 'POST', `/cycles/${cycleId}/tasks/committee-decision`, decision);
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

  it('closes a missed self-review at its deadline on the manual clock and refuses the late submission', async () => {
    // Prepare
    const { cycleId, executionArn } = await enrolAndStart('svc-overdue');
    const task = await openTask(cycleId, 'self-review');
    const dueAt = Date.parse((task as unknown as { dueAt: string }).dueAt);

    // Act
    await env.app.stepFunctions.clock.advanceTo(new Date(dueAt + 1_000));
    const history = await waitForExecutionEnd(env.sfn, executionArn);
    const late = await callApi(env.app, 'POST', `/cycles/${cycleId}/tasks/self-review`, selfReview);

    // Assess
    expectTerminalState(history, 'SelfReviewOverdue');
    expect(late).toMatchObject({ status: 409, body: { error: 'TaskTimedOut' } });
    const items = await cycleItems(env.table, env.app.tableName, cycleId);
    expect(items.find((item) => item.sk === 'STATE')).toMatchObject({ status: 'overdue' });
    expect(items.find((item) => item.sk === 'TASK#self-review')).toMatchObject({ status: 'timed-out' });
    expect(items.some((item) => item.type === 'submission-received')).toBe(false);
  });

  it('gives a developmental member a report and no committee decision', async () => {
    // Prepare
    const { cycleId, executionArn } = await enrolAndStart('svc-developmental', 'developmental');
    await openTask(cycleId, 'self-review');

    // Act
    await callApi(env.app, 'POST', `/cycles/${cycleId}/tasks/self-review`, selfReview);
    const history = await waitForExecutionEnd(env.sfn, executionArn);

    // Assess
    expectTerminalState(history, 'ReportIssued');
    expect(enteredStates(history)).not.toContain('OpenCommitteeDecision');
    const items = await cycleItems(env.table, env.app.tableName, cycleId);
    expect(items.find((item) => item.sk === 'STATE')).toMatchObject({ status: 'report-issued' });
  });

  it('stops the running execution and continues at the committee decision in a new one', async () => {
    // Prepare
    const { cycleId, executionArn: firstArn } = await enrolAndStart('svc-resumed');
    await openTask(cycleId, 'self-review');
    await callApi(env.app, 'POST', `/cycles/${cycleId}/tasks/self-review`, selfReview);
    await openTask(cycleId, 'committee-decision');

    // Act
    const resumed = await callApi<{ executionArn: string }>(env.app, 'POST', `/cycles/${cycleId}/resume`, {
      resumeAt: 'committee-decision',
      reason: 'Moved to the new definition version',
    });
    const secondArn = resumed.body.executionArn;
    await waitFor('the new execution to hold the decision task', async () => {
      const { body } = await callApi<{ task: { executionArn: string; status: string } }>(env.app, 'GET', `/cycles/${cycleId}/tasks/committee-decision`);
      return body.task.executionArn === secondArn && body.task.status === 'open' ? true : undefined;
    });
    const decided = await callApi(env.app, 'POST', `/cycles/${cycleId}/tasks/committee-decision`, decision);
    const firstHistory = await waitForExecutionEnd(env.sfn, firstArn);
    const secondHistory = await waitForExecutionEnd(env.sfn, secondArn);

    // Assess
    expect(resumed.status).toBe(202);
    expect(decided.status).toBe(202);
    expect(firstHistory.at(-1)?.type).toBe('ExecutionAborted');
    expectTerminalState(secondHistory, 'Accredited');
    expect(enteredStates(secondHistory).slice(0, 5)).toEqual(['RouteByResumeAt', 'ResumeCycle', 'RouteToResumedStage', 'RouteByMembership', 'OpenCommitteeDecision']);
    const items = await cycleItems(env.table, env.app.tableName, cycleId);
    expect(items.find((item) => item.sk === 'STATE')).toMatchObject({ executionArn: secondArn, previousExecutionArn: firstArn, status: 'accredited' });
    expect(items.filter((item) => item.type === 'cycle-resumed')).toHaveLength(1);
    expect(items.filter((item) => item.type === 'cycle-enrolled')).toHaveLength(1);
  });
});
