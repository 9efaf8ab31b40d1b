// The self-review answered per standard (issue 9) on the local stack: several people of the service
// save answers at once, a save based on an older version is refused with who changed it and when,
// an unknown standard is a 400 naming it, another organisation is refused, and the submission is
// built from the saved answers. Every call goes through the local adapter's x-local-user identity.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../support/local-app.ts';
import type { TestApp } from '../support/local-app.ts';
import { enrolAndStart, loadNetwork, waitForTask } from '../support/cycle-walk.ts';
import { callApiAs } from '../support/operations.ts';

let env: TestApp;

interface Saved {
  answer: { standardId: string; version: number; savedBy: string; savedAt: string };
}
interface Refusal {
  error: string;
  message: string;
  issues?: { field: string; message: string }[];
  current?: { version: number; savedBy: string; savedAt: string };
}
interface SelfReview {
  sections: { section: string; progress: string; answered: number; standards: { id: string; answer?: { rating?: string; comment?: string; evidence?: unknown[]; version: number; savedBy: string } }[] }[];
}

const save = (user: string, cycleId: string, standardId: string, body: Record<string, unknown>) =>
  callApiAs<Saved & Refusal>(env.app, user, 'PUT', `/cycles/${cycleId}/self-review/answers/${encodeURIComponent(standardId)}`, body);

const cycleAtSelfReview = async (serviceId: string): Promise<string> => {
  const { cycleId } = await enrolAndStart(env, serviceId, 'self-review');
  await waitForTask(env, cycleId, 'self-review');
  return cycleId;
};

