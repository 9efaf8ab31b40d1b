// Issue 9 on the local stack: the host's date offer kept inside the visit window (the same core
// rule the web app runs), and the service's factual-accuracy corrections per section of the report:
// stored on the report as the corrected report with its audit event before the committee's step
// opens, and emailed to the lead reviewer. The body before issue 9 (one text) still works.
import { addWorkingDays } from '#core/calendar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cycleItems, sesEmails, startTestApp } from '../support/local-app.ts';
import type { TestApp } from '../support/local-app.ts';
import { acceptAll, advanceBeyond, enrolAndStart, loadNetwork, offeredDates, peerRatingsBody, selfReviewBody, submit, waitForTask } from '../support/cycle-walk.ts';
import { callApiAs } from '../support/operations.ts';

let env: TestApp;

const asService = (serviceId: string) => `service:org-${serviceId}` as const;

/** A cycle whose factual-accuracy check is open; its lead reviewer's address. */
const cycleAtFactualAccuracy = async (serviceId: string) => {
  const { cycleId } = await enrolAndStart(env, serviceId, 'fa');
  await waitForTask(env, cycleId, 'self-review');
  expect((await submit(env, cycleId, 'self-review', selfReviewBody)).status).toBe(202);
  await waitForTask(env, cycleId, 'peer-review-scheduling');
  expect((await submit(env, cycleId, 'peer-review-scheduling', { offeredBy: 'Service lead', dates: offeredDates(env) })).status).toBe(202);
  await waitForTask(env, cycleId, 'reviewer-acceptance');
  const allocation = await acceptAll(env, cycleId);
  const visit = await waitForTask(env, cycleId, 'visit');
  await advanceBeyond(env, visit.dueAt);
  await waitForTask(env, cycleId, 'peer-ratings');
  expect((await submit(env, cycleId, 'peer-ratings', peerRatingsBody(['1.1']))).status).toBe(202);
  await waitForTask(env, cycleId, 'factual-accuracy');
  const lead = allocation.team.find((member) => member.role === 'lead');
  return { cycleId, leadEmail: lead?.email ?? '' };
};

const reportOf = async (cycleId: string) => (await cycleItems(env.table, env.app.tableName, cycleId)).find((item) => item.sk === 'REPORT');

