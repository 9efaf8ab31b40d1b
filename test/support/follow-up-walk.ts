// A service's first cycle accredited with an action plan, a PDSA cycle and a linked measure, then its
// interim review started on its morning from the schedule the accreditation booked (the clock moved
// 18 months on): what "the next review sees the plan" (issue 13) is tested on.
import { expect } from 'vitest';
import { addWorkingDays } from '#core/calendar';
import { startOfUkDay } from '#core/uk-time';
import { enrolAndStart, submit, today, waitForTask, walkToCommittee } from './cycle-walk.ts';
import { callApi, waitFor } from './local-app.ts';
import type { TestApp } from './local-app.ts';
import { callApiAs } from './operations.ts';

/** 12 months around 60%, then 12 around 80%: a shift on the run chart. */
const MONTHLY_CSV = [
  'date,numerator,denominator',
  ...[30, 28, 32, 29, 31, 30, 27, 33, 30, 29, 31, 30, 40, 41, 39, 42, 40, 38, 41, 40, 42, 39, 41, 40].map(
    (numerator, index) => `${2024 + Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01,${numerator},50`,
  ),
].join('\n');

interface FollowedUp {
  cycleId: string;
  interimCycleId: string;
  renewal: { cycleId: string; startDate: string };
}

/** The first cycle's plan: standard 1.1 (not met) accepted as action A1 with a PDSA cycle adopted (and measure `risk-assessed` linked to it); A2 the service's own. */
const planTheFirstCycle = async (env: TestApp, cycleId: string, user: string, withMeasure: boolean) => {
  const dueOn = addWorkingDays(today(env), 40);
  const base = `/cycles/${cycleId}/action-plan/actions`;
  expect((await callApiAs(env.app, user, 'POST', base, { proposalIds: ['standard:1.1'], owner: 'Ward manager', dueOn, status: 'in-progress', addedBy: 'Asha Patel' })).status).toBe(201);
  expect((await callApiAs(env.app, user, 'POST', base, { title: 'Weekly huddle on risk', owner: 'Matron', dueOn, addedBy: 'Asha Patel' })).status).toBe(201);
  expect((await callApiAs(env.app, user, 'POST', `${base}/A1/pdsa-cycles`, { changeIdea: 'Risk checklist at admission', prediction: '9 in 10 assessed', recordedBy: 'Matron' })).status).toBe(201);
  const phases = [
    ['do', { whatHappened: 'Used on every admission for a month' }],
    ['study', { comparedWithPrediction: '8 in 10, up from 6' }],
    ['act', { decision: 'adopt' }],
  ] as const;
  for (const [index, [phase, body]] of phases.entries()) {
    expect((await callApiAs(env.app, user, 'PUT', `${base}/A1/pdsa-cycles/P1/${phase}`, { ...body, basedOnVersion: index + 1, recordedBy: 'Matron' })).status).toBe(200);
  }
  if (!withMeasure) return;
  const measure = `/cycles/${cycleId}/measures/risk-assessed`;
  const definition = { name: 'Patients with a risk assessment in 24 hours', definition: 'Assessed within 24 hours over admitted', kind: 'proportion', numerator: 'Assessed in 24 hours', denominator: 'Admitted', improvement: 'increase', actionId: 'A1' };
  expect((await callApiAs(env.app, user, 'PUT', measure, definition)).status).toBe(201);
  expect((await callApiAs(env.app, user, 'POST', `${measure}/points`, { csv: MONTHLY_CSV })).status).toBe(200);
};

interface Accredited {
  cycleId: string;
  interim: { cycleId: string; startDate: string };
  renewal: { cycleId: string; startDate: string };
}

/** Enrols `serviceId` (organisation `org-<serviceId>`), walks it to Accredited with 1.1 not met, and plans (with the measure unless told not to). */
const accreditWithPlan = async (env: TestApp, serviceId: string, { withMeasure = true } = {}): Promise<Accredited> => {
  const { cycleId } = await enrolAndStart(env, serviceId, `${serviceId}-first`);
  await walkToCommittee(env, cycleId, { notMet: ['1.1'] });
  await waitForTask(env, cycleId, 'committee-decision');
  expect((await submit(env, cycleId, 'committee-decision', { decidedBy: 'Committee chair', outcome: 'accredited', reason: 'One Type 1 gap with a plan' })).status).toBe(202);
  const followUps = await waitFor('the follow-up cycles booked', async () => {
    const shown = await callApi<{ cycle: { followUpCycles?: { kind: string; cycleId: string; startDate: string }[] } }>(env.app, 'GET', `/cycles/${cycleId}`);
    return shown.body.cycle?.followUpCycles;
  });
  await planTheFirstCycle(env, cycleId, `service:org-${serviceId}`, withMeasure);
  const interim = followUps.find((followUp) => followUp.kind === 'interim-review')!;
  const renewal = followUps.find((followUp) => followUp.kind === 'renewal')!;
  return { cycleId, interim, renewal };
};

/** Moves the clock to a follow-up's morning (interim review, renewal): the schedule the accreditation booked starts it; waits for its self-review. */
const startFollowUp = async (env: TestApp, followUp: Accredited['interim']): Promise<string> => {
  await env.app.stepFunctions.clock.advanceTo(new Date(Date.parse(startOfUkDay(followUp.startDate)) + 10 * 3_600_000));
  await waitForTask(env, followUp.cycleId, 'self-review');
  return followUp.cycleId;
};

const accreditPlanAndFollowUp = async (env: TestApp, serviceId: string): Promise<FollowedUp> => {
  const { cycleId, interim, renewal } = await accreditWithPlan(env, serviceId);
  return { cycleId, interimCycleId: await startFollowUp(env, interim), renewal };
};

export { MONTHLY_CSV, accreditPlanAndFollowUp, accreditWithPlan, startFollowUp };
export type { Accredited, FollowedUp };
