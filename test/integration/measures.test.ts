// Measures after the review (issue 13) on the local stack: a service defines a measure, imports 24
// monthly points as CSV (a CSV with mistakes is a 400 naming each line), enters and corrects a point,
// sees the run chart's shift and the SPC chart's special cause computed by the core, freezes the
// baseline and recalculates the limits with a reason, each change audited on the cycle. Another
// organisation's service is refused. Every call goes through the local adapter's x-local-user identity.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrolAndStart, loadNetwork, waitForTask } from '../support/cycle-walk.ts';
import { startTestApp } from '../support/local-app.ts';
import type { TestApp } from '../support/local-app.ts';
import { callApiAs } from '../support/operations.ts';

let env: TestApp;

interface MeasureView {
  measureId: string;
  version: number;
  points: { on: string; value: number; numerator?: number; denominator?: number }[];
  baseline?: { throughOn: string; reason: string; by: string };
  recalculations: { fromOn: string; reason: string }[];
  charts: null | {
    run: { analysis: { median: number; shifts: { from: number; to: number; side: string }[] }; svg: string; summary: string };
    xmr: { analysis: { variation: string; phases: { from: number; centre: number; reason?: string }[]; points: { rules: string[] }[] }; svg: string; summary: string };
    ignored: string[];
  };
}
interface Refusal {
  error: string;
  issues?: { field: string; line?: number; column?: string; message: string }[];
}

const DEFINITION = {
  name: 'Care plans reviewed within 7 days',
  definition: 'Patients discharged in the month whose care plan was reviewed within 7 days, over all discharged',
  kind: 'proportion',
  numerator: 'Care plans reviewed within 7 days',
  denominator: 'Patients discharged',
  improvement: 'increase',
  target: 90,
};

/** 24 months: a year around 60%, then a year around 80% after the change (a shift on both charts). */
const monthlyCsv = () => {
  const before = [30, 28, 32, 29, 31, 30, 27, 33, 30, 29, 31, 30];
  const after = [40, 41, 39, 42, 40, 38, 41, 40, 42, 39, 41, 40];
  const rows = [...before, ...after].map((numerator, index) => `${2024 + Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01,${numerator},50`);
  return ['date,numerator,denominator', ...rows].join('\n');
};

const importCsv = async (user: string, cycleId: string, measureId: string, csv: string) => {
  const response = await fetch(`${env.app.urls.api}/cycles/${cycleId}/measures/${measureId}/points`, { method: 'POST', headers: { 'content-type': 'text/csv', 'x-local-user': user }, body: csv });
  return { status: response.status, body: (await response.json()) as MeasureView & Refusal };
};

