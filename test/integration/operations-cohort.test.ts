// Path 12 of issue 4 (a cohort of 50 launched twice: exactly 50 executions), the API's
// authorisation by role, organisation and allocation (issue 5), and the follow-up cycles booked
// after Accredited (one-off schedules in the local EventBridge Scheduler that start the interim
// review on the manual clock).
import { GetScheduleCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { buildProgram } from '../../cli/program.ts';
import { loadEmailTemplates } from '../../emails/templates.ts';
import { allocationKey } from '#commons/helpers/table-keys';
import { DescribeExecutionCommand } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, addMonths } from '#core/iso-date';
import { startOfUkDay } from '#core/uk-time';
import { lambdaContext } from '../../local/lambda-context.ts';
import { startTestApp, waitFor } from '../support/local-app.ts';
import type { TestApp } from '../support/local-app.ts';
import { NETWORK, loadNetwork, today, waitForTask } from '../support/cycle-walk.ts';
import { allExecutions, callApiAs, emailsTo, enrolServices } from '../support/operations.ts';

let env: TestApp;

/** Runs the accredit CLI against this app, returning what it printed. */
const cli = async (...args: string[]): Promise<string> => {
  const out: string[] = [];
  const program = buildProgram({ out: (text) => out.push(text), err: (text) => out.push(text) });
  try {
    await program.parseAsync(['node', 'accredit', '--api', env.app.urls.api, '--sfn', env.app.urls.stepFunctions, '--ses', env.app.urls.ses, ...args]);
  } finally {
    delete process.env.ACCREDIT_AS;
  }
  return out.join('\n');
};
const COHORT = 'cohort-50';
const serviceIds = Array.from({ length: 50 }, (_unused, index) => `svc-${String(index + 1).padStart(2, '0')}`);

interface LaunchBody {
  counts: Record<string, number>;
  services: { serviceId: string; cycleId: string; result: string; executionStatus?: string }[];
}

