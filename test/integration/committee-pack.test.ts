// The committee pack (issue 9) on the local stack: what the committee reads for a first decision
// (the recommendation, scores, ratings side by side, the report and the service's factual-accuracy
// corrections), and for a re-decision what the service sent since: the deferral evidence per
// blocking standard, or the appeal grounds; in the API and in the pack email, which before this
// was sent again identical to the first. Deferral evidence naming an unknown or met standard is a 400.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommitteePack } from '#core/committee-pack';
import { sesEmails, startTestApp } from '../support/local-app.ts';
import type { StoredEmail, TestApp } from '../support/local-app.ts';
import { enrolAndStart, loadNetwork, submit, waitForTask, walkToCommittee } from '../support/cycle-walk.ts';
import { callApiAs } from '../support/operations.ts';

let env: TestApp;

const packOf = (cycleId: string, as = 'committee') => callApiAs<{ pack: CommitteePack }>(env.app, as, 'GET', `/cycles/${cycleId}/committee-pack`);
const decide = (cycleId: string, outcome: string, reason: string) => submit(env, cycleId, 'committee-decision', { decidedBy: 'Committee chair', outcome, reason });
const packEmails = async (serviceId: string): Promise<StoredEmail[]> => (await sesEmails(env.app)).filter((email) => email.subject.startsWith(`Committee pack: Service ${serviceId}`));

describe('Integration: the committee pack', () => {
  beforeAll(async () => {
    env = await startTestApp();
    await loadNetwork(env);
  });
  afterAll(async () => {
    await env?.stop();
  });

  it('for a first decision: the recommendation, scores, ratings side by side and the corrections, for the committee and staff only', async () => {
    // Prepare
    const { cycleId } = await enrolAndStart(env, 'svc-pack-first', 'pack1');
    await walkToCommittee(env, cycleId, { notMet: ['1.1'], corrections: 'The unit has 14 beds, not 12' });
    await waitForTask(env, cycleId, 'committee-decision');

    // Act
    const pack = await packOf(cycleId);
    const asStaff = await packOf(cycleId, 'staff');
    // The service's own organisation: it reads its cycle and report, not the committee's pack.
    const asService = await packOf(cycleId, 'service:org-svc-pack-first');

    // Assess
    expect(pack.status).toBe(200);
    expect(asStaff.status).toBe(200);
    expect(asService.status).toBe(403);
    const { recommendation, scores, ratings, factualAccuracy, report, redecision } = pack.body.pack;
    expect(recommendation.blockingStandards.map((standard) => standard.id)).toEqual(['1.1']);
    expect(recommendation.reasons.length).toBeGreaterThan(0);
    expect(scores.find((score) => score.type === 1)).toMatchObject({ met: expect.any(Number), threshold: 100 });
    expect(scores.find((score) => score.type === 1)?.met).toBe((scores.find((score) => score.type === 1)?.applicable ?? 0) - 1);
    expect(ratings.filter((row) => row.disagree).map((row) => [row.id, row.self?.rating, row.peer?.rating])).toEqual([['1.1', 'met', 'not-met']]);
    expect(factualAccuracy).toMatchObject({ outcome: 'corrections', corrections: [{ text: 'The unit has 14 beds, not 12' }] });
    expect(report.html).toContain('<h1>');
    expect(redecision).toBeUndefined();
    const [email] = await packEmails('svc-pack-first');
    expect(email.body.text).toContain('The unit has 14 beds, not 12');
  });

  it('after a deferral: evidence naming an unknown or a met standard is refused, and the re-decision pack and email show the evidence', async () => {
    // Prepare
    const { cycleId } = await enrolAndStart(env, 'svc-pack-deferred', 'pack2');
    await walkToCommittee(env, cycleId, { notMet: ['1.1'] });
    await waitForTask(env, cycleId, 'committee-decision');
    expect((await decide(cycleId, 'deferred', 'Standard 1.1 (Type 1) not met')).status).toBe(202);
    await waitForTask(env, cycleId, 'deferral-evidence');
    const evidence = (standardId: string) => ({
      submittedBy: 'Service lead',
      summary: 'Risk assessments audited',
      evidence: [{ standardId, note: 'Audit of 20 admissions: all assessed within 24 hours', links: [{ title: 'Audit', url: 'https://evidence.example.org/audit.pdf' }] }],
    });

    // Act
    const unmet = await callApiAs<{ standards: { id: string; blocking: boolean }[] }>(env.app, 'service:org-svc-pack-deferred', 'GET', `/cycles/${cycleId}/unmet-standards`);
    const unknown = await submit(env, cycleId, 'deferral-evidence', evidence('9.99'));
    const met = await submit(env, cycleId, 'deferral-evidence', evidence('1.2'));
    const sent = await submit(env, cycleId, 'deferral-evidence', evidence('1.1'));
    await waitForTask(env, cycleId, 'committee-decision');
    const pack = await packOf(cycleId);

    // Assess
    expect(unmet.body.standards.map((standard) => [standard.id, standard.blocking])).toEqual([['1.1', true]]);
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(unknown.body)).toContain('9.99 is not a standard of this cycle');
    expect(met.status).toBe(400);
    expect(JSON.stringify(met.body)).toContain('1.2 is not an unmet standard');
    expect(sent.status).toBe(202);
    expect(pack.body.pack.redecision).toMatchObject({
      because: 'deferral-evidence',
      previousDecision: { outcome: 'deferred', reason: 'Standard 1.1 (Type 1) not met' },
      deferralEvidence: { summary: 'Risk assessments audited', standards: [{ id: '1.1', blocking: true, notes: [{ note: 'Audit of 20 admissions: all assessed within 24 hours' }] }] },
    });
    const emails = await packEmails('svc-pack-deferred');
    expect(emails).toHaveLength(2);
    expect(emails[0].body.text).not.toContain('Audit of 20 admissions');
    expect(emails[1].subject).toContain('to decide again after deferral evidence');
    expect(emails[1].body.text).toContain('Audit of 20 admissions: all assessed within 24 hours');
    expect(emails[1].body.html).toContain('https://evidence.example.org/audit.pdf');
  });

  it('after an appeal: the re-decision pack and email show the grounds', async () => {
    // Prepare
    const { cycleId } = await enrolAndStart(env, 'svc-pack-appeal', 'pack3');
    await walkToCommittee(env, cycleId, { notMet: ['1.1', '1.2', '2.1', '2.2', '2.3', '3.1', '3.2'] });
    await waitForTask(env, cycleId, 'committee-decision');
    expect((await decide(cycleId, 'not-accredited', 'Seven standards unmet')).status).toBe(202);
    await waitForTask(env, cycleId, 'appeal');

    // Act
    expect((await submit(env, cycleId, 'appeal', { lodgedBy: 'Service lead', grounds: 'The review team did not see the 1.2 rights leaflet log' })).status).toBe(202);
    await waitForTask(env, cycleId, 'committee-decision');
    const pack = await packOf(cycleId);

    // Assess
    expect(pack.body.pack.redecision).toMatchObject({
      because: 'appeal',
      previousDecision: { outcome: 'not-accredited', label: 'Not accredited' },
      appeal: { lodgedBy: 'Service lead', grounds: 'The review team did not see the 1.2 rights leaflet log' },
    });
    const emails = await packEmails('svc-pack-appeal');
    expect(emails).toHaveLength(2);
    expect(emails[1].subject).toContain('after an appeal');
    expect(emails[1].body.text).toContain('The review team did not see the 1.2 rights leaflet log');
  });
});
