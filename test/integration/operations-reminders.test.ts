// Paths 5 and 13 of issue 4 on the local app: the daily reminder sweep, fired by the local
// EventBridge Scheduler at 07:00 London time as the manual clock moves, reminds a service before
// its self-review deadline at each network offset (UK working days), escalates after it (service
// lead, organisation QI lead, network manager), stops when staff extend the deadline, reminds
// again for the new one, and stops for good once the self-review is in. Run twice on a day, or
// after a crash mid-send, it sends nothing twice (a crashed send is recorded email-unconfirmed).
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addWorkingDays } from '#core/calendar';
import { parseNetworkConfig } from '#core/network-config-file';
import { remindersForTask } from '#core/reminders';
import type { TaskReminder } from '#core/reminders';
import { startOfUkDay, ukDateOf } from '#core/uk-time';
import { readFileSync } from 'node:fs';
import { cycleKey } from '#commons/helpers/table-keys';
import { callApi, cycleItems, enteredStates, executionHistory, startTestApp } from '../support/local-app.ts';
import type { StoredEmail, TestApp } from '../support/local-app.ts';
import { NETWORK, enrolAndStart, loadNetwork, selfReviewBody, submit, today, waitForTask } from '../support/cycle-walk.ts';
import { emailsTo, reminderTrail, runSweep } from '../support/operations.ts';

const config = parseNetworkConfig(readFileSync(new URL(`../../examples/networks/${NETWORK}/network.yaml`, import.meta.url), 'utf8'), 'network.yaml');
const QI_LEAD = 'qi-lead@org-svc-reminded.example.org';
const NETWORK_MANAGER = `committee@${NETWORK}.example.org`;

let env: TestApp;

/** Mid-morning of a UK day: after the 07:00 sweep of that day. */
const morningOf = (date: string) => new Date(Date.parse(startOfUkDay(date)) + 10 * 3_600_000);
const advanceToMorningOf = (date: string) => env.app.stepFunctions.clock.advanceTo(morningOf(date));
/** The scheduled time the daily schedule gives the sweep on a UK day (07:00 London). */
const sweepTimeOn = (date: string) => new Date(Date.parse(startOfUkDay(date)) + 7 * 3_600_000).toISOString().replace('.000Z', 'Z');

const subjects = (emails: readonly StoredEmail[], prefix: string) => emails.filter((email) => email.subject.startsWith(prefix)).map((email) => email.subject);

