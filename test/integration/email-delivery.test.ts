// Emails on the local app (DynamoDB Local, the SES emulator's store, the local runtime):
// - issue 12: a step's email claimed by an attempt killed before it was marked sent is not sent
//   again when the execution runs the step once more; the trail says `email-unconfirmed`;
// - issue 10, defect 5: an extension's email announces the extension and its new deadline;
// - issue 10, defect 2: the lead reviewer is reminded of the peer ratings before they are due.
import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addWorkingDays } from '#core/calendar';
import { parseNetworkConfig } from '#core/network-config-file';
import { remindersForTask } from '#core/reminders';
import { startOfUkDay, ukDateOf } from '#core/uk-time';
import { lambdaContext } from '../../local/lambda-context.ts';
import { callApi, cycleItems, startTestApp } from '../support/local-app.ts';
import type { TestApp } from '../support/local-app.ts';
import { NETWORK, acceptAll, advanceBeyond, enrolAndStart, loadNetwork, offeredDates, selfReviewBody, submit, today, waitForTask } from '../support/cycle-walk.ts';
import { emailsTo } from '../support/operations.ts';

const config = parseNetworkConfig(readFileSync(new URL(`../../examples/networks/${NETWORK}/network.yaml`, import.meta.url), 'utf8'), 'network.yaml');

let env: TestApp;
let cycleId: string;
let leadEmail: string;

const subjectsTo = async (address: string, pattern: RegExp) => (await emailsTo(env.app, address)).map((email) => email.subject).filter((subject) => pattern.test(subject));
const auditOf = async (type: string) => (await cycleItems(env.table, env.app.tableName, cycleId)).filter((item) => String(item.sk).startsWith('AUDIT#') && item.type === type);
const morningOf = (date: string) => new Date(Date.parse(startOfUkDay(date)) + 10 * 3_600_000);

describe('Integration: emails (at most once, extensions, the lead reviewer reminded)', () => {
  beforeAll(async () => {
    env = await startTestApp();
    await loadNetwork(env);
    ({ cycleId, leadEmail } = await enrolAndStart(env, 'svc-emails', 'emails'));
  }, 120_000);

  afterAll(async () => {
    await env?.stop();
  });

  it('does not send a step\'s email again when the step is run again after a kill between sending and marking it: email-unconfirmed instead', async () => {
    // Prepare: what a SIGKILL after SES took the email and before the task was marked notified leaves behind.
    await waitForTask(env, cycleId, 'self-review');
    const items = await cycleItems(env.table, env.app.tableName, cycleId);
    const task = items.find((item) => item.sk === 'TASK#self-review')!;
    const claim = items.find((item) => String(item.sk).startsWith('EMAIL#task#self-review#')) ?? { pk: task.pk, sk: 'EMAIL#task#self-review#killed' };
    await env.table.send(new PutCommand({ TableName: env.app.tableName, Item: { ...claim, status: 'sending', claimedBy: 'attempt-killed', leaseUntil: Date.now() - 1_000 } }));
    await env.table.send(new UpdateCommand({ TableName: env.app.tableName, Key: { pk: task.pk, sk: task.sk }, UpdateExpression: 'REMOVE notifiedTokenHash, notifiedDueAt' }));
    const { handler } = await import('../../functions/open-callback-task/handler.ts');

    // Act: the resumed execution runs the same task again, with the same token.
    await handler({ cycleId, stage: 'self-review', taskToken: task.token, executionArn: task.executionArn, dueAt: task.dueAt, phase: 'open' }, lambdaContext('open-callback-task'));

    // Assess
    expect(await subjectsTo(leadEmail, /^Self-review is open/)).toHaveLength(1);
    const [unconfirmed] = await auditOf('email-unconfirmed');
    expect(unconfirmed?.detail).toMatchObject({ template: 'AccreditationTaskOpened', to: [leadEmail] });
    expect((await waitForTask(env, cycleId, 'self-review')).notifiedTokenHash).toBe(task.tokenHash);
  });

  it('announces an extension with its new deadline, and does not say the step is open again', async () => {
    // Prepare
    const before = await waitForTask(env, cycleId, 'self-review');
    const newDueOn = addWorkingDays(ukDateOf(new Date(before.dueAt)), 10);

    // Act
    const extended = await callApi(env.app, 'POST', `/cycles/${cycleId}/tasks/self-review/extension`, { extendedBy: 'Network manager', dueOn: newDueOn, reason: 'Ward move' });
    const reopened = await waitForTask(env, cycleId, 'self-review', 'open', before.dueAt);

    // Assess
    expect(extended.status).toBe(202);
    expect(ukDateOf(new Date(reopened.dueAt))).toBe(newDueOn);
    expect(await subjectsTo(leadEmail, /deadline extended/)).toEqual([`Self-review deadline extended to ${newDueOn} for Service svc-emails`]);
    expect(await subjectsTo(leadEmail, /^Self-review is open/)).toHaveLength(1);
  });

  it('reminds the lead reviewer of the peer ratings before they are due, and records no undeliverable reminder', async () => {
    // Prepare: the cycle walked to its peer ratings.
    expect((await submit(env, cycleId, 'self-review', selfReviewBody)).status).toBe(202);
    await waitForTask(env, cycleId, 'peer-review-scheduling');
    expect((await submit(env, cycleId, 'peer-review-scheduling', { offeredBy: 'Service lead', dates: offeredDates(env), hostAddress: '1 High Street' })).status).toBe(202);
    await waitForTask(env, cycleId, 'reviewer-acceptance');
    const team = await acceptAll(env, cycleId);
    const visit = await waitForTask(env, cycleId, 'visit');
    await advanceBeyond(env, visit.dueAt);
    const ratings = await waitForTask(env, cycleId, 'peer-ratings');
    const dueOn = ukDateOf(new Date(ratings.dueAt));
    const before = remindersForTask({ stage: 'peer-ratings', opensOn: today(env), dueOn, config }).filter((reminder) => reminder.kind === 'before');
    const lead = team.team.find((member) => member.role === 'lead')!;

    // Act: past every reminder, to the day after the deadline.
    for (const reminder of before) await env.app.stepFunctions.clock.advanceTo(morningOf(reminder.on));

    // Assess
    expect(before.length).toBeGreaterThan(0);
    expect(before.every((reminder) => reminder.recipientRole === 'lead-reviewer')).toBe(true);
    expect(await subjectsTo(lead.email, /^Reminder: Peer ratings/)).toHaveLength(before.length);
    expect(await auditOf('reminder-undeliverable')).toEqual([]);
  });
});
