// Issue 13 on the local stack: a service turns its review into an action plan (every unmet standard
// and area for development proposed; accept, merge, add its own), changes an action with a 409 on a
// stale version, logs PDSA cycles in order, staff list every plan, another organisation is refused,
// and an overdue action is reminded and escalated by the daily sweep on UK working days, like a step.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addWorkingDays } from '#core/calendar';
import { startOfUkDay } from '#core/uk-time';
import { cycleItems, startTestApp } from '../support/local-app.ts';
import type { StoredEmail, TestApp } from '../support/local-app.ts';
import { NETWORK, enrolAndStart, loadNetwork, today, walkToCommittee } from '../support/cycle-walk.ts';
import { callApiAs, emailsTo } from '../support/operations.ts';

const QI_LEAD = 'qi-lead@org-svc-plan.example.org';
const NETWORK_MANAGER = `committee@${NETWORK}.example.org`;
const SERVICE = 'service:org-svc-plan';

interface Proposal {
  id: string;
  title: string;
  source: { kind: string; standardId?: string };
  answeredBy?: string;
}
interface PdsaView {
  id: string;
  version: number;
  nextPhase?: string;
  plan: { on: string; changeIdea: string; prediction: string };
  do?: { on: string };
  study?: { on: string };
  act?: { on: string; decision: string };
}
interface ActionView {
  actionId: string;
  title: string;
  owner: string;
  dueOn: string;
  status: string;
  version: number;
  proposalIds: string[];
  standardIds: string[];
  overdue: boolean;
  ramp: { state: string; cycles: PdsaView[] };
}
interface PlanView {
  planVersion: number;
  proposals: Proposal[];
  notTakenUp: string[];
  actions: ActionView[];
}
interface Refusal {
  error: string;
  message: string;
  issues?: { field: string; message: string }[];
  current?: { version: number; updatedBy: string; updatedAt: string };
}

/** A stored email with the parts the SES emulator keeps (base64 content, as SendEmail carried it). */
type EmailWithParts = StoredEmail & { attachments: { filename: string; contentType: string; contentDisposition?: string; contentId?: string; content: string }[] };

/** 24 months of care-plan audits: around 10 a month, then around 16 after the change. */
const AUDITS = [10, 9, 11, 10, 12, 9, 10, 11, 10, 9, 11, 10, 15, 16, 17, 15, 16, 18, 16, 17, 15, 16, 17, 16];

let env: TestApp;
let cycleId: string;

const planOf = async (user = SERVICE) => callApiAs<PlanView>(env.app, user, 'GET', `/cycles/${cycleId}/action-plan`);
const add = (body: Record<string, unknown>, user = SERVICE) => callApiAs<{ action: ActionView } & Refusal>(env.app, user, 'POST', `/cycles/${cycleId}/action-plan/actions`, body);
const change = (actionId: string, body: Record<string, unknown>, user = SERVICE) =>
  callApiAs<{ action: ActionView } & Refusal>(env.app, user, 'PUT', `/cycles/${cycleId}/action-plan/actions/${actionId}`, body);
const pdsa = (actionId: string, path: string, method: string, body: Record<string, unknown>) =>
  callApiAs<{ pdsaCycle: PdsaView } & Refusal>(env.app, SERVICE, method, `/cycles/${cycleId}/action-plan/actions/${actionId}/pdsa-cycles${path}`, body);