describe('Integration: date offers and factual-accuracy corrections (issue 9)', () => {
  beforeAll(async () => {
    env = await startTestApp();
    await loadNetwork(env);
  });
  afterAll(async () => {
    await env?.stop();
  });

  it('shows the service its visit window and refuses a date after it, naming the date', async () => {
    // Prepare
    const { cycleId } = await enrolAndStart(env, 'svc-window', 'fa');
    await waitForTask(env, cycleId, 'self-review');
    expect((await submit(env, cycleId, 'self-review', selfReviewBody)).status).toBe(202);
    await waitForTask(env, cycleId, 'peer-review-scheduling');

    // Act
    const window = await callApiAs<{ today: string; window: { opensOn: string; closesOn: string } }>(env.app, asService('svc-window'), 'GET', `/cycles/${cycleId}/visit-window`);
    const [first, second] = offeredDates(env);
    const late = addWorkingDays(window.body.window.closesOn, 1);
    const refused = await callApiAs<{ issues: { field: string; message: string }[] }>(env.app, asService('svc-window'), 'POST', `/cycles/${cycleId}/tasks/peer-review-scheduling`, {
      offeredBy: 'Ward manager',
      dates: [first, second, late],
    });

    // Assess
    expect(window.status).toBe(200);
    expect(window.body.window.opensOn < window.body.window.closesOn).toBe(true);
    expect(refused.status).toBe(400);
    expect(refused.body.issues).toEqual([{ field: 'dates.2', message: `${late} is after the visit window ends (${window.body.window.closesOn})` }]);
  });

  it('stores corrections per section on the corrected report before the committee step, and emails them to the lead reviewer', async () => {
    // Prepare
    const { cycleId, leadEmail } = await cycleAtFactualAccuracy('svc-corrects');
    const service = asService('svc-corrects');
    const draft = await callApiAs<{ report: { html: string } }>(env.app, service, 'GET', `/cycles/${cycleId}/report`);
    const corrections = [
      { section: 'unmet-standards', text: 'Standard 1.1: the ligature audit was done in March; the record was shown on the day.' },
      { section: 'summary', text: 'The unit has 12 beds, not 14.' },
    ];

    // Act
    const unknown = await callApiAs<{ issues: { field: string }[] }>(env.app, service, 'POST', `/cycles/${cycleId}/tasks/factual-accuracy`, {
      respondedBy: 'Ward manager',
      accepted: false,
      corrections: [{ section: 'foreword', text: 'x' }],
    });
    const twice = await callApiAs<{ message: string }>(env.app, service, 'POST', `/cycles/${cycleId}/tasks/factual-accuracy`, {
      respondedBy: 'Ward manager',
      accepted: false,
      corrections: [corrections[1], corrections[1]],
    });
    const sent = await callApiAs(env.app, service, 'POST', `/cycles/${cycleId}/tasks/factual-accuracy`, { respondedBy: 'Ward manager', accepted: false, corrections });
    await waitForTask(env, cycleId, 'committee-decision');

    // Assess
    expect(draft.status).toBe(200);
    expect(draft.body.report.html).not.toContain('Corrections of fact');
    expect(unknown.status).toBe(400);
    expect(unknown.body.issues.map((issue) => issue.field)).toEqual(['corrections.0.section']);
    expect(twice.status).toBe(400);
    expect(twice.body.message).toContain('each section may be corrected once');
    expect(sent.status).toBe(202);
    const report = await reportOf(cycleId);
    expect(report).toMatchObject({
      version: 'report-corrected',
      corrections: [corrections[1], corrections[0]],
      factualAccuracy: { outcome: 'corrections', respondedBy: 'Ward manager' },
    });
    expect(report?.html).toContain('<h2>Corrections of fact</h2>');
    expect(report?.text).toContain('The unit has 12 beds, not 14.');
    const items = await cycleItems(env.table, env.app.tableName, cycleId);
    const audit = items.filter((item) => String(item.sk).startsWith('AUDIT#')).sort((a, b) => Number(a.sequence ?? 0) - Number(b.sequence ?? 0) || String(a.sk).localeCompare(String(b.sk)));
    const corrected = audit.findIndex((item) => item.type === 'report-corrected');
    const committeeOpened = audit.findIndex((item) => item.type === 'task-opened' && (item.detail as { stage?: string }).stage === 'committee-decision');
    expect(corrected).toBeGreaterThan(-1);
    expect(committeeOpened).toBeGreaterThan(corrected);
    expect(audit[corrected]?.detail).toMatchObject({ version: 'report-corrected', sections: ['summary', 'unmet-standards'] });
    const toLead = (await sesEmails(env.app)).filter((email) => email.destination.to.includes(leadEmail) && email.subject.includes('corrections to the draft report'));
    expect(toLead).toHaveLength(1);
    expect(toLead[0]?.body.text).toContain('Unmet standards:\nStandard 1.1: the ligature audit was done in March');
    expect(toLead[0]?.body.html).toContain('The unit has 12 beds, not 14.');
  });

  it('takes the body before issue 9 (one text) as one correction of the whole report', async () => {
    // Prepare
    const { cycleId } = await cycleAtFactualAccuracy('svc-old-body');

    // Act
    const sent = await callApiAs(env.app, asService('svc-old-body'), 'POST', `/cycles/${cycleId}/tasks/factual-accuracy`, {
      respondedBy: 'Ward manager',
      accepted: false,
      corrections: 'The visit was on a Tuesday.',
    });
    await waitForTask(env, cycleId, 'committee-decision');

    // Assess
    expect(sent.status).toBe(202);
    expect(await reportOf(cycleId)).toMatchObject({ version: 'report-corrected', corrections: [{ section: 'whole-report', text: 'The visit was on a Tuesday.' }] });
  });
});
