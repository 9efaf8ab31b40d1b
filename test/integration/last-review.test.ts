// Issue 13, "the next review sees the plan", on the local stack: a service accredited with one standard
// not met accepts it as an action, logs a PDSA cycle and links a measure to it; its interim review
// starts on its morning from the schedule the accreditation booked (the clock moved 18 months), and
// that cycle's GET /cycles/{id}/last-review shows, per standard, the action with its owner, status,
// PDSA ramp and the measure's run chart, found by key from the cycle that scheduled it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addWorkingDays } from '#core/calendar';
import { startOfUkDay } from '#core/uk-time';
import { callApi, startTestApp, waitFor } from '../support/local-app.ts';
import type { TestApp } from '../support/local-app.ts';
import { enrolAndStart, loadNetwork, submit, today, waitForTask, walkToCommittee } from '../support/cycle-walk.ts';
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

/** 12 months around 60%, then 12 around 80%: a shift on the run chart. */
const MONTHLY_CSV = [
  'date,numerator,denominator',
  ...[30, 28, 32, 29, 31, 30, 27, 33, 30, 29, 31, 30, 40, 41, 39, 42, 40, 38, 41, 40, 42, 39, 41, 40].map(
    (numerator, index) => `${2024 + Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01,${numerator},50`,
  ),
].join('\n');

let env: TestApp;
let cycleId: string;
let interimCycleId: string;

const lastReviewOf = (id: string, user = SERVICE) => callApiAs<LastReviewView>(env.app, user, 'GET', `/cycles/${id}/last-review`);

describe('Integration: the next review sees the plan (issue 13)', () => {
  beforeAll(async () => {
    env = await startTestApp();
    await loadNetwork(env);
    ({ cycleId } = await enrolAndStart(env, 'svc-next', 'next', { organisationId: 'org-svc-next' }));
    await walkToCommittee(env, cycleId, { notMet: ['1.1'] });
    await waitForTask(env, cycleId, 'committee-decision');
    expect((await submit(env, cycleId, 'committee-decision', { decidedBy: 'Committee chair', outcome: 'accredited', reason: 'One Type 1 gap with a plan' })).status).toBe(202);
    const followUps = await waitFor('the follow-up cycles booked', async () => {
      const shown = await callApi<{ cycle: { followUpCycles?: { kind: string; cycleId: string; startDate: string }[] } }>(env.app, 'GET', `/cycles/${cycleId}`);
      return shown.body.cycle?.followUpCycles;
    });
    const interim = followUps.find((followUp) => followUp.kind === 'interim-review')!;
    interimCycleId = interim.cycleId;

    // The plan: the unmet standard accepted as an action, one PDSA cycle adopted, the service's own action.
    const dueOn = addWorkingDays(today(env), 40);
    const base = `/cycles/${cycleId}/action-plan/actions`;
    expect((await callApiAs(env.app, SERVICE, 'POST', base, { proposalIds: ['standard:1.1'], owner: 'Ward manager', dueOn, status: 'in-progress', addedBy: 'Asha Patel' })).status).toBe(201);
    expect((await callApiAs(env.app, SERVICE, 'POST', base, { title: 'Weekly huddle on risk', owner: 'Matron', dueOn, addedBy: 'Asha Patel' })).status).toBe(201);
    expect((await callApiAs(env.app, SERVICE, 'POST', `${base}/A1/pdsa-cycles`, { changeIdea: 'Risk checklist at admission', prediction: '9 in 10 assessed', recordedBy: 'Matron' })).status).toBe(201);
    const phases = [
      ['do', { whatHappened: 'Used on every admission for a month' }],
      ['study', { comparedWithPrediction: '8 in 10, up from 6' }],
      ['act', { decision: 'adopt' }],
    ] as const;
    for (const [index, [phase, body]] of phases.entries()) {
      expect((await callApiAs(env.app, SERVICE, 'PUT', `${base}/A1/pdsa-cycles/P1/${phase}`, { ...body, basedOnVersion: index + 1, recordedBy: 'Matron' })).status).toBe(200);
    }
    const measure = `/cycles/${cycleId}/measures/risk-assessed`;
    const definition = { name: 'Patients with a risk assessment in 24 hours', definition: 'Assessed within 24 hours over admitted', kind: 'proportion', numerator: 'Assessed in 24 hours', denominator: 'Admitted', improvement: 'increase', actionId: 'A1' };
    expect((await callApiAs(env.app, SERVICE, 'PUT', measure, definition)).status).toBe(201);
    expect((await callApiAs(env.app, SERVICE, 'POST', `${measure}/points`, { csv: MONTHLY_CSV })).status).toBe(200);

    // The interim review starts on its morning, from the schedule the accreditation booked.
    await env.app.stepFunctions.clock.advanceTo(new Date(Date.parse(startOfUkDay(interim.startDate)) + 10 * 3_600_000));
    await waitFor('the interim review recorded', async () => ((await callApi(env.app, 'GET', `/cycles/${interimCycleId}`)).status === 200 ? true : undefined));
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
