// The whole accreditation cycle end to end on the local runtime (DynamoDB Local, the SES emulator,
// the manual clock): the committee's decisions and what follows them (issue 4, paths 1-4, 9, 10).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi, cycleItems, enteredStates, expectTerminalState, sesEmails, startTestApp, waitForExecutionEnd } from '../support/local-app.ts';
import type { TestApp } from '../support/local-app.ts';
import { advanceBeyond, enrolAndStart, loadNetwork, submit, waitForTask, walkToCommittee } from '../support/cycle-walk.ts';

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
    expect(toLead).toEqual(expect.arrayContaining([expect.stringContaining('Draft report'), expect.stringMatching(/: Accredited$/), expect.stringContaining('interim review')]));
    expect(emails.some((email) => email.subject.startsWith('Committee pack') && email.body.text?.includes('Type 1'))).toBe(true);
    expect(enteredStates(history)).toEqual(expect.arrayContaining(['AllocateReviewTeam', 'OpenReviewerAcceptance', 'AwaitVisitDay', 'DraftReport', 'RecordFactualAccuracy', 'ScheduleFollowUpCycles']));
    const audit = items.filter((item) => String(item.sk).startsWith('AUDIT#')).map((item) => item.type);
    expect(audit).toEqual(expect.arrayContaining(['cycle-enrolled', 'team-allocated', 'invitation-answered', 'draft-report-stored', 'stage-recorded']));
    expect(items.find((item) => item.sk === 'REPORT')).toMatchObject({ recommendation: { outcome: 'accredited' } });
  });

  it('path 2: deferred, evidence sent, then accredited', async () => {
    // Prepare
    const { cycleId, executionArn, leadEmail } = await enrolAndStart(env, 'svc-deferred', 'p2');
    await walkToCommittee(env, cycleId, { notMet: ['1.1'] });
    await waitForTask(env, cycleId, 'committee-decision');

    // Act
    const deferred = await decide(cycleId, 'deferred', 'Standard 1.1 (Type 1) not met');
    await waitForTask(env, cycleId, 'deferral-evidence');
    const evidence = await submit(env, cycleId, 'deferral-evidence', { submittedBy: 'Service lead', summary: 'Risk assessments audited', evidence: [{ standardId: '1.1', note: 'Audit of 20 admissions' }] });
    const firstPack = await waitForTask(env, cycleId, 'committee-decision');
    const accredited = await decide(cycleId, 'accredited', 'Evidence shows 1.1 is now met');
    const history = await waitForExecutionEnd(env.sfn, executionArn);

    // Assess
    expect([deferred.status, evidence.status, accredited.status]).toEqual([202, 202, 202]);
    expect(firstPack.status).toBe('open');
    expectTerminalState(history, 'Accredited');
    expect(enteredStates(history).filter((state) => state === 'OpenCommitteeDecision')).toHaveLength(2);
    const state = (await cycleItems(env.table, env.app.tableName, cycleId)).find((item) => item.sk === 'STATE');
    expect(state).toMatchObject({ status: 'accredited', deferrals: 1, decisionReason: 'Evidence shows 1.1 is now met' });
    const subjects = (await sesEmails(env.app)).filter((email) => email.destination.to.includes(leadEmail)).map((email) => email.subject);
    expect(subjects).toEqual(expect.arrayContaining([expect.stringContaining('accreditation deferred, evidence due'), expect.stringMatching(/: Accreditation deferred$/), expect.stringMatching(/: Accredited$/)]));
    const packs = (await sesEmails(env.app)).filter((email) => email.subject.startsWith('Committee pack: Service svc-deferred'));
    expect(packs).toHaveLength(2);
    expect(packs[0].subject).toContain('Accreditation deferred');
  });

  it('path 3: deferred, evidence never sent: not accredited, and the appeal window passes unused', async () => {
    // Prepare
    const { cycleId, executionArn } = await enrolAndStart(env, 'svc-no-evidence', 'p3');
    await walkToCommittee(env, cycleId, { notMet: ['1.1'] });
    await waitForTask(env, cycleId, 'committee-decision');
    await decide(cycleId, 'deferred', 'Standard 1.1 (Type 1) not met');
    const window = await waitForTask(env, cycleId, 'deferral-evidence');

    // Act
    await advanceBeyond(env, window.dueAt);
    const appeal = await waitForTask(env, cycleId, 'appeal');
    await advanceBeyond(env, appeal.dueAt);
    const history = await waitForExecutionEnd(env.sfn, executionArn);

    // Assess
    expectTerminalState(history, 'NotAccredited');
    expect(enteredStates(history)).toEqual(expect.arrayContaining(['DeferralEvidenceTimedOut', 'RecordEvidenceMissing', 'OpenAppeal', 'AppealTimedOut', 'RecordAppealWindowClosed']));
    const items = await cycleItems(env.table, env.app.tableName, cycleId);
    expect(items.find((item) => item.sk === 'STATE')).toMatchObject({ status: 'not-accredited', decision: 'not-accredited', stage: 'closed' });
    expect(items.find((item) => item.sk === 'TASK#deferral-evidence')).toMatchObject({ status: 'timed-out' });
    expect(items.find((item) => item.sk === 'TASK#appeal')).toMatchObject({ status: 'timed-out' });
    const emails = (await sesEmails(env.app)).filter((email) => email.subject.startsWith('Service svc-no-evidence'));
    expect(emails.map((email) => email.subject)).toEqual(expect.arrayContaining([expect.stringMatching(/: Not accredited$/), expect.stringContaining('you may appeal until')]));
  });

  it('path 4: not accredited, appeal lodged within the window, decided again by the committee', async () => {
    // Prepare
    const { cycleId, executionArn } = await enrolAndStart(env, 'svc-appeal', 'p4');
    await walkToCommittee(env, cycleId, { notMet: ['1.1', '1.2', '2.1', '2.2', '2.3', '3.1', '3.2'] });
    await waitForTask(env, cycleId, 'committee-decision');
    await decide(cycleId, 'not-accredited', 'Seven standards unmet, two of them Type 1');

    // Act
    await waitForTask(env, cycleId, 'appeal');
    const lodged = await submit(env, cycleId, 'appeal', { lodgedBy: 'Service lead', grounds: 'Ratings of 1.1 and 1.2 overlooked the evidence sent' });
    await waitForTask(env, cycleId, 'committee-decision');
    const upheld = await decide(cycleId, 'not-accredited', 'Appeal considered; the decision stands');
    const history = await waitForExecutionEnd(env.sfn, executionArn);

    // Assess
    expect(lodged.status).toBe(202);
    expect(upheld.status).toBe(202);
    expectTerminalState(history, 'NotAccredited');
    expect(enteredStates(history).filter((state) => state === 'OpenAppeal')).toHaveLength(1);
    const items = await cycleItems(env.table, env.app.tableName, cycleId);
    expect(items.find((item) => item.sk === 'STATE')).toMatchObject({ status: 'not-accredited', appeals: 1, decisionReason: 'Appeal considered; the decision stands' });
    expect(items.find((item) => item.sk === 'TASK#appeal')).toMatchObject({ status: 'submitted', submittedBy: 'Service lead' });
    const outcomes = (await sesEmails(env.app)).filter((email) => email.subject === 'Service svc-appeal: Not accredited');
    expect(outcomes).toHaveLength(2);
  });

  it('path 9: the factual-accuracy check unanswered is accepted at its deadline, and recorded as such', async () => {
    // Prepare
    const { cycleId, executionArn } = await enrolAndStart(env, 'svc-silent', 'p9');

    // Act
    await walkToCommittee(env, cycleId, { answerFactualAccuracy: false });
    await waitForTask(env, cycleId, 'committee-decision');
    await decide(cycleId, 'accredited', 'Every threshold met');
    const history = await waitForExecutionEnd(env.sfn, executionArn);

    // Assess
    expectTerminalState(history, 'Accredited');
    expect(enteredStates(history)).toEqual(expect.arrayContaining(['FactualAccuracyTimedOut', 'RecordFactualAccuracyDeemedAccepted']));
    expect(enteredStates(history)).not.toContain('RecordFactualAccuracy');
    const items = await cycleItems(env.table, env.app.tableName, cycleId);
    expect(items.find((item) => item.sk === 'STATE')?.factualAccuracy).toMatchObject({ outcome: 'deemed-accepted' });
    expect(items.find((item) => item.sk === 'TASK#factual-accuracy')).toMatchObject({ status: 'timed-out' });
    expect(items.some((item) => item.type === 'stage-recorded' && (item.detail as { outcome: string }).outcome === 'factual-accuracy-deemed-accepted')).toBe(true);
    const late = await submit(env, cycleId, 'factual-accuracy', { respondedBy: 'Service lead', accepted: true });
    expect(late).toMatchObject({ status: 409, body: { error: 'TaskTimedOut' } });
  });

  it('path 10: a developmental member gets the report and no committee decision', async () => {
    // Prepare
    const { cycleId, executionArn, leadEmail } = await enrolAndStart(env, 'svc-developmental', 'p10', { membershipType: 'developmental' });

    // Act
    await walkToCommittee(env, cycleId);
    const history = await waitForExecutionEnd(env.sfn, executionArn);
    const report = await callApi<{ report: { recommendation: { outcome: unknown }; text: string } }>(env.app, 'GET', `/cycles/${cycleId}/report`);

    // Assess
    expectTerminalState(history, 'ReportIssued');
    expect(enteredStates(history)).not.toContain('OpenCommitteeDecision');
    expect(report.body.report.recommendation.outcome).toBeNull();
    expect(report.body.report.text).toContain('Service svc-developmental');
    const items = await cycleItems(env.table, env.app.tableName, cycleId);
    expect(items.find((item) => item.sk === 'STATE')).toMatchObject({ status: 'report-issued' });
    expect(items.some((item) => item.sk === 'TASK#committee-decision')).toBe(false);
    const emails = await sesEmails(env.app);
    expect(emails.some((email) => email.subject.startsWith('Committee pack: Service svc-developmental'))).toBe(false);
    expect(emails.filter((email) => email.destination.to.includes(leadEmail)).map((email) => email.subject)).toEqual(
      expect.arrayContaining([expect.stringContaining('Draft report'), expect.stringContaining('Peer-review report issued')]),
    );
  });
});