describe('Integration: cohort launch, authorisation, follow-up cycles', () => {
  beforeAll(async () => {
    env = await startTestApp();
    await loadNetwork(env);
    await enrolServices(env.app, NETWORK, serviceIds);
  }, 120_000);

  afterAll(async () => {
    await env?.stop();
  });

  it('path 12: launching a cohort of 50 twice starts exactly 50 executions and reports the second time as already started', async () => {
    // Act
    const first = await callApiAs<LaunchBody>(env.app, 'staff', 'POST', `/cohorts/${COHORT}/launch`, { serviceIds });
    const second = await callApiAs<LaunchBody>(env.app, 'staff', 'POST', `/cohorts/${COHORT}/launch`, { serviceIds });
    // Assess
    expect(first.status).toBe(200);
    expect(first.body.counts).toMatchObject({ started: 50, 'already-started': 0, failed: 0 });
    expect(second.status).toBe(200);
    expect(second.body.counts).toMatchObject({ started: 0, 'already-started': 50, failed: 0 });
    expect(second.body.services.every((service) => service.executionStatus === 'RUNNING')).toBe(true);
    const executions = await allExecutions(env.sfn, env.app.stateMachineArn);
    const cohortExecutions = executions.filter((execution) => execution.name?.startsWith(`${COHORT}--`));
    expect(cohortExecutions).toHaveLength(50);
    expect(new Set(cohortExecutions.map((execution) => execution.name))).toEqual(new Set(serviceIds.map((id) => `${COHORT}--${id}`)));
  });

  it('launches every service of a network when no list is given, and reports unknown services per service (207)', async () => {
    // Act
    const byNetwork = await callApiAs<LaunchBody>(env.app, 'staff', 'POST', `/cohorts/${COHORT}/launch`, { networkId: NETWORK });
    const withStranger = await callApiAs<LaunchBody>(env.app, 'staff', 'POST', `/cohorts/${COHORT}/launch`, { serviceIds: ['svc-01', 'nobody'] });
    // Assess
    expect(byNetwork.body.counts).toMatchObject({ started: 0, 'already-started': 50 });
    expect(withStranger.status).toBe(207);
    expect(withStranger.body.services.map((service) => [service.serviceId, service.result])).toEqual([
      ['svc-01', 'already-started'],
      ['nobody', 'service-not-found'],
    ]);
  });

  it.each([
    ['a service user launching a cohort', 'service:org-svc-01', 'POST', `/cohorts/${COHORT}/launch`, { serviceIds: ['svc-01'] }, /Requires group staff/],
    ['a service user reading another organisation\'s cycle', 'service:org-svc-01', 'GET', `/cycles/${COHORT}--svc-02`, undefined, /does not belong to organisation org-svc-01/],
    ['a service user without an organisation', 'service', 'GET', `/cycles/${COHORT}--svc-01`, undefined, /custom:organisationId/],
    ['a service user deciding for the committee', 'service:org-svc-01', 'POST', `/cycles/${COHORT}--svc-01/tasks/committee-decision`, { decidedBy: 'x', outcome: 'accredited', reason: 'x' }, /Requires group staff or committee/],
    ['a reviewer not allocated to the cycle', 'reviewer:org-lead-a:lead-a', 'GET', `/cycles/${COHORT}--svc-01`, undefined, /not allocated to cycle/],
    ['someone in no known group', 'visitor', 'GET', '/networks', undefined, /no group/],
    ['a committee member enrolling a service', 'committee', 'POST', '/services', {}, /Requires group staff/],
  ])('refuses %s with 403 naming what is missing', async (_label, user, method, path, body, message) => {
    // Act
    const response = await callApiAs<{ error: string; message: string; missing: unknown }>(env.app, user, method, path, body);
    // Assess
    expect(response.status).toBe(403);
    expect(response.body.error).toBe('Forbidden');
    expect(response.body.message).toMatch(message);
    expect(response.body.missing).toBeDefined();
  });

  it('lets a service read and act on its own cycle, the committee read any, and narrows the list to what the caller may see', async () => {
    // Prepare
    await waitForTask(env, `${COHORT}--svc-01`, 'self-review');
    // Act
    const own = await callApiAs(env.app, 'service:org-svc-01', 'GET', `/cycles/${COHORT}--svc-01`);
    const task = await callApiAs(env.app, 'service:org-svc-01', 'GET', `/cycles/${COHORT}--svc-01/tasks/self-review`);
    const committee = await callApiAs(env.app, 'committee', 'GET', `/cycles/${COHORT}--svc-02`);
    const serviceList = await callApiAs<{ cycles: { cycleId: string }[] }>(env.app, 'service:org-svc-01', 'GET', `/cycles?networkId=${NETWORK}`);
    const staffList = await callApiAs<{ cycles: { cycleId: string }[] }>(env.app, 'staff', 'GET', `/cycles?networkId=${NETWORK}`);
    const reviewerList = await callApiAs<{ cycles: unknown[] }>(env.app, 'reviewer:org-lead-a:lead-a', 'GET', `/cycles?networkId=${NETWORK}`);
    // Assess
    expect([own.status, task.status, committee.status]).toEqual([200, 200, 200]);
    expect(serviceList.body.cycles.map((cycle) => cycle.cycleId)).toEqual([`${COHORT}--svc-01`]);
    expect(staffList.body.cycles.length).toBeGreaterThanOrEqual(50);
    expect(reviewerList.body.cycles).toEqual([]);
  });

  it('lets a reviewer read the cycles they are allocated to, and only those', async () => {
    // Prepare: the review team as the allocation step records it.
    await env.table.send(
      new PutCommand({
        TableName: env.app.tableName,
        Item: { ...allocationKey(`${COHORT}--svc-04`), itemType: 'allocation', cycleId: `${COHORT}--svc-04`, team: [{ reviewerId: 'peer-b', role: 'professional' }] },
      }),
    );
    // Act
    const allocated = await callApiAs(env.app, 'reviewer:org-peer-b:peer-b', 'GET', `/cycles/${COHORT}--svc-04`);
    const other = await callApiAs(env.app, 'reviewer:org-peer-b:peer-b', 'GET', `/cycles/${COHORT}--svc-05`);
    const listed = await callApiAs<{ cycles: { cycleId: string }[] }>(env.app, 'reviewer:org-peer-b:peer-b', 'GET', `/cycles?networkId=${NETWORK}`);
    // Assess
    expect([allocated.status, other.status]).toEqual([200, 403]);
    expect(listed.body.cycles.map((cycle) => cycle.cycleId)).toEqual([`${COHORT}--svc-04`]);
  });

  it('the CLI launches a cohort (idempotently) and acts as another role with --as', async () => {
    // Act
    const launched = await cli('cohort', 'launch', COHORT, '--services', 'svc-01,svc-02');
    const refused = cli('--as', 'service:org-svc-01', 'cohort', 'launch', COHORT, '--services', 'svc-01');
    // Assess
    expect(launched).toMatch(/svc-01\s+already-started\s+RUNNING/);
    expect(launched).toContain('2 already-started');
    await expect(refused).rejects.toThrow(/403 Forbidden: Requires group staff/);
  });

  it.each(loadEmailTemplates().map((template) => template.TemplateName))('accredit emails preview %s renders its HTML and text parts', async (name) => {
    // Act
    const rendered = await cli('emails', 'preview', name);
    // Assess
    expect(rendered).toMatch(/Content-Type: text\/plain/i);
    expect(rendered).toMatch(/Content-Type: text\/html/i);
    expect(rendered).not.toContain('{{');
  });

  it('sends a templated email with the .ics invite attached (SESv2 Template.Attachments), escaped in HTML, verbatim in text', async () => {
    // Prepare
    const { sendTemplatedEmail, EmailTemplate } = await import('../../functions/commons/helpers/emails.ts');
    const { buildVisitInvitation } = await import('#core/visit-invitation');
    const { loadSampleData } = await import('../../emails/templates.ts');
    const invite = buildVisitInvitation({
      cycleId: `${COHORT}--svc-06`,
      serviceName: 'Ward <6> & Rehab',
      visitDate: '2025-06-10',
      reviewers: [{ name: 'Sam Peer', email: 'sam@reviewers.example.org' }],
      organiser: { name: 'Network office', email: 'network@example.org' },
    });
    // Act
    const messageId = await sendTemplatedEmail({
      to: ['sam@reviewers.example.org'],
      template: EmailTemplate.reviewInvitation,
      data: { ...loadSampleData('ReviewInvitation'), serviceName: 'Ward <6> & Rehab' },
      attachments: [invite],
    });
    const store = (await (await fetch(env.app.urls.sesStore)).json()) as {
      emails: { messageId: string; body: { html: string; text: string }; attachments: { filename: string; contentType: string; content: string }[] }[];
    };
    // Assess
    const sent = store.emails.find((email) => email.messageId === messageId);
    expect(sent?.attachments.map((attachment) => [attachment.filename, attachment.contentType])).toEqual([['visit-invitation.ics', 'text/calendar']]);
    expect(Buffer.from(sent?.attachments[0].content ?? '', 'base64').toString('utf8')).toBe(invite.content);
    expect(sent?.body.html).toContain('Ward &lt;6&gt; &amp; Rehab');
    expect(sent?.body.text).toContain('Ward <6> & Rehab');
  });

  it('books the interim review and renewal once, tells the service once, and starts the interim review on its morning', async () => {
    // Prepare: accredited 18 months before the day after tomorrow, so the interim review starts then.
    const cycleId = `${COHORT}--svc-03`;
    const interimStart = addDays(today(env), 2);
    const accreditedOn = addMonths(interimStart, -18);
    const { handler } = await import('../../functions/schedule-cycle-starts/handler.ts');
    const event = { cycleId, accreditedOn, stateMachineArn: env.app.stateMachineArn };
    const scheduler = new SchedulerClient({ endpoint: env.app.urls.scheduler, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    // Act
    const first = (await handler(event, lambdaContext('schedule-cycle-starts'))) as { starts: { cycleId: string; scheduleName: string; created: boolean; startDate: string }[]; notified: boolean };
    const retried = (await handler(event, lambdaContext('schedule-cycle-starts'))) as typeof first;
    const interim = first.starts[0];
    const schedule = await scheduler.send(new GetScheduleCommand({ Name: interim.scheduleName, GroupName: 'accredit-local-cycle-starts' }));
    await env.app.stepFunctions.clock.advanceTo(new Date(Date.parse(startOfUkDay(interimStart)) + 10 * 3_600_000));
    // The templated Step Functions target cannot name the execution: find it by the cycle id in its input.
    const started = await waitFor('the interim review execution', async () => {
      for (const execution of await allExecutions(env.sfn, env.app.stateMachineArn)) {
        const executionArn = `${env.app.stateMachineArn.replace(':stateMachine:', ':execution:')}:${execution.name}`;
        const described = await env.sfn.send(new DescribeExecutionCommand({ executionArn }));
        if ((JSON.parse(described.input ?? '{}') as { cycleId?: string }).cycleId === interim.cycleId) return described;
      }
      return undefined;
    });
    scheduler.destroy();
    // Assess
    expect(first.starts.map((start) => [start.startDate, start.created])).toEqual([
      [interimStart, true],
      [addMonths(accreditedOn, 36), true],
    ]);
    expect(retried.starts.map((start) => start.created)).toEqual([false, false]);
    expect([first.notified, retried.notified]).toEqual([true, false]);
    expect(schedule).toMatchObject({ ScheduleExpression: `at(${interimStart}T07:00:00)`, ScheduleExpressionTimezone: 'Europe/London', ActionAfterCompletion: 'DELETE' });
    expect(JSON.parse(started.input ?? '{}')).toMatchObject({ cycleId: interim.cycleId, serviceId: 'svc-03', startDate: interimStart, previousCycleId: cycleId });
    const notices = (await emailsTo(env.app, 'lead@svc-03.example.org')).filter((email) => email.subject.includes('interim review and renewal dates'));
    expect(notices).toHaveLength(1);
    expect(notices[0].body.text).toContain(interimStart);
  });
});
