import { describe, expect, it } from 'vitest';
import type { NetworkConfig } from '#core/network-config';
import { dueReminders, nextReminderDate, remindersForTask, workingDaysLeft, workingDaysOverdue } from '#core/reminders';
import { ACTION_PLAN_STAGE, reminderRuleOf } from '#core/workflow-steps';
import type { TaskReminder } from '#core/reminders';
import { RecipientRole } from '#core/vocabulary';

// DESIGN §1 norm: 28, 14, 7 and 1 working day(s) before; then service lead, QI lead, network manager.
const config: Pick<NetworkConfig, 'reminders'> = {
  reminders: {
    beforeWorkingDays: [28, 14, 7, 1],
    escalation: [
      { afterWorkingDays: 1, recipientRole: RecipientRole.ServiceLead },
      { afterWorkingDays: 5, recipientRole: RecipientRole.OrganisationQiLead },
      { afterWorkingDays: 10, recipientRole: RecipientRole.NetworkManager },
    ],
  },
};
// Due Tuesday 6 May 2025: Monday 5 May is the early May bank holiday, 18 and 21 April are Easter.
const dueOn = '2025-05-06';
const selfReview = remindersForTask({ stage: 'self-review', opensOn: '2025-02-04', dueOn, config });
const byId = (reminders: readonly TaskReminder[]) => reminders.map((reminder) => reminder.id);

describe('Function: remindersForTask', () => {
  it('reminds an action of the action plan and escalates it like a cycle step, on UK working days over Easter', () => {
    // Prepare: due Thursday 17 April 2025; Good Friday (18th) and Easter Monday (21st) are bank holidays.
    const action = remindersForTask({ stage: ACTION_PLAN_STAGE, opensOn: '2025-03-03', dueOn: '2025-04-17', config });
    // Act
    const dates = action.map((reminder) => [reminder.kind, reminder.offsetWorkingDays, reminder.on, reminder.recipientRole]);
    // Assess
    expect(dates).toEqual([
      ['before', 28, '2025-03-10', RecipientRole.ServiceLead],
      ['before', 14, '2025-03-28', RecipientRole.ServiceLead],
      ['before', 7, '2025-04-08', RecipientRole.ServiceLead],
      ['before', 1, '2025-04-16', RecipientRole.ServiceLead],
      ['escalation', 1, '2025-04-22', RecipientRole.ServiceLead],
      ['escalation', 5, '2025-04-28', RecipientRole.OrganisationQiLead],
      ['escalation', 10, '2025-05-06', RecipientRole.NetworkManager],
    ]);
  });

  it('counts the reminders before the deadline in UK working days, skipping bank holidays', () => {
    // Act
    const before = selfReview.filter((reminder) => reminder.kind === 'before').map((reminder) => [reminder.offsetWorkingDays, reminder.on]);
    // Assess
    expect(before).toEqual([
      [28, '2025-03-24'],
      [14, '2025-04-11'],
      [7, '2025-04-24'],
      [1, '2025-05-02'],
    ]);
  });

  it('climbs the escalation ladder after the deadline: service lead, QI lead, network manager', () => {
    // Act
    const ladder = selfReview
      .filter((reminder) => reminder.kind === 'escalation')
      .map((reminder) => [reminder.escalationStep, reminder.on, reminder.recipientRole]);
    // Assess
    expect(ladder).toEqual([
      [1, '2025-05-07', 'service-lead'],
      [2, '2025-05-13', 'organisation-qi-lead'],
      [3, '2025-05-20', 'network-manager'],
    ]);
  });

  it('names each reminder by kind, offset and deadline, so an extension owes new ones', () => {
    // Act
    const extended = remindersForTask({ stage: 'self-review', opensOn: '2025-02-04', dueOn: '2025-06-03', config });
    // Assess
    expect(byId(selfReview)).toContain('before-7@2025-05-06');
    expect(byId(selfReview)).toContain('escalation-5@2025-05-06');
    expect(byId(extended).filter((id) => byId(selfReview).includes(id))).toEqual([]);
  });

  it('leaves out reminders that would fall before the task opened', () => {
    // Act
    const late = remindersForTask({ stage: 'self-review', opensOn: '2025-04-22', dueOn, config });
    // Assess
    expect(late.filter((reminder) => reminder.kind === 'before').map((reminder) => reminder.offsetWorkingDays)).toEqual([7, 1]);
  });

  it.each([
    ['factual-accuracy', 'service-lead', []],
    ['visit', 'lead-reviewer', ['network-manager']],
    ['peer-ratings', 'lead-reviewer', ['network-manager']],
    ['deferral-evidence', 'service-lead', []],
    ['manual-allocation', 'network-manager', []],
    ['peer-review-scheduling', 'service-lead', ['service-lead', 'organisation-qi-lead', 'network-manager']],
  ])('%s reminds the %s and escalates to %j', (stage, owner, ladder) => {
    // Act
    const reminders = remindersForTask({ stage, opensOn: '2025-02-04', dueOn, config });
    // Assess
    expect(reminderRuleOf(stage).reminded).toBe(owner);
    expect(reminders.filter((reminder) => reminder.kind === 'before').every((reminder) => reminder.recipientRole === owner)).toBe(true);
    expect(reminders.filter((reminder) => reminder.kind === 'escalation').map((reminder) => reminder.recipientRole)).toEqual(ladder);
  });
});

describe('Function: dueReminders', () => {
  it.each([
    ['the day of the 7-day reminder', '2025-04-24', [], ['before-7@2025-05-06']],
    ['the day after it (nothing new)', '2025-04-25', ['before-7@2025-05-06'], []],
    ['a sweep run twice the same day', '2025-04-24', ['before-7@2025-05-06'], []],
    ['after missed sweeps: only the latest reminder', '2025-05-02', [], ['before-1@2025-05-06']],
    ['the deadline day', '2025-05-06', ['before-1@2025-05-06'], []],
    ['the first escalation day', '2025-05-07', ['before-1@2025-05-06'], ['escalation-1@2025-05-06']],
    ['a missed week: every rung owed, no stale reminder', '2025-05-14', [], ['escalation-1@2025-05-06', 'escalation-5@2025-05-06']],
    ['after the whole ladder', '2025-06-02', ['escalation-1@2025-05-06', 'escalation-5@2025-05-06', 'escalation-10@2025-05-06'], []],
  ])('on %s (%s) sends %j', (_label, today, sent, expected) => {
    // Act
    const due = dueReminders({ reminders: selfReview, dueOn, today, sentIds: new Set(sent) });
    // Assess
    expect(byId(due)).toEqual(expected);
  });
});

describe('Function: nextReminderDate', () => {
  it.each([
    ['2025-02-04', '2025-03-24'],
    ['2025-03-24', '2025-04-11'],
    ['2025-05-02', '2025-05-07'],
    ['2025-05-13', '2025-05-20'],
    ['2025-05-20', undefined],
  ])('after %s the next reminder is on %s', (today, expected) => {
    // Act
    const next = nextReminderDate(selfReview, today);
    // Assess
    expect(next).toBe(expected);
  });
});

describe('Functions: workingDaysLeft, workingDaysOverdue', () => {
  it.each([
    ['2025-05-02', 1, 0],
    ['2025-04-24', 7, 0],
    ['2025-05-13', 0, 5],
  ])('on %s: %i working day(s) left, %i overdue', (today, left, overdue) => {
    // Assess
    expect(workingDaysLeft(today, dueOn)).toBe(left);
    expect(workingDaysOverdue(today, dueOn)).toBe(overdue);
  });
});
