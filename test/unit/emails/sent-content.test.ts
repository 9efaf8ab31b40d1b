// What a person actually reads: each handler's email data rendered with its template as SES renders
// it (Handlebars, strict), and the HTML layout every template is sent in.
import '../../support/function-env.ts';
import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { DynamoDBDocumentClient, GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import Handlebars from 'handlebars';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { enrolService } from '../../../functions/enrol-service/handler.ts';
import { openCallbackTask } from '../../../functions/open-callback-task/handler.ts';
import { recordStageOutcome } from '../../../functions/record-stage-outcome/handler.ts';
import { loadEmailTemplates } from '../../../emails/templates.ts';
import { useClockSource, useSystemClock } from '#commons/clock';
import { allocationKey, cycleKey, networkKey, serviceKey, taskKey } from '#commons/helpers/table-keys';
import { mockCyclePartition } from '../../support/cycle-partition.ts';
import { EXECUTION_ARN, networkRecord, serviceRecord, taskRecord } from '../../support/function-fixtures.ts';
import { CYCLE_ID, allocationRecord, cycleWithDeadlines } from '../../support/workflow-fixtures.ts';

const dynamo = mockClient(DynamoDBDocumentClient);
const ses = mockClient(SESv2Client);
const templates = loadEmailTemplates();

interface Rendered {
  to: string[];
  subject: string;
  html: string;
  text: string;
  attachments: number;
}

/** Every email sent so far, rendered as SES would (no HTML escaping; a missing variable fails). */
const sent = (): Rendered[] =>
  ses.commandCalls(SendEmailCommand).map((call) => {
    const input = call.args[0].input;
    const template = templates.find((candidate) => candidate.TemplateName === input.Content?.Template?.TemplateName);
    if (!template) throw new Error(`No template ${input.Content?.Template?.TemplateName}`);
    const data = JSON.parse(input.Content?.Template?.TemplateData ?? '{}');
    const render = (source: string) => Handlebars.compile(source, { noEscape: true, strict: true })(data);
    return {
      to: input.Destination?.ToAddresses ?? [],
      subject: render(template.SubjectPart),
      html: render(template.HtmlPart),
      text: render(template.TextPart),
      attachments: input.Content?.Template?.Attachments?.length ?? 0,
    };
  });

describe('Emails as sent', () => {
  beforeEach(() => {
    dynamo.reset();
    ses.reset();
    ses.on(SendEmailCommand).resolves({ MessageId: 'message-1' });
    dynamo.on(GetCommand).resolves({});
    dynamo.on(GetCommand, { Key: serviceKey('svc-1') }).resolves({ Item: serviceRecord() });
    dynamo.on(GetCommand, { Key: networkKey('ccqi-accreditation-example') }).resolves({ Item: networkRecord() });
    dynamo.on(TransactWriteCommand).resolves({});
    dynamo.on(UpdateCommand).resolves({});
    dynamo.on(QueryCommand).resolves({ Items: [] });
    useClockSource(() => new Date('2025-01-06T09:00:00.000Z'));
  });
  afterEach(() => useSystemClock());

  it('the welcome says the self-review is open now, not that it opens after enrolment', async () => {
    // Act
    await enrolService({ cycleId: 'cohort-2025--svc-1', serviceId: 'svc-1', cohortId: 'cohort-2025', startDate: '2025-01-06', executionArn: EXECUTION_ARN });

    // Assess
    const [welcome] = sent();
    expect(welcome.text).toMatch(/Self-review is open now\. Please complete it by 2025-\d\d-\d\d/);
    expect(welcome.text).toMatch(/- Self-review: open now, due/);
    expect(welcome.text).toMatch(/- Peer-review scheduling: opens 2025-\d\d-\d\d, due/);
    expect(welcome.text).not.toMatch(/Enrolment: opens/);
    expect(welcome.html).toMatch(/href="[^"]*\/cycles\/cohort-2025--svc-1\/tasks\/self-review"/);
  });

  it.each([
    ['interim-review-2026-07', /interim review \(18 months after accreditation\)/],
    ['renewal-2028-01', /renewal review \(three years after accreditation\)/],
  ])('the welcome of a follow-up cycle in %s says what it is', async (cohortId, kind) => {
    // Act
    await enrolService({ cycleId: `${cohortId}--svc-1`, serviceId: 'svc-1', cohortId, startDate: '2025-01-06', executionArn: EXECUTION_ARN });

    // Assess
    const [welcome] = sent();
    expect(welcome.subject).toMatch(kind);
    expect(welcome.text).toMatch(/booked when Riverside Adolescent Unit was accredited/);
  });

  it('a developmental report reads as a report issued, not "Report outcome (report-issued)"', async () => {
    // Prepare
    dynamo.on(GetCommand, { Key: cycleKey(CYCLE_ID) }).resolves({ Item: cycleWithDeadlines({ membershipType: 'developmental' }) });

    // Act
    await recordStageOutcome({ cycleId: CYCLE_ID, stage: 'factual-accuracy', outcome: 'report-issued', executionArn: EXECUTION_ARN, occurrenceId: 'run/IssueReport@1' });

    // Assess
    const [outcome] = sent();
    expect(outcome.subject).toBe('Riverside Adolescent Unit: Peer-review report issued');
    expect(outcome.text).toMatch(/developmental member.*no accreditation decision/);
    expect(outcome.subject).not.toMatch(/report-issued|\(/);
  });

  it('a committee decision reads in words', async () => {
    // Prepare
    dynamo.on(GetCommand, { Key: cycleKey(CYCLE_ID) }).resolves({ Item: cycleWithDeadlines() });

    // Act
    await recordStageOutcome({ cycleId: CYCLE_ID, stage: 'committee-decision', outcome: 'decided', executionArn: EXECUTION_ARN, occurrenceId: 'run/Decide@1', submission: { decidedBy: 'Chair', outcome: 'deferred', reason: 'Two standards' } });

    // Assess
    expect(sent()[0].subject).toBe('Riverside Adolescent Unit: Accreditation deferred');
  });

  it('a cancelled visit mentions the calendar update only in the email that carries it', async () => {
    // Prepare
    dynamo.on(GetCommand, { Key: cycleKey(CYCLE_ID) }).resolves({ Item: cycleWithDeadlines({ visitDate: '2025-06-11', visitBookings: 1 }) });
    dynamo.on(GetCommand, { Key: allocationKey(CYCLE_ID) }).resolves({ Item: allocationRecord({ status: 'confirmed' }) });

    // Act
    await recordStageOutcome({ cycleId: CYCLE_ID, stage: 'visit', outcome: 'visit-cancelled', executionArn: EXECUTION_ARN, occurrenceId: 'run/Cancel@1', submission: { cancelledBy: 'Service lead', reason: 'Ward closed' } });

    // Assess
    const [toService, toTeam] = sent();
    expect(toService.attachments).toBe(0);
    expect(toService.text).not.toMatch(/attached/);
    expect(toTeam.attachments).toBe(1);
    expect(toTeam.text).toMatch(/attached calendar update/);
  });

  it('an invitation says by when to reply (the end of the acceptance window)', async () => {
    // Prepare
    mockCyclePartition(dynamo, CYCLE_ID, cycleWithDeadlines());
    dynamo.on(GetCommand, { Key: allocationKey(CYCLE_ID) }).resolves({ Item: allocationRecord() });

    // Act
    await openCallbackTask({ cycleId: CYCLE_ID, stage: 'reviewer-acceptance', taskToken: 'token', executionArn: EXECUTION_ARN, dueAt: '2025-05-27T22:59:59.000Z', phase: 'open' });

    // Assess
    const invitations = sent();
    expect(invitations.length).toBeGreaterThan(0);
    for (const invitation of invitations) {
      expect(invitation.subject).toMatch(/reply by 2025-05-27/);
      expect(invitation.text).toMatch(/accept or decline by 2025-05-27/);
    }
  });

  it.each(['open', 'overdue'])('a step reopened by an extension (it was %s) announces the extension with both deadlines, not that the step is open (issue 10, defect 5)', async (status) => {
    // Prepare: staff extended the self-review due on 2 May to 16 May, recorded on the step's previous token.
    mockCyclePartition(
      dynamo,
      CYCLE_ID,
      cycleWithDeadlines(),
      taskRecord({ cycleId: CYCLE_ID, status: status as 'open', dueAt: '2025-05-02T22:59:59.000Z', notifiedDueAt: '2025-05-02T22:59:59.000Z', extendedTo: '2025-05-16T22:59:59.000Z' }),
    );

    // Act
    await openCallbackTask({ cycleId: CYCLE_ID, stage: 'self-review', taskToken: 'new-token', executionArn: EXECUTION_ARN, dueAt: '2025-05-16T22:59:59.000Z', phase: 'open' });

    // Assess
    const [email] = sent();
    expect(email.to).toEqual(cycleWithDeadlines().contacts.serviceLead);
    expect(email.subject).toBe('Self-review deadline extended to 2025-05-16 for Riverside Adolescent Unit');
    expect(email.text).toContain('It was due on 2025-05-02. It is now due on 2025-05-16');
    expect(email.subject).not.toMatch(/is open/);
  });
});

describe('Email templates: layout and links', () => {
  it.each(templates.map((template) => [template.TemplateName, template] as const))('%s is a whole HTML document in tables with inline styles only', (_name, template) => {
    // Assess
    expect(template.HtmlPart).toMatch(/^<!DOCTYPE html><html lang="en-GB">/);
    expect(template.HtmlPart).toContain('role="presentation"');
    expect(template.HtmlPart).not.toMatch(/<style|<link|class=/);
    for (const tag of template.HtmlPart.match(/<(p|td|th|a|h1|h2|ul|table)\b[^>]*>/g) ?? []) expect(tag).toContain('style="');
  });

  it.each(templates.map((template) => [template.TemplateName, template] as const))('%s sends people to a web page, never to a command line', (_name, template) => {
    // Assess
    expect(`${template.HtmlPart}\n${template.TextPart}`).not.toMatch(/accredit |command line|npm run/);
    expect(template.HtmlPart).toMatch(/href="\{\{html\.(link|openStageLink)\}\}"/);
  });

  it.each(['AccreditationTaskOpened', 'AccreditationWelcome', 'ReviewInvitation'])('%s shows its call to action as a button (a coloured table cell Outlook keeps)', (name) => {
    // Prepare
    const template = templates.find((candidate) => candidate.TemplateName === name);
    // Assess
    expect(template?.HtmlPart).toMatch(/<td style="background:#005eb8;border-radius:4px;[^"]*"><a href="\{\{html\.\w+\}\}" style="[^"]*color:#ffffff;/);
    expect(template?.HtmlPart).not.toContain('data-action');
  });
});