describe('Integration: the self-review saved per standard', () => {
  beforeAll(async () => {
    env = await startTestApp();
    await loadNetwork(env);
  }, 120_000);

  afterAll(async () => {
    await env?.stop();
  });

  it('refuses the slower of two saves racing on one standard with 409 naming the other saver, and keeps the first', async () => {
    // Prepare
    const cycleId = await cycleAtSelfReview('svc-race');
    const service = 'service:org-svc-race';
    // Act
    const [first, second] = await Promise.all([
      save(service, cycleId, '1.1', { rating: 'met', comment: 'Audit in March', basedOnVersion: 0, savedBy: 'Asha Patel' }),
      save(service, cycleId, '1.1', { rating: 'not-met', basedOnVersion: 0, savedBy: 'Ben Okafor' }),
    ]);
    const view = await callApiAs<SelfReview>(env.app, service, 'GET', `/cycles/${cycleId}/self-review`);
    // Assess
    expect([first.status, second.status].sort()).toEqual([200, 409]);
    const [won, lost] = first.status === 200 ? [first, second] : [second, first];
    expect(lost.body.error).toBe('StaleAnswer');
    expect(lost.body.current).toEqual({ version: 1, savedBy: won.body.answer.savedBy, savedAt: won.body.answer.savedAt });
    expect(lost.body.message).toContain(`changed by ${won.body.answer.savedBy} at ${won.body.answer.savedAt}`);
    const stored = view.body.sections[0].standards.find((standard) => standard.id === '1.1')?.answer;
    expect(stored).toMatchObject({ version: 1, savedBy: won.body.answer.savedBy });
  });

  it('saves on top of the version read, refuses a stale one, and shows each section\'s progress', async () => {
    // Prepare
    const cycleId = await cycleAtSelfReview('svc-versions');
    const service = 'service:org-svc-versions';
    const evidence = [{ title: 'Ward audit', url: 'https://trust.example.nhs.uk/audit.pdf' }];
    // Act
    const v1 = await save(service, cycleId, '1.1', { rating: 'met', basedOnVersion: 0, savedBy: 'Asha Patel' });
    const v2 = await save('staff', cycleId, '1.1', { rating: 'met', comment: 'Seen on the visit', evidence, basedOnVersion: 1, savedBy: 'Network officer' });
    const stale = await save(service, cycleId, '1.1', { rating: 'not-met', basedOnVersion: 1, savedBy: 'Asha Patel' });
    await save(service, cycleId, '2.1', { comment: 'Ask the consultant', basedOnVersion: 0, savedBy: 'Asha Patel' });
    const view = await callApiAs<SelfReview>(env.app, service, 'GET', `/cycles/${cycleId}/self-review`);
    // Assess
    expect([v1.status, v2.status, stale.status]).toEqual([200, 200, 409]);
    expect(stale.body.message).toMatch(/changed by Network officer at .* \(version 2\)/);
    expect(view.body.sections.map((section) => section.progress)).toEqual(['in-progress', 'in-progress', 'not-started', 'not-started', 'not-started', 'not-started', 'not-started']);
    expect(view.body.sections[0].standards[0].answer).toMatchObject({ rating: 'met', comment: 'Seen on the visit', evidence, version: 2 });
  });

  it.each([
    ['an unknown standard id', '9.99', { rating: 'met', basedOnVersion: 0, savedBy: 'Asha Patel' }, 'standardId', /9\.99 is not a standard of this cycle/],
    ['an http evidence link', '1.2', { evidence: [{ title: 'Policy', url: 'http://trust.example/p.pdf' }], basedOnVersion: 0, savedBy: 'Asha Patel' }, 'evidence.0.url', /https/],
    ['a rating outside met, not met, not applicable', '1.2', { rating: 'partly', basedOnVersion: 0, savedBy: 'Asha Patel' }, 'rating', /./],
  ])('answers %s with 400 naming the field', async (_label, standardId, body, field, message) => {
    // Prepare
    const cycleId = await cycleAtSelfReview(`svc-bad-${field.replace(/\W/g, '')}`);
    // Act
    const refused = await save(`service:org-svc-bad-${field.replace(/\W/g, '')}`, cycleId, standardId, body);
    // Assess
    expect(refused.status).toBe(400);
    const issue = refused.body.issues?.find((candidate) => candidate.field === field);
    expect(issue?.message).toMatch(message);
  });

  it('refuses another organisation\'s read and save with 403, and a reviewer\'s save', async () => {
    // Prepare
    const cycleId = await cycleAtSelfReview('svc-private');
    // Act
    const read = await callApiAs<Refusal>(env.app, 'service:org-svc-race', 'GET', `/cycles/${cycleId}/self-review`);
    const saved = await save('service:org-svc-race', cycleId, '1.1', { rating: 'met', basedOnVersion: 0, savedBy: 'Intruder' });
    const byReviewer = await save('reviewer:org-lead-a:lead-a', cycleId, '1.1', { rating: 'met', basedOnVersion: 0, savedBy: 'Reviewer' });
    // Assess
    expect([read.status, saved.status, byReviewer.status]).toEqual([403, 403, 403]);
    expect(saved.body.message).toMatch(/does not belong to organisation org-svc-race/);
  });

  it('refuses a submission naming an unknown standard with 400, refuses a colleague\'s submission with 403 naming the lead, then submits the lead\'s saved answers once and saves no more', async () => {
    // Prepare: colleagues save answers; only the enrolled lead submits (src/step-actors.ts).
    const cycleId = await cycleAtSelfReview('svc-submits');
    const service = 'service:org-svc-submits::nurse@svc-submits.example.org';
    const lead = 'service:org-svc-submits::LEAD@svc-submits.example.org';
    const view = await callApiAs<SelfReview>(env.app, service, 'GET', `/cycles/${cycleId}/self-review`);
    const ids = view.body.sections.flatMap((section) => section.standards.map((standard) => standard.id));
    // Act
    const unknown = await callApiAs<Refusal>(env.app, lead, 'POST', `/cycles/${cycleId}/tasks/self-review`, { submittedBy: 'Lead', ratings: { '1.1': 'met', 'Z.9': 'met' } });
    for (const id of ids.slice(1)) await save(service, cycleId, id, { rating: 'met', basedOnVersion: 0, savedBy: 'Asha Patel' });
    const incomplete = await callApiAs<Refusal>(env.app, lead, 'POST', `/cycles/${cycleId}/tasks/self-review`, { submittedBy: 'Lead', fromSavedAnswers: true });
    await save(service, cycleId, ids[0], { rating: 'not-met', comment: 'No audit yet', basedOnVersion: 0, savedBy: 'Asha Patel' });
    const byColleague = await callApiAs<Refusal & { missing?: Record<string, string> }>(env.app, service, 'POST', `/cycles/${cycleId}/tasks/self-review`, { submittedBy: 'Asha Patel', fromSavedAnswers: true });
    const submitted = await callApiAs<{ submission: { ratings: Record<string, string>; answerVersions: Record<string, number> } }>(env.app, lead, 'POST', `/cycles/${cycleId}/tasks/self-review`, { submittedBy: 'Lead', fromSavedAnswers: true });
    const repeated = await callApiAs(env.app, lead, 'POST', `/cycles/${cycleId}/tasks/self-review`, { submittedBy: 'Lead', fromSavedAnswers: true });
    await waitForTask(env, cycleId, 'self-review', 'submitted');
    const late = await save(service, cycleId, ids[0], { rating: 'met', basedOnVersion: 1, savedBy: 'Asha Patel' });
    // Assess
    expect(unknown.status).toBe(400);
    expect(unknown.body.issues).toEqual([{ field: 'ratings.Z.9', message: 'Z.9 is not a standard of this cycle' }]);
    expect(incomplete.status).toBe(400);
    expect(incomplete.body.issues).toEqual([{ field: `answers.${ids[0]}`, message: `${ids[0]} has no rating (met, not met or not applicable)` }]);
    expect(byColleague.status).toBe(403);
    expect(byColleague.body.message).toMatch(/Only the service lead \(lead@svc-submits\.example\.org\) may submit the self-review/);
    expect(byColleague.body.missing).toEqual({ rule: 'service-lead' });
    expect(submitted.status).toBe(202);
    expect(Object.keys(submitted.body.submission.ratings)).toHaveLength(ids.length);
    expect(submitted.body.submission.ratings[ids[0]]).toBe('not-met');
    expect(submitted.body.submission.answerVersions).toMatchObject({ [ids[0]]: 1, [ids[1]]: 1 });
    const afterSubmission = await callApiAs<SelfReview>(env.app, service, 'GET', `/cycles/${cycleId}/self-review`);
    expect(afterSubmission.body.sections[0].standards[0].answer).toMatchObject({ rating: 'not-met', comment: 'No audit yet' });
    expect(repeated.status).toBe(200);
    expect(late.status).toBe(409);
  });
});
