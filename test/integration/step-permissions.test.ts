// Who may do what on a cycle's personal steps (issue 12, defect 10): reviewers answer their own
// invitations, the host service cancels its own visit, only the lead reviewer (or staff) submits the
// team's peer ratings, and a cancellation after the visit day records the refusal alone. Each
// cross-role attempt is a 403 naming the rule. The cycles run on the local stack; every call goes
// through the local adapter's x-local-user identity, as Cognito's claims would on AWS.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi, cycleItems, startTestApp } from '../support/local-app.ts';
import type { TestApp } from '../support/local-app.ts';
import { acceptAll, advanceBeyond, allocationOf, enrolAndStart, loadNetwork, offeredDates, peerRatingsBody, selfReviewBody, submit, waitForTask } from '../support/cycle-walk.ts';
import type { Allocation, TaskView } from '../support/cycle-walk.ts';
import { callApiAs } from '../support/operations.ts';

let env: TestApp;

interface Refusal {
  error: string;
  message: string;
  missing: Record<string, unknown>;
}

/** The x-local-user identity of a reviewer (the organisation part is not read for reviewers). */
const asReviewer = (reviewerId: string) => `reviewer:org-${reviewerId}:${reviewerId}`;

/** A cycle whose review team has been invited: self-review and date offers done by staff. */
const cycleAtInvitations = async (serviceId: string): Promise<{ cycleId: string; allocation: Allocation }> => {
  const { cycleId } = await enrolAndStart(env, serviceId, 'permissions');
  await waitForTask(env, cycleId, 'self-review');
  expect((await submit(env, cycleId, 'self-review', selfReviewBody)).status).toBe(202);
  await waitForTask(env, cycleId, 'peer-review-scheduling');
  expect((await submit(env, cycleId, 'peer-review-scheduling', { offeredBy: 'Service lead', dates: offeredDates(env) })).status).toBe(202);
  await waitForTask(env, cycleId, 'reviewer-acceptance');
  return { cycleId, allocation: await allocationOf(env, cycleId) };
};

/** Each member accepts their own invitation; the visit is then booked. */
const acceptEachOwn = async (cycleId: string, allocation: Allocation): Promise<TaskView> => {
  for (const member of allocation.team) {
    const answer = await callApiAs(env.app, asReviewer(member.reviewerId), 'POST', `/cycles/${cycleId}/reviewers/${member.reviewerId}/accept`, {});
    expect(answer.status).toBe(202);
  }
  return waitForTask(env, cycleId, 'visit');
};

const auditOf = async (cycleId: string) =>
  (await cycleItems(env.table, env.app.tableName, cycleId))
    .filter((item) => String(item.sk).startsWith('AUDIT#'))
    .map((item) => ({ type: String(item.type), stage: (item.detail as { stage?: string } | undefined)?.stage }));

