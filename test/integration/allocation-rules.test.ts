// Reviewer allocation rules on the local stack (issue 10, defects 1 and 3): a hand-picked team is
// held to the automatic allocation's hard rules, staff can see why each reviewer is ruled out,
// and a declined invitation is replaced from the pool before anything goes to staff.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allowOverridableRules } from '../support/network-rules.ts';
import { callApi, cycleItems, enteredStates, executionHistory, sesEmails, startTestApp } from '../support/local-app.ts';
import type { TestApp } from '../support/local-app.ts';
import { NETWORK, allocationOf, enrolAndStart, loadNetwork, offeredDates, selfReviewBody, submit, waitForTask } from '../support/cycle-walk.ts';

let env: TestApp;

/** From a started cycle to the allocation step, with the host's three dates. */
const offerDates = async (cycleId: string): Promise<string[]> => {
  await waitForTask(env, cycleId, 'self-review');
  await submit(env, cycleId, 'self-review', selfReviewBody);
  await waitForTask(env, cycleId, 'peer-review-scheduling');
  const dates = offeredDates(env);
  await submit(env, cycleId, 'peer-review-scheduling', { offeredBy: 'Service lead', dates });
  return dates;
};

const answer = (cycleId: string, reviewerId: string, what: 'accept' | 'decline') =>
  callApi(env.app, 'POST', `/cycles/${cycleId}/reviewers/${reviewerId}/${what}`, what === 'decline' ? { reason: 'On leave that week' } : {});

const auditEvents = async (cycleId: string) =>
  (await cycleItems(env.table, env.app.tableName, cycleId)).filter((item) => String(item.sk).startsWith('AUDIT#'));

const reviewsThisYear = async (): Promise<Record<string, number>> => {
  const { body } = await callApi<{ reviewers: { id: string; reviewsThisYear: number }[] }>(env.app, 'GET', `/networks/${NETWORK}/reviewers`);
  return Object.fromEntries(body.reviewers.map((reviewer) => [reviewer.id, reviewer.reviewsThisYear]));
};

const invitationsTo = async (serviceId: string) =>
  (await sesEmails(env.app)).filter((email) => email.subject.startsWith(`Invitation: peer-review visit to Service ${serviceId}`)).flatMap((email) => email.destination.to);