describe('Integration: reminders and escalations (paths 5 and 13)', () => {
  let cycleId: string;
  let leadEmail: string;
  let dueOn: string;
  let reminders: TaskReminder[];

  beforeAll(async () => {
    env = await startTestApp();
    await loadNetwork(env);
    ({ cycleId, leadEmail } = await enrolAndStart(env, 'svc-reminded', 'reminders', { qiLeadEmail: QI_LEAD }));
    const task = await waitForTask(env, cycleId, 'self-review');
    dueOn = ukDateOf(new Date(task.dueAt));
    reminders = remindersForTask({ stage: 'self-review', opensOn: today(env), dueOn, config });
  }, 120_000);

  afterAll(async () => {
    await env?.stop();
  });

  it('reminds the service lead on the day of each offset before the deadline, and on no other day', async () => {
    // Prepare
    const before = reminders.filter((reminder) => reminder.kind === 'before');
    const sentByDay: [string, number][] = [];
    // Act
    for (const reminder of before) {
      await advanceToMorningOf(reminder.on);
      sentByDay.push([reminder.on, subjects(await emailsTo(env.app, leadEmail), 'Reminder:').length]);
    }
    // Assess
    expect(before.map((reminder) => reminder.offsetWorkingDays)).toEqual([28, 14, 7, 1]);
    expect(sentByDay).toEqual(before.map((reminder, index) => [reminder.on, index + 1]));
    const texts = (await emailsTo(env.app, leadEmail)).filter((email) => email.subject.startsWith('Reminder:')).map((email) => email.body.text ?? '');
    expect(texts.map((text) => /in (\d+) working day/.exec(text)?.[1])).toEqual(['28', '14', '7', '1']);
    const { reminders: records, audit } = await reminderTrail(env, cycleId);
    expect(records.map((record) => [record.reminderId, record.status])).toEqual(
      expect.arrayContaining(before.map((reminder) => [reminder.id, 'sent'])),
    );
    expect(audit.filter((event) => event.type === 'reminder-sent')).toHaveLength(4);
    // The board's "Last email" is the last reminder's, not the welcome email's.
    const lastSent = audit.filter((event) => event.type === 'reminder-sent').map((event) => String(event.at)).sort().at(-1);
    const board = await callApi<{ cycles: { cycleId: string; lastEmailSentAt?: string }[] }>(env.app, 'GET', `/cycles?networkId=${NETWORK}`);
    const row = board.body.cycles.find((item) => item.cycleId === cycleId);
    expect(row?.lastEmailSentAt).toBe(lastSent);
  });

  it('path 13: a sweep run again on the same day sends nothing and records nothing new', async () => {
    // Prepare
    const lastBefore = reminders.filter((reminder) => reminder.kind === 'before').at(-1)!;
    const emailsBefore = (await emailsTo(env.app, leadEmail)).length;
    const trailBefore = await reminderTrail(env, cycleId);
    // Act
    const again = await runSweep(sweepTimeOn(lastBefore.on));
    const thirdTime = await runSweep(sweepTimeOn(lastBefore.on));
    // Assess
    expect([again.reminders, again.escalations, thirdTime.reminders, thirdTime.escalations]).toEqual([0, 0, 0, 0]);
    expect((await emailsTo(env.app, leadEmail)).length).toBe(emailsBefore);
    const trailAfter = await reminderTrail(env, cycleId);
    expect(trailAfter.audit).toHaveLength(trailBefore.audit.length);
  });

  it('path 5: after the deadline climbs the ladder (service lead, QI lead, network manager), one rung each, while the step waits overdue', async () => {
    // Prepare
    const ladder = reminders.filter((reminder) => reminder.kind === 'escalation');
    // Act
    for (const rung of ladder) await advanceToMorningOf(rung.on);
    await waitForTask(env, cycleId, 'self-review', 'overdue');
    // Assess
    expect(ladder.map((rung) => [rung.escalationStep, rung.recipientRole])).toEqual([
      [1, 'service-lead'],
      [2, 'organisation-qi-lead'],
      [3, 'network-manager'],
    ]);
    expect(subjects(await emailsTo(env.app, leadEmail), 'Overdue:')).toHaveLength(1);
    expect(subjects(await emailsTo(env.app, QI_LEAD), 'Overdue:')).toHaveLength(1);
    expect(subjects(await emailsTo(env.app, NETWORK_MANAGER), 'Overdue:')).toHaveLength(1);
    const qiEmail = (await emailsTo(env.app, QI_LEAD))[0];
    expect(qiEmail.body.text).toContain("the organisation's QI lead (escalation step 2)");
    const { audit, task } = await reminderTrail(env, cycleId);
    expect(audit.filter((event) => event.type === 'escalation-sent').map((event) => (event.detail as { recipientRole: string }).recipientRole)).toEqual([
      'service-lead',
      'organisation-qi-lead',
      'network-manager',
    ]);
    // Owed nothing more for this deadline, the step stays in the index (still open, still counted).
    expect(task('self-review')).toMatchObject({ status: 'overdue', nextReminderOn: '9999-12-31', gsi2pk: 'TASKS#OPEN' });
  });

  it('path 5: an extension by staff brings reminders for the new deadline; the submission ends them', async () => {
    // Prepare
    const newDueOn = addWorkingDays(today(env), 10);
    const newReminders = remindersForTask({ stage: 'self-review', opensOn: today(env), dueOn: newDueOn, config }).filter((reminder) => reminder.kind === 'before');
    const selfReviewReminders = async () => subjects(await emailsTo(env.app, leadEmail), 'Reminder: Self-review');
    const remindersBefore = (await selfReviewReminders()).length;
    // Act
    const extended = await callApi(env.app, 'POST', `/cycles/${cycleId}/tasks/self-review/extension`, { extendedBy: 'Network manager', dueOn: newDueOn, reason: 'Ward move' });
    const reopened = await waitForTask(env, cycleId, 'self-review', 'open');
    for (const reminder of newReminders) await advanceToMorningOf(reminder.on);
    const submitted = await submit(env, cycleId, 'self-review', selfReviewBody);
    await waitForTask(env, cycleId, 'peer-review-scheduling');
    const { audit } = await reminderTrail(env, cycleId);
    const afterSubmission = (await emailsTo(env.app, leadEmail)).length;
    // Past the day the new deadline's first escalation would have been due.
    await advanceToMorningOf(addWorkingDays(newDueOn, 2));
    // Assess
    expect(extended.status).toBe(202);
    expect(ukDateOf(new Date(reopened.dueAt))).toBe(newDueOn);
    expect(newReminders.map((reminder) => reminder.offsetWorkingDays)).toEqual([7, 1]);
    expect((await selfReviewReminders()).length).toBe(remindersBefore + 2);
    expect((await selfReviewReminders()).slice(-1)[0]).toContain(newDueOn);
    expect(submitted.status).toBe(202);
    expect(audit.filter((event) => event.type === 'reminder-sent').map((event) => (event.detail as { reminderId: string }).reminderId)).toEqual(
      expect.arrayContaining(newReminders.map((reminder) => reminder.id)),
    );
    // No self-review reminder or escalation after the submission, even past the new deadline's ladder.
    const lateSelfReviewEmails = (await emailsTo(env.app, leadEmail)).slice(afterSubmission).filter((email) => /^(Reminder|Overdue): Self-review/.test(email.subject));
    expect(lateSelfReviewEmails).toEqual([]);
    const states = enteredStates(await executionHistory(env.sfn, reopened.executionArn));
    expect(states).toEqual(expect.arrayContaining(['RecordOverdue', 'AwaitExtension', 'ApplyExtension', 'RecordSelfReview']));
  });

  it('does not resend a reminder claimed by a sweep that crashed (lease run out) but records it email-unconfirmed, and waits for one whose lease still runs', async () => {
    // Prepare: a second service whose self-review is owed its first reminders.
    const crash = await enrolAndStart(env, 'svc-crash', 'reminders');
    const task = await waitForTask(env, crash.cycleId, 'self-review');
    const stepDue = ukDateOf(new Date(task.dueAt));
    const [first, second] = remindersForTask({ stage: 'self-review', opensOn: today(env), dueOn: stepDue, config }).filter((reminder) => reminder.kind === 'before');
    const claim = (reminder: TaskReminder, leaseUntil: string) =>
      env.table.send(
        new PutCommand({
          TableName: env.app.tableName,
          Item: {
            pk: cycleKey(crash.cycleId).pk,
            sk: `REMINDER#self-review#${reminder.id}`,
            itemType: 'reminder',
            cycleId: crash.cycleId,
            stage: 'self-review',
            reminderId: reminder.id,
            status: 'sending',
            claimedBy: 'a-sweep-that-crashed',
            leaseUntil,
          },
        }),
      );
    const countFor = async () => subjects(await emailsTo(env.app, crash.leadEmail), 'Reminder:').length;
    await claim(first, `${first.on}T00:00:00.000Z`);
    await claim(second, morningOf(second.on).toISOString());
    // Act
    await advanceToMorningOf(first.on);
    const afterTakeOver = await countFor();
    await advanceToMorningOf(second.on);
    const whileHeld = await countFor();
    const heldTask = (await reminderTrail(env, crash.cycleId)).task('self-review');
    await advanceToMorningOf(addWorkingDays(second.on, 1));
    const afterLease = await countFor();
    // Assess: the crashed sweep may have sent them (SES has no idempotency key): never sent twice, each left as a trace.
    expect([first.offsetWorkingDays, second.offsetWorkingDays]).toEqual([28, 14]);
    expect(afterTakeOver).toBe(0);
    expect(whileHeld).toBe(0);
    expect(heldTask?.nextReminderOn).toBe(second.on);
    expect(afterLease).toBe(0);
    const items = await cycleItems(env.table, env.app.tableName, crash.cycleId);
    const records = items.filter((item) => String(item.sk).startsWith('REMINDER#'));
    expect(records.map((record) => [record.reminderId, record.status]).sort()).toEqual([
      [first.id, 'unconfirmed'],
      [second.id, 'unconfirmed'],
    ].sort());
    const unconfirmed = items.filter((item) => String(item.sk).startsWith('AUDIT#') && item.type === 'email-unconfirmed');
    expect(unconfirmed.map((event) => (event.detail as { reminderId: string }).reminderId).sort()).toEqual([first.id, second.id].sort());
    expect(items.filter((item) => item.type === 'reminder-sent')).toHaveLength(0);
  });
});