describe('Integration: who may answer, cancel and rate', () => {
  beforeAll(async () => {
    env = await startTestApp();
    await loadNetwork(env);
  }, 120_000);

  afterAll(async () => {
    await env?.stop();
  });

  it('lets each reviewer answer their own invitation, and refuses one answering for another with 403 naming the rule', async () => {
    // Prepare
    const { cycleId, allocation } = await cycleAtInvitations('svc-answers');
    const [lead, peer] = allocation.team;
    // Act
    const forAnother = await callApiAs<Refusal>(env.app, asReviewer(peer.reviewerId), 'POST', `/cycles/${cycleId}/reviewers/${lead.reviewerId}/decline`, { reason: 'Not mine to say' });
    const byTheHost = await callApiAs<Refusal>(env.app, `service:org-svc-answers`, 'POST', `/cycles/${cycleId}/reviewers/${lead.reviewerId}/accept`, {});
    const visit = await acceptEachOwn(cycleId, allocation);
    // Assess
    expect(forAnother.status).toBe(403);
    expect(forAnother.body.message).toMatch(new RegExp(`Reviewer ${peer.reviewerId} may answer only their own invitation`));
    expect(forAnother.body.missing).toEqual({ rule: 'invited-reviewer' });
    expect(byTheHost.status).toBe(403);
    expect(byTheHost.body.message).toMatch(/Requires group staff or reviewer/);
    const answers = (await cycleItems(env.table, env.app.tableName, cycleId)).filter((item) => item.type === 'invitation-answered');
    expect(answers.map((item) => item.actor).sort()).toEqual(allocation.team.map((member) => member.reviewerId).sort());
    expect(visit.status).toBe('open');
  });

  it('lets the host service cancel its own visit, and refuses a service of another organisation', async () => {
    // Prepare
    const { cycleId, allocation } = await cycleAtInvitations('svc-cancels');
    await acceptEachOwn(cycleId, allocation);
    const cancellation = { cancelledBy: 'Service lead', reason: 'Ward closed (infection control)' };
    // Act
    const byAnother = await callApiAs<Refusal>(env.app, 'service:org-svc-answers', 'POST', `/cycles/${cycleId}/visit/cancel`, cancellation);
    const byAReviewer = await callApiAs<Refusal>(env.app, asReviewer(allocation.team[0].reviewerId), 'POST', `/cycles/${cycleId}/visit/cancel`, cancellation);
    const byTheHost = await callApiAs(env.app, 'service:org-svc-cancels', 'POST', `/cycles/${cycleId}/visit/cancel`, cancellation);
    const rebooking = await waitForTask(env, cycleId, 'peer-review-scheduling');
    // Assess
    expect(byAnother.status).toBe(403);
    expect(byAnother.body.message).toMatch(/does not belong to organisation org-svc-answers/);
    expect(byAReviewer.status).toBe(403);
    expect(byAReviewer.body.message).toMatch(/Requires group staff or service/);
    expect(byTheHost.status).toBe(202);
    expect(rebooking.status).toBe('open');
    expect((await auditOf(cycleId)).filter((event) => event.type === 'submission-received' && event.stage === 'visit')).toHaveLength(1);
  });

  describe('after the visit day', () => {
    // One cycle walked past its visit day: the visit step closed ("passed") when peer ratings opened.
    let afterVisitDay: { cycleId: string; allocation: Allocation };

    beforeAll(async () => {
      const { cycleId } = await cycleAtInvitations('svc-visited');
      const allocation = await acceptAll(env, cycleId);
      const visit = await waitForTask(env, cycleId, 'visit');
      await advanceBeyond(env, visit.dueAt);
      await waitForTask(env, cycleId, 'peer-ratings');
      afterVisitDay = { cycleId, allocation };
    }, 120_000);

    it('refuses a visit cancellation after the visit day with 409, and records no submission for it', async () => {
      // Prepare
      const { cycleId } = afterVisitDay;
      const cancellation = { cancelledBy: 'Service lead', reason: 'Too late' };
      // Act
      const late = await callApi<Refusal>(env.app, 'POST', `/cycles/${cycleId}/visit/cancel`, cancellation);
      const repeated = await callApi<Refusal>(env.app, 'POST', `/cycles/${cycleId}/visit/cancel`, cancellation);
      // Assess
      const visitEvents = (await auditOf(cycleId)).filter((event) => event.stage === 'visit' && event.type !== 'task-opened');
      // The step's own close is the only visit event: no submission-received for the refused cancellation.
      expect(visitEvents).toEqual([{ type: 'stage-recorded', stage: 'visit' }]);
      expect(late.status).toBe(409);
      expect(late.body.message).toMatch(/visit deadline .* has passed; nothing was recorded/);
      expect(repeated).toEqual(late);
    });

    it('takes the peer ratings from the lead reviewer only: another member of the team gets 403 naming the rule', async () => {
      // Prepare
      const { cycleId, allocation } = afterVisitDay;
      const lead = allocation.team.find((member) => member.role === 'lead');
      const peer = allocation.team.find((member) => member.role !== 'lead');
      if (!lead || !peer) throw new Error('the team has no lead or no other member');
      // Act
      const byPeer = await callApiAs<Refusal>(env.app, asReviewer(peer.reviewerId), 'POST', `/cycles/${cycleId}/tasks/peer-ratings`, peerRatingsBody());
      const byLead = await callApiAs(env.app, asReviewer(lead.reviewerId), 'POST', `/cycles/${cycleId}/tasks/peer-ratings`, peerRatingsBody());
      // Assess
      expect(byPeer.status).toBe(403);
      expect(byPeer.body.message).toMatch(new RegExp(`Only the lead reviewer \\(${lead.reviewerId}\\) may submit the peer-ratings`));
      expect(byPeer.body.missing).toEqual({ rule: 'lead-reviewer' });
      expect(byLead.status).toBe(202);
    });
  });
});