describe('Integration: reviewer allocation rules', () => {
  beforeAll(async () => {
    env = await startTestApp();
    await loadNetwork(env);
  });
  afterAll(async () => {
    await env?.stop();
  });

  it('refuses a hand-picked team that breaks a hard rule, naming each reviewer and rule, until the network allows the override', async () => {
    // Prepare: another visit of the cohort books a team on the first date; the host works in
    // lead-b's service and lead-a's organisation, so no lead is eligible and staff must pick.
    const busy = await enrolAndStart(env, 'svc-busy', 'hand');
    const dates = await offerDates(busy.cycleId);
    await waitForTask(env, busy.cycleId, 'reviewer-acceptance');
    const booked = await allocationOf(env, busy.cycleId);
    const { cycleId } = await enrolAndStart(env, 'home-lead-b', 'hand', { organisationId: 'org-lead-a' });
    await offerDates(cycleId);
    await waitForTask(env, cycleId, 'manual-allocation');
    const bookedLead = booked.team.find((member) => member.role === 'lead')?.reviewerId;
    const team = [{ reviewerId: 'lead-a', role: 'lead' }, { reviewerId: 'peer-a', role: 'professional' }, { reviewerId: 'expert-b', role: 'expert-by-experience' }];
    const before = await reviewsThisYear();

    // Act
    const sameDay = await submit(env, cycleId, 'manual-allocation', { allocatedBy: 'Network manager', date: booked.date, team });
    const candidates = await callApi<{ candidates: { reviewerId: string; eligible: boolean; reasons: { rule: string }[] }[] }>(env.app, 'GET', `/cycles/${cycleId}/allocation/candidates?date=${booked.date}`);
    const otherDay = dates.find((date) => date !== booked.date) as string;
    const notOverridable = await submit(env, cycleId, 'manual-allocation', {
      allocatedBy: 'Network manager', date: otherDay, team, overrides: [{ reviewerId: 'lead-a', rule: 'same-organisation', reason: 'Different site' }],
    });
    await allowOverridableRules(env, NETWORK, cycleId, ['same-organisation']);
    const overridden = await submit(env, cycleId, 'manual-allocation', {
      allocatedBy: 'Network manager', date: otherDay, team, overrides: [{ reviewerId: 'lead-a', rule: 'same-organisation', reason: 'Different site' }],
    });
    await waitForTask(env, cycleId, 'reviewer-acceptance');
    for (const member of team) expect((await answer(cycleId, member.reviewerId, 'accept')).status).toBe(202);
    await waitForTask(env, cycleId, 'visit');

    // Assess
    expect(bookedLead).toBe('lead-a');
    expect(sameDay).toMatchObject({ status: 409, body: { error: 'TeamBreaksAllocationRules' } });
    expect((sameDay.body as { issues: { reviewerId: string; rule: string }[] }).issues).toEqual(expect.arrayContaining([
      expect.objectContaining({ reviewerId: 'lead-a', rule: 'same-organisation' }),
      expect.objectContaining({ reviewerId: 'lead-a', rule: 'already-booked' }),
    ]));
    expect(String(sameDay.body.message)).toContain('lead-a');
    const byId = new Map(candidates.body.candidates.map((candidate) => [candidate.reviewerId, candidate]));
    expect(byId.get('lead-a')?.reasons.map((reason) => reason.rule)).toEqual(expect.arrayContaining(['same-organisation', 'already-booked']));
    expect(byId.get('lead-b')).toMatchObject({ eligible: false, reasons: expect.arrayContaining([expect.objectContaining({ rule: 'host-service' })]) });
    expect(byId.get('expert-b')).toMatchObject({ eligible: true, reasons: [] });
    expect(notOverridable).toMatchObject({ status: 409, body: { issues: [expect.objectContaining({ reviewerId: 'lead-a', rule: 'same-organisation', overridable: false })] } });
    expect(overridden.status).toBe(202);
    const allocated = (await auditEvents(cycleId)).find((event) => event.type === 'team-allocated');
    expect(allocated?.detail).toMatchObject({
      mode: 'manual',
      overridden: [{ reviewerId: 'lead-a', rule: 'same-organisation', reason: 'Different site' }],
      exclusionsByRule: expect.objectContaining({ 'same-organisation': 1, 'host-service': 1 }),
    });
    const after = await reviewsThisYear();
    expect(team.map((member) => after[member.reviewerId] - before[member.reviewerId])).toEqual([1, 1, 1]);
  });

  it('replaces a reviewer who declines from the pool, and carries on without one while the team meets its minimum', async () => {
    // Prepare
    const { cycleId, executionArn } = await enrolAndStart(env, 'svc-declined', 'decline');
    await offerDates(cycleId);
    await waitForTask(env, cycleId, 'reviewer-acceptance');
    const first = await allocationOf(env, cycleId);
    const expert = first.team.find((member) => member.role === 'expert-by-experience')?.reviewerId as string;
    const peer = first.team.filter((member) => member.role === 'professional').at(-1)?.reviewerId as string;
    const lead = first.team.find((member) => member.role === 'lead')?.reviewerId as string;
    const before = await reviewsThisYear();

    // Act
    expect((await answer(cycleId, lead, 'accept')).status).toBe(202);
    const expertDeclined = await answer(cycleId, expert, 'decline');
    // The decline completed the step; it opens again once the replacement is made.
    const replaced = await waitForTask(env, cycleId, 'reviewer-acceptance');
    const second = await allocationOf(env, cycleId);
    const peerDeclined = await answer(cycleId, peer, 'decline');
    await waitForTask(env, cycleId, 'reviewer-acceptance');
    const third = await allocationOf(env, cycleId);
    const declinedAgain = await answer(cycleId, expert, 'decline');
    const acceptedAfterDeclining = await answer(cycleId, expert, 'accept');
    for (const member of third.team.filter((m) => m.reviewerId !== lead)) expect((await answer(cycleId, member.reviewerId, 'accept')).status).toBe(202);
    await waitForTask(env, cycleId, 'visit');

    // Assess
    expect(expertDeclined.status).toBe(202);
    expect(peerDeclined.status).toBe(202);
    expect(replaced.status).toBe('open');
    // A replaced decliner repeating their answer changes nothing; they cannot accept a place they gave up.
    expect(declinedAgain).toMatchObject({ status: 200, body: { result: 'already-recorded' } });
    expect(acceptedAfterDeclining.status).toBe(404);
    const newcomer = second.team.find((member) => member.role === 'expert-by-experience')?.reviewerId;
    expect(newcomer).not.toBe(expert);
    expect(second.team.map((member) => member.reviewerId)).toEqual(first.team.map((member) => (member.reviewerId === expert ? newcomer : member.reviewerId)));
    expect(third.team.map((member) => member.reviewerId)).not.toContain(peer);
    expect(third.team.filter((member) => member.role === 'professional').length).toBeGreaterThanOrEqual(1);
    // The newcomer alone gets a second invitation; nobody else is invited twice.
    const invited = await invitationsTo('svc-declined');
    expect(invited.filter((to) => to === `${newcomer}@reviewers.example.org`)).toHaveLength(1);
    expect(invited).toHaveLength(first.team.length + 1);
    const states = enteredStates(await executionHistory(env.sfn, executionArn));
    expect(states.filter((name) => name === 'ReplaceDeclinedReviewer')).toHaveLength(2);
    expect(states).not.toContain('OpenManualAllocation');
    const after = await reviewsThisYear();
    expect(after[expert] - before[expert]).toBe(0);
    expect(after[newcomer as string] - before[newcomer as string]).toBe(1);
  });

  it('goes to staff only when no replacement exists, and the email says who declined and who was ruled out and why', async () => {
    // Prepare: lead-b works for the host's organisation, so lead-a is the only possible lead.
    const { cycleId, executionArn } = await enrolAndStart(env, 'svc-lead-declines', 'nolead', { organisationId: 'org-lead-b' });
    await offerDates(cycleId);
    await waitForTask(env, cycleId, 'reviewer-acceptance');

    // Act
    const declined = await answer(cycleId, 'lead-a', 'decline');
    await waitForTask(env, cycleId, 'manual-allocation');

    // Assess
    expect(declined.status).toBe(202);
    const allocation = await allocationOf(env, cycleId);
    expect(allocation).toMatchObject({ status: 'no-feasible-team', exclusions: expect.arrayContaining([expect.objectContaining({ reviewerId: 'lead-b', rule: 'same-organisation' })]) });
    const email = (await sesEmails(env.app)).find((sent) => sent.subject.startsWith('No conflict-free review team for Service svc-lead-declines'));
    expect(email?.body.text).toContain('lead-a');
    expect(email?.body.text).toContain('lead-b');
    expect(email?.body.text).toMatch(/Same organisation as the host/);
    expect(enteredStates(await executionHistory(env.sfn, executionArn))).toEqual(expect.arrayContaining(['ReplaceDeclinedReviewer', 'OpenManualAllocation']));
  });
});