describe('Integration: measures with their run and SPC charts', () => {
  let cycleId: string;
  const service = 'service:org-svc-measures';

  beforeAll(async () => {
    env = await startTestApp();
    await loadNetwork(env);
    ({ cycleId } = await enrolAndStart(env, 'svc-measures', 'measures'));
    // The cycle record (and its organisation) is written by the workflow's first step.
    await waitForTask(env, cycleId, 'self-review');
  }, 120_000);

  afterAll(async () => {
    await env?.stop();
  });

  it('defines a measure, refuses a CSV with mistakes at their lines, imports 24 months and charts the shift', async () => {
    // Act
    const defined = await callApiAs<MeasureView>(env.app, service, 'PUT', `/cycles/${cycleId}/measures/care-plans`, DEFINITION);
    const refused = await importCsv(service, cycleId, 'care-plans', 'date,numerator,denominator\n2024-01-01,30,50\n2024-13-01,30,50\n2024-03-01,3O,50\n2024-04-01,60,50\n');
    const imported = await importCsv(service, cycleId, 'care-plans', monthlyCsv());
    const shown = await callApiAs<MeasureView>(env.app, 'staff', 'GET', `/cycles/${cycleId}/measures/care-plans`);
    // Assess
    // The link to an action (actionId) is tested with a plan to link to: test/integration/last-review.test.ts.
    expect(defined.body).toMatchObject({ measureId: 'care-plans' });
    expect(defined.status).toBe(201);
    expect(defined.body.charts).toBeNull();
    expect(refused.status).toBe(400);
    expect(refused.body.issues?.map((issue) => [issue.line, issue.column])).toEqual([
      [3, 'date'],
      [4, 'numerator'],
      [5, 'numerator'],
    ]);
    expect(imported.status).toBe(200);
    expect(shown.body.points).toHaveLength(24);
    expect(shown.body.points[12]).toEqual({ on: '2025-01-01', value: 80, numerator: 40, denominator: 50 });
    const charts = shown.body.charts!;
    expect(charts.run.analysis.shifts).toEqual([
      { from: 0, to: 11, side: 'below' },
      { from: 12, to: 23, side: 'above' },
    ]);
    expect(charts.run.svg).toContain('data-chart="run"');
    expect(charts.run.summary).toContain('Shift: 12 points above the median, 2025-01-01 to 2025-12-01');
    expect(charts.xmr.analysis.variation).toBe('improvement-high');
    expect(charts.xmr.svg).toContain('data-icon="variation" data-name="improvement-high"');
    expect(charts.xmr.svg).toContain('data-icon="assurance"');
  });

  it('records a point, corrects it, freezes the baseline and recalculates the limits, each audited', async () => {
    // Prepare
    await callApiAs(env.app, service, 'PUT', `/cycles/${cycleId}/measures/waits`, { name: 'Days to first appointment', definition: 'Median days from referral', kind: 'time', unit: 'days', improvement: 'decrease' });
    await importCsv(service, cycleId, 'waits', ['date,value', ...Array.from({ length: 12 }, (_, index) => `2024-${String(index + 1).padStart(2, '0')}-01,${20 + (index % 3)}`)].join('\n'));
    // Act
    const added = await callApiAs<MeasureView>(env.app, service, 'PUT', `/cycles/${cycleId}/measures/waits/points/2025-01-01`, { value: 12 });
    const corrected = await callApiAs<MeasureView>(env.app, service, 'PUT', `/cycles/${cycleId}/measures/waits/points/2025-01-01`, { value: 14 });
    const negative = await callApiAs<Refusal>(env.app, service, 'PUT', `/cycles/${cycleId}/measures/waits/points/2025-02-01`, { value: -3 });
    const frozen = await callApiAs<MeasureView>(env.app, service, 'PUT', `/cycles/${cycleId}/measures/waits/baseline`, { throughOn: '2024-06-30', reason: 'Before the new triage clinic' });
    const recalculated = await callApiAs<MeasureView>(env.app, 'staff', 'POST', `/cycles/${cycleId}/measures/waits/recalculations`, { fromOn: '2024-10-01', reason: 'Triage clinic started in October' });
    const beforeData = await callApiAs<Refusal>(env.app, service, 'POST', `/cycles/${cycleId}/measures/waits/recalculations`, { fromOn: '2023-01-01', reason: 'x' });
    const cycle = await callApiAs<{ auditEvents: { type: string; detail: Record<string, unknown> }[] }>(env.app, 'staff', 'GET', `/cycles/${cycleId}`);
    // Assess
    expect([added.status, corrected.status, frozen.status, recalculated.status]).toEqual([200, 200, 200, 200]);
    expect(corrected.body.points.at(-1)).toEqual({ on: '2025-01-01', value: 14 });
    expect(corrected.body.points).toHaveLength(13);
    expect(negative.status).toBe(400);
    expect(negative.body.issues?.[0]).toMatchObject({ field: 'value' });
    expect(frozen.body.baseline).toMatchObject({ throughOn: '2024-06-30', reason: 'Before the new triage clinic' });
    expect(recalculated.body.charts!.xmr.analysis.phases.map((phase) => [phase.from, phase.reason])).toEqual([
      [0, undefined],
      [9, 'Triage clinic started in October'],
    ]);
    expect(beforeData.status).toBe(400);
    expect(beforeData.body.issues?.[0].field).toBe('fromOn');
    const measureEvents = cycle.body.auditEvents.filter((event) => event.type.startsWith('measure-') && event.detail.measureId === 'waits').map((event) => event.type);
    expect(measureEvents).toEqual(['measure-defined', 'measure-data-recorded', 'measure-data-recorded', 'measure-data-recorded', 'measure-baseline-changed', 'measure-limits-recalculated']);
    const correction = cycle.body.auditEvents.find((event) => event.type === 'measure-data-recorded' && event.detail.replacedValue === 12);
    expect(correction?.detail).toMatchObject({ on: '2025-01-01', value: 14 });
  });

  it('refuses another organisation, an unknown measure and a malformed date', async () => {
    // Act
    const stranger = await callApiAs<Refusal>(env.app, 'service:org-elsewhere', 'PUT', `/cycles/${cycleId}/measures/care-plans/points/2026-01-01`, { numerator: 1, denominator: 2 });
    const unknown = await callApiAs<Refusal>(env.app, service, 'GET', `/cycles/${cycleId}/measures/nothing-here`);
    const badDate = await callApiAs<Refusal>(env.app, service, 'PUT', `/cycles/${cycleId}/measures/care-plans/points/2026-02-30`, { numerator: 1, denominator: 2 });
    const badDefinition = await callApiAs<Refusal>(env.app, service, 'PUT', `/cycles/${cycleId}/measures/other`, { ...DEFINITION, numerator: undefined, target: 150 });
    // Assess
    expect(stranger.status).toBe(403);
    expect(unknown.status).toBe(404);
    expect(badDate.status).toBe(400);
    expect(badDate.body.issues?.[0].field).toBe('on');
    expect(badDefinition.status).toBe(400);
    expect(badDefinition.body.issues?.map((issue) => issue.field).sort()).toEqual(['numerator', 'target']);
  });
});
