// Issue 13, "the next review sees the plan", on the local stack: a service accredited with one standard
// not met accepts it as an action, logs a PDSA cycle and links a measure to it; its interim review
// starts on its morning from the schedule the accreditation booked (the clock moved 18 months), and
// that cycle's GET /cycles/{id}/last-review shows, per standard, the action with its owner, status,
// PDSA ramp and the measure's run chart, found by key from the cycle that scheduled it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadNetwork } from '../support/cycle-walk.ts';
import { accreditPlanAndFollowUp, startFollowUp } from '../support/follow-up-walk.ts';
import type { FollowedUp } from '../support/follow-up-walk.ts';
import { callApi, startTestApp } from '../support/local-app.ts';
import type { TestApp } from '../support/local-app.ts';
import { callApiAs } from '../support/operations.ts';

const SERVICE = 'service:org-svc-next';

interface LastReviewView {
  cycleId: string;
  previousCycleId: string | null;
  standards: {
    standardId: string;
    actions: {
      actionId: string;
      title: string;
      owner: string;
      status: string;
      pdsa: { cycles: number; ramp: string; lastAct?: { decision: string; on: string } };
      measures: { measureId: string; name: string; points: number; runChart?: { svg: string; summary: string } }[];
    }[];
  }[];
  otherActions: { actionId: string; title: string }[];
}

let env: TestApp;
let cycleId: string;
let interimCycleId: string;
let renewal: FollowedUp['renewal'];

const lastReviewOf = (id: string, user = SERVICE) => callApiAs<LastReviewView>(env.app, user, 'GET', `/cycles/${id}/last-review`);

describe('Integration: the next review sees the plan (issue 13)', () => {
  beforeAll(async () => {
    env = await startTestApp();
    await loadNetwork(env);
    ({ cycleId, interimCycleId, renewal } = await accreditPlanAndFollowUp(env, 'svc-next'));
  }, 400_000);

  afterAll(async () => {
    await env?.stop();
  });

  it('shows, per standard, the action the last review left with its owner, status, PDSA ramp and the measure run chart', async () => {
    // Act
    const shown = await lastReviewOf(interimCycleId);
    const cycle = await callApi<{ cycle: { previousCycleId?: string; cohortId: string } }>(env.app, 'GET', `/cycles/${interimCycleId}`);
    // Assess
    expect(shown.status).toBe(200);
    expect(cycle.body.cycle).toMatchObject({ previousCycleId: cycleId, cohortId: expect.stringMatching(/^interim-review-\d{4}-\d{2}$/) });
    expect(shown.body.previousCycleId).toBe(cycleId);
    expect(shown.body.standards.map((standard) => standard.standardId)).toEqual(['1.1']);
    const [action] = shown.body.standards[0].actions;
    expect(action).toMatchObject({ actionId: 'A1', title: expect.stringMatching(/^Meet 1\.1: /), owner: 'Ward manager', status: 'in-progress', pdsa: { cycles: 1, ramp: 'adopted', lastAct: { decision: 'adopt' } } });
    expect(action.measures.map(({ measureId, name, points }) => ({ measureId, name, points }))).toEqual([{ measureId: 'risk-assessed', name: 'Patients with a risk assessment in 24 hours', points: 24 }]);
    expect(action.measures[0].runChart?.summary).toContain('Shift: 12 points above the median');
    expect(action.measures[0].runChart?.svg).toMatch(/^<svg [^>]*role="img"/);
    expect(shown.body.otherActions.map(({ actionId, title }) => [actionId, title])).toEqual([['A2', 'Weekly huddle on risk']]);
  });

  it('shows nothing left for a first cycle, which follows no review', async () => {
    // Act
    const shown = await lastReviewOf(cycleId);
    // Assess
    expect(shown.status).toBe(200);
    expect(shown.body).toEqual({ cycleId, previousCycleId: null, standards: [], otherActions: [] });
  });

  it('refuses with 400 naming actionId a measure linked to an action the plan does not have', async () => {
    // Act
    const refused = await callApiAs<{ issues: { field: string; message: string }[] }>(env.app, SERVICE, 'PUT', `/cycles/${cycleId}/measures/falls`, {
      name: 'Falls',
      definition: 'Falls a month',
      kind: 'count',
      unit: 'falls',
      improvement: 'decrease',
      actionId: 'A9',
    });
    // Assess
    expect(refused.status).toBe(400);
    expect(refused.body.issues).toEqual([{ field: 'actionId', message: 'The action plan of this cycle has no action A9' }]);
  });

  it('shows a renewal the plan of the interim review booked with it, which came after the accrediting cycle', async () => {
    // Prepare: the interim review's own action on standard 1.2, then the renewal's morning
    const added = await callApiAs(env.app, SERVICE, 'POST', `/cycles/${interimCycleId}/action-plan/actions`, { title: 'Care plans shared with the patient', owner: 'Charge nurse', dueOn: renewal.startDate, standardIds: ['1.2'], addedBy: 'Asha Patel' });
    const renewalCycleId = await startFollowUp(env, renewal);
    // Act
    const shown = await lastReviewOf(renewalCycleId);
    // Assess
    expect(added.status).toBe(201);
    expect(shown.status).toBe(200);
    expect(shown.body.previousCycleId).toBe(interimCycleId);
    expect(shown.body.standards.map((standard) => [standard.standardId, standard.actions.map((action) => [action.actionId, action.owner])])).toEqual([['1.2', [['A1', 'Charge nurse']]]]);
  });

  it.each([
    ['another organisation', 'service:org-someone-else', `/cycles/{interim}/last-review`, 403],
    ['a cycle that does not exist', 'staff', '/cycles/nope--svc-none/last-review', 404],
  ] as const)('refuses %s', async (_case, user, path, status) => {
    // Act
    const refused = await callApiAs(env.app, user, 'GET', path.replace('{interim}', interimCycleId));
    // Assess
    expect(refused.status).toBe(status);
  });
});