/** The scheduled time the daily schedule gives the sweep on a UK day (07:00 London). */
const sweepTimeOn = (date: string) => new Date(Date.parse(startOfUkDay(date)) + 7 * 3_600_000).toISOString();
const nextDay = (date: string) => new Date(Date.parse(`${date}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
/** The first Friday at least `workingDays` working days after `from`: a due date whose next working day is after a weekend. */
const fridayAfter = (from: string, workingDays: number) => {
  let day = addWorkingDays(from, workingDays);
  while (new Date(`${day}T12:00:00Z`).getUTCDay() !== 5) day = nextDay(day);
  return day;
};

describe('Integration: the action plan after the review (issue 13)', () => {
  beforeAll(async () => {
    env = await startTestApp();
    await loadNetwork(env);
    ({ cycleId } = await enrolAndStart(env, 'svc-plan', 'plans', { qiLeadEmail: QI_LEAD }));
    await walkToCommittee(env, cycleId, { notMet: ['1.1', '1.3', '1.4'] });
  }, 240_000);

  afterAll(async () => {
    await env?.stop();
  });

  it('proposes an action for every unmet standard and every area for development, essential standards first', async () => {
    // Act
    const plan = await planOf();
    // Assess
    expect(plan.status).toBe(200);
    const standards = plan.body.proposals.filter((proposal) => proposal.source.kind === 'not-met-standard').map((proposal) => proposal.id);
    expect(standards).toEqual(['standard:1.1', 'standard:1.3', 'standard:1.4']);
    expect(plan.body.proposals.filter((proposal) => proposal.source.kind === 'area-for-development').map((proposal) => proposal.title)).toEqual([
      'Admission and assessment: 3 standard(s) not met (1.1, 1.3, 1.4)',
    ]);
    expect(plan.body.notTakenUp).toEqual(plan.body.proposals.map((proposal) => proposal.id));
    expect(plan.body.actions).toEqual([]);
  });

  it('accepts a proposal, merges two into one action, adds its own, and refuses a proposal already answered with 409', async () => {
    // Prepare
    const dueOn = addWorkingDays(today(env), 40);
    // Act
    const accepted = await add({ proposalIds: ['standard:1.1'], owner: 'Ward manager', dueOn, addedBy: 'Asha Patel' });
    const merged = await add({ proposalIds: ['standard:1.3', 'standard:1.4'], title: 'Admission checks within 24–48 hours', owner: 'Matron', dueOn, status: 'in-progress', addedBy: 'Asha Patel' });
    const own = await add({ title: 'Weekly huddle on risk assessments', owner: 'Ward manager', dueOn, standardIds: ['2.1'], addedBy: 'Asha Patel' });
    const again = await add({ proposalIds: ['standard:1.1'], owner: 'Someone else', dueOn, addedBy: 'Ben Okafor' });
    const plan = await planOf();
    // Assess
    expect([accepted.status, merged.status, own.status, again.status]).toEqual([201, 201, 201, 409]);
    expect(again.body).toMatchObject({ error: 'ProposalAlreadyAnswered', message: 'Proposal standard:1.1 is already answered by action A1' });
    expect(plan.body.actions.map(({ actionId, title, standardIds, status }) => ({ actionId, title, standardIds, status }))).toEqual([
      { actionId: 'A1', title: expect.stringMatching(/^Meet 1\.1: Every patient has a documented risk assessment/), standardIds: ['1.1'], status: 'not-started' },
      { actionId: 'A2', title: 'Admission checks within 24–48 hours', standardIds: ['1.3', '1.4'], status: 'in-progress' },
      { actionId: 'A3', title: 'Weekly huddle on risk assessments', standardIds: ['2.1'], status: 'not-started' },
    ]);
    expect(plan.body.proposals.find((proposal) => proposal.id === 'standard:1.4')?.answeredBy).toBe('A2');
    expect(plan.body.notTakenUp).toEqual(['development:1']);
    const audit = (await cycleItems(env.table, env.app.tableName, cycleId)).filter((item) => item.type === 'action-added');
    expect(audit.map((event) => [event.actor, (event.detail as { actionId: string }).actionId])).toEqual([
      ['Asha Patel', 'A1'],
      ['Asha Patel', 'A2'],
      ['Asha Patel', 'A3'],
    ]);
  });

  it.each([
    ['a due date in the past', { title: 'Late', owner: 'X', dueOn: '2020-01-06', addedBy: 'A' }, 'dueOn'],
    ['an own action without a title', { owner: 'X', dueOn: '2099-01-05', addedBy: 'A' }, 'title'],
    ['merging without a title', { proposalIds: ['development:1', 'standard:1.1'], owner: 'X', dueOn: '2099-01-05', addedBy: 'A' }, 'title'],
    ['a proposal the plan does not have', { proposalIds: ['standard:9.9'], owner: 'X', dueOn: '2099-01-05', addedBy: 'A' }, 'proposalIds'],
    ['a standard the cycle does not have', { title: 'T', standardIds: ['1.1', 'nope'], owner: 'X', dueOn: '2099-01-05', addedBy: 'A' }, 'standardIds.1'],
    ['a status that does not exist', { title: 'T', owner: 'X', dueOn: '2099-01-05', status: 'finished', addedBy: 'A' }, 'status'],
    ['no owner', { title: 'T', dueOn: '2099-01-05', addedBy: 'A' }, 'owner'],
  ])('refuses %s with a 400 naming the field', async (_case, body, field) => {
    // Act
    const refused = await add(body);
    // Assess
    expect(refused.status).toBe(400);
    expect(refused.body.issues?.map((issue) => issue.field)).toContain(field);
  });

  it('changes an action on top of the version read and refuses a stale change with 409 naming who changed it', async () => {
    // Act
    const first = await change('A1', { status: 'in-progress', basedOnVersion: 1, updatedBy: 'Asha Patel' });
    const stale = await change('A1', { owner: 'Ben Okafor', basedOnVersion: 1, updatedBy: 'Ben Okafor' });
    const unknown = await change('A99', { status: 'done', basedOnVersion: 1, updatedBy: 'Asha Patel' });
    const empty = await change('A1', { basedOnVersion: 2, updatedBy: 'Asha Patel' });
    // Assess
    expect(first.status).toBe(200);
    expect(first.body.action).toMatchObject({ status: 'in-progress', version: 2, owner: 'Ward manager' });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ error: 'StaleAction', current: { version: 2, updatedBy: 'Asha Patel' } });
    expect(stale.body.message).toMatch(/changed by Asha Patel at .* \(version 2\)/);
    expect(unknown.status).toBe(404);
    expect(empty.status).toBe(400);
  });

  it('logs two PDSA cycles in order, dated, as a ramp, and refuses a phase out of turn', async () => {
    // Prepare
    const day = today(env);
    // Act
    const p1 = await pdsa('A2', '', 'POST', { changeIdea: 'Admission checklist on one bay', prediction: '9 in 10 checks within 24 hours', recordedBy: 'Matron' });
    const early = await pdsa('A2', '/P1/study', 'PUT', { comparedWithPrediction: 'Too soon', basedOnVersion: 1, recordedBy: 'Matron' });
    const done = await pdsa('A2', '/P1/do', 'PUT', { whatHappened: 'Used for two weeks on bay A', basedOnVersion: 1, recordedBy: 'Matron' });
    const studied = await pdsa('A2', '/P1/study', 'PUT', { comparedWithPrediction: '7 in 10: nights missed it', basedOnVersion: 2, recordedBy: 'Matron' });
    const acted = await pdsa('A2', '/P1/act', 'PUT', { decision: 'adapt', nextSteps: 'Add it to the night handover', basedOnVersion: 3, recordedBy: 'Matron' });
    const p2 = await pdsa('A2', '', 'POST', { changeIdea: 'Checklist in the night handover', prediction: '9 in 10', recordedBy: 'Matron' });
    for (const [phase, body] of [
      ['do', { whatHappened: 'All bays, days and nights' }],
      ['study', { comparedWithPrediction: '19 in 20 within 24 hours' }],
      ['act', { decision: 'adopt' }],
    ] as const) {
      const version = { do: 1, study: 2, act: 3 }[phase];
      expect((await pdsa('A2', `/P2/${phase}`, 'PUT', { ...body, basedOnVersion: version, recordedBy: 'Matron' })).status).toBe(200);
    }
    const future = await pdsa('A2', '', 'POST', { changeIdea: 'x', prediction: 'y', on: '2099-01-01', recordedBy: 'Matron' });
    const plan = await planOf('staff');
    // Assess
    expect([p1.status, early.status, done.status, studied.status, acted.status, p2.status]).toEqual([201, 409, 200, 200, 200, 201]);
    expect(early.body).toMatchObject({ error: 'PdsaPhaseOutOfTurn', message: 'The do phase comes next; study cannot be recorded before it' });
    expect(future.status).toBe(400);
    expect(future.body.issues?.[0].field).toBe('on');
    const ramp = plan.body.actions.find((action) => action.actionId === 'A2')?.ramp;
    expect(ramp?.state).toBe('adopted');
    expect(ramp?.cycles.map((cycle) => [cycle.id, cycle.plan.on, cycle.do?.on, cycle.act?.decision, cycle.nextPhase ?? null])).toEqual([
      ['P1', day, day, 'adapt', null],
      ['P2', day, day, 'adopt', null],
    ]);
    const audit = (await cycleItems(env.table, env.app.tableName, cycleId)).filter((item) => item.type === 'pdsa-phase-recorded');
    expect(audit.map((event) => (event.detail as { phase: string }).phase)).toEqual(['do', 'study', 'act', 'do', 'study', 'act']);
  });

  it("lets staff list every service's plan, and refuses another organisation both the plan and its edit", async () => {
    // Act
    const list = await callApiAs<{ plans: { cycleId: string; actions: number; byStatus: Record<string, number>; pdsaCycles: number; changesAdopted: number }[] }>(
      env.app,
      'staff',
      'GET',
      `/action-plans?networkId=${NETWORK}`,
    );
    const asService = await callApiAs(env.app, SERVICE, 'GET', `/action-plans?networkId=${NETWORK}`);
    const otherRead = await planOf('service:org-elsewhere');
    const otherEdit = await add({ title: 'Not ours', owner: 'X', dueOn: '2099-01-05', addedBy: 'Y' }, 'service:org-elsewhere');
    const missingNetwork = await callApiAs<Refusal>(env.app, 'staff', 'GET', '/action-plans');
    // Assess
    expect(list.status).toBe(200);
    expect(list.body.plans).toEqual([expect.objectContaining({ cycleId, actions: 3, byStatus: { 'not-started': 1, 'in-progress': 2, done: 0, abandoned: 0 }, pdsaCycles: 2, changesAdopted: 1 })]);
    expect(asService.status).toBe(403);
    expect([otherRead.status, otherEdit.status]).toEqual([403, 403]);
    expect(missingNetwork.status).toBe(400);
    expect(missingNetwork.body.issues?.[0].field).toBe('networkId');
  });

  it('reminds an open action before its due date and escalates it after, on UK working days, and never a finished one', async () => {
    // Prepare: due on a Friday, so the first working day after it is the Monday.
    const start = today(env);
    const dueOn = fridayAfter(start, 3);
    const reminded = await add({ title: 'Audit ten care plans', owner: 'Ward manager', dueOn, standardIds: ['1.3'], addedBy: 'Asha Patel' });
    const finished = await add({ title: 'Post the rota', owner: 'Ward manager', dueOn, addedBy: 'Asha Patel' });
    expect([reminded.status, finished.status]).toEqual([201, 201]);
    // The measure that follows the reminded action: a year of audits, then a shift up after the change.
    const measurePath = `/cycles/${cycleId}/measures/audits`;
    const defined = await callApiAs(env.app, SERVICE, 'PUT', measurePath, { name: 'Care plans audited', definition: 'Care plans audited in the month', kind: 'count', unit: 'audits', improvement: 'increase', actionId: reminded.body.action.actionId });
    const imported = await callApiAs(env.app, SERVICE, 'POST', `${measurePath}/points`, { csv: ['date,value', ...AUDITS.map((value, index) => `${2024 + Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01,${value}`)].join('\n') });
    expect([defined.status, imported.status]).toEqual([201, 200]);
    expect((await change(finished.body.action.actionId, { status: 'done', basedOnVersion: 1, updatedBy: 'Asha Patel' })).status).toBe(200);
    const last = addWorkingDays(dueOn, 11);
    // Act: the daily sweep (the scheduler's, on the moving clock), every calendar day, weekends too, until past the last rung.
    const sentOn: Record<string, string[]> = {};
    for (let day = start; day <= last; day = nextDay(day)) {
      // Mid-morning: the local scheduler has fired that day's 07:00 sweep, as on AWS.
      await env.app.stepFunctions.clock.advanceTo(new Date(Date.parse(sweepTimeOn(day)) + 3 * 3_600_000));
      const emails = [...(await emailsTo(env.app, 'lead@svc-plan.example.org')), ...(await emailsTo(env.app, QI_LEAD)), ...(await emailsTo(env.app, NETWORK_MANAGER))];
      sentOn[day] = [...new Set(emails.filter((email) => email.subject.includes('Audit ten care plans')).map((email) => `${email.subject.split(':')[0]} ${email.destination.to.join(',')}`))];
    }
    // Assess: each email appears first on its day, by the network's offsets in UK working days.
    const firstSeen = Object.entries(sentOn).flatMap(([day, subjects], index, all) => subjects.filter((subject) => !(all[index - 1]?.[1] ?? []).includes(subject)).map((subject) => [day, subject]));
    expect(firstSeen).toEqual([
      [addWorkingDays(dueOn, -1), 'Reminder lead@svc-plan.example.org'],
      [addWorkingDays(dueOn, 1), 'Overdue lead@svc-plan.example.org'],
      [addWorkingDays(dueOn, 5), `Overdue ${QI_LEAD}`],
      [addWorkingDays(dueOn, 10), `Overdue ${NETWORK_MANAGER}`],
    ]);
    expect(new Date(`${addWorkingDays(dueOn, 1)}T12:00:00Z`).getUTCDay()).toBe(1);
    const items = await cycleItems(env.table, env.app.tableName, cycleId);
    const escalations = items.filter((item) => item.type === 'escalation-sent').map((item) => item.detail as { stage: string; actionId: string });
    expect(escalations.filter((detail) => detail.actionId === reminded.body.action.actionId).map((detail) => detail.stage)).toEqual(Array(3).fill(`action-plan#${reminded.body.action.actionId}`));
    expect(JSON.stringify(items.filter((item) => String(item.sk).startsWith('REMINDER#')))).not.toContain('Post the rota');
    expect(items.filter((item) => String(item.sk).startsWith(`REMINDER#action-plan#${finished.body.action.actionId}#`))).toEqual([]);
    expect(items.find((item) => item.sk === `ACTION#${reminded.body.action.actionId}`)).toMatchObject({ nextReminderOn: '9999-12-31' });

    // Assess: the emails are the action's own, not a cycle step's, and carry the measure's charts.
    const actionEmails = ((await emailsTo(env.app, QI_LEAD)) as EmailWithParts[]).filter((email) => email.subject.includes('Audit ten care plans'));
    const [reminder] = ((await emailsTo(env.app, 'lead@svc-plan.example.org')) as EmailWithParts[]).filter((email) => email.subject.startsWith('Reminder:') && email.subject.includes('Audit ten care plans'));
    const [escalation] = actionEmails;
    expect(reminder.subject).toBe(`Reminder: action “Audit ten care plans” for ${reminder.subject.split(' for ')[1]}`);
    expect(escalation.subject).toMatch(new RegExp(`^Overdue: action “Audit ten care plans” for .+ was due ${dueOn}$`));
    for (const email of [reminder, escalation]) {
      expect(email.body.text).toContain('Action: Audit ten care plans\nOwner: Ward manager\nDue: ' + dueOn + '\nStandard: Standard 1.3 (Type ');
      expect(email.body.text).toContain(`/cycles/${cycleId}/action-plan/actions/${reminded.body.action.actionId}`);
      expect(email.body.text).not.toMatch(/review cycle for|stage of the/);
      expect(email.body.text).toContain('Measure: Care plans audited\nRun chart: Run chart of 24 points');
      expect(email.body.text).toMatch(/Shift: 12 points above the median/);
      const inline = email.attachments.filter((part) => part.contentDisposition === 'INLINE');
      expect(inline.map((part) => [part.contentType, part.contentId, part.filename])).toEqual([
        ['image/png', 'run-chart@care-plans-audited', 'care-plans-audited-run-chart.png'],
        ['image/png', 'spc-chart@care-plans-audited', 'care-plans-audited-spc-chart.png'],
      ]);
      expect(inline.map((part) => [...Buffer.from(part.content, 'base64').subarray(1, 4)])).toEqual([[80, 78, 71], [80, 78, 71]]);
      expect(email.attachments.filter((part) => part.contentDisposition !== 'INLINE').map((part) => part.contentType)).toEqual(['image/svg+xml', 'image/svg+xml']);
      expect(email.body.html).toContain('src="cid:spc-chart@care-plans-audited"');
      expect(email.body.html).toMatch(/alt="SPC chart of Care plans audited\. XmR chart of 24 points; [^"]*Special cause of improving nature, high/);
    }
    expect(escalation.body.text).toContain('escalation step 2');
  });
});
