// The network report of a cohort (issue 13) on the local stack: two services reviewed and decided,
// one with standard 1.1 not met. Staff see both names and the compliance per standard; each service
// sees its own name and rating and the other only as "Member n"; a service outside the cohort is
// refused; the CSV download has one row per standard.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { parse } from 'csv-parse/sync';
import { NETWORK, enrolAndStart, loadNetwork, standardIds, submit, waitForTask, walkToCommittee } from '../support/cycle-walk.ts';
import { callApi, startTestApp, waitFor } from '../support/local-app.ts';
import type { TestApp } from '../support/local-app.ts';
import { callApiAs } from '../support/operations.ts';

let env: TestApp;
const decidedCycles = new Map<string, string>();

interface Report {
  members: number;
  standards: { id: string; met: number; notMet: number; percentageMet: number | null; own?: string }[];
  byType: { type: number; percentageMet: number | null }[];
  positions: { rank: number; label: string; own: boolean; serviceId?: string; percentageMet: number | null }[];
  distribution: { from: number; to: number; members: number }[];
}

const decideCycle = async (serviceId: string, notMet: string[], outcome: string) => {
  const { cycleId } = await enrolAndStart(env, serviceId, 'nr');
  await walkToCommittee(env, cycleId, { notMet });
  decidedCycles.set(serviceId, cycleId);
  await waitForTask(env, cycleId, 'committee-decision');
  expect((await submit(env, cycleId, 'committee-decision', { decidedBy: 'Committee chair', outcome, reason: 'As the report recommends' })).status).toBe(202);
  // Not accredited waits out its appeal window: the decision is recorded before the execution ends.
  // The review team's words, as its submission carries them (walkToCommittee submits ratings only).
  await env.table.send(
    new UpdateCommand({
      TableName: env.app.tableName,
      Key: { pk: `CYCLE#${cycleId}`, sk: 'TASK#peer-ratings' },
      UpdateExpression: 'SET submission.goodPractice = :goodPractice, submission.ratings[0].#comment = :comment',
      ExpressionAttributeNames: { '#comment': 'comment' },
      ExpressionAttributeValues: { ':goodPractice': [`Admission and assessment: ${serviceId} walks the ward with patients every week`], ':comment': `${serviceId} audits risk assessments monthly` },
    }),
  );
  await waitFor(`the decision of ${cycleId}`, async () => {
    const cycle = await callApi<{ cycle: { decision?: string } }>(env.app, 'GET', `/cycles/${cycleId}`);
    return cycle.body.cycle?.decision === outcome ? true : undefined;
  });
};

describe('Integration: the network report of a cohort', () => {
  beforeAll(async () => {
    env = await startTestApp();
    await loadNetwork(env);
    await decideCycle('svc-nr-good', [], 'accredited');
    await decideCycle('svc-nr-gap', ['1.1'], 'not-accredited');
    // Enrolled in the cohort, not decided: left out of the report.
    await enrolAndStart(env, 'svc-nr-open', 'nr');
  }, 300_000);

  afterAll(async () => {
    await env?.stop();
  });

  it('gives staff every member by name and the compliance per standard', async () => {
    // Act
    const report = await callApiAs<Report>(env.app, 'staff', 'GET', `/networks/${NETWORK}/report?cohortId=nr`);
    // Assess
    expect(report.status).toBe(200);
    expect(report.body.members).toBe(2);
    expect(report.body.standards).toHaveLength(standardIds.length);
    expect(report.body.standards.find((line) => line.id === '1.1')).toMatchObject({ met: 1, notMet: 1, percentageMet: 50 });
    expect(report.body.standards.find((line) => line.id !== '1.1')).toMatchObject({ met: 2, notMet: 0, percentageMet: 100 });
    expect(report.body.positions.map((position) => [position.rank, position.label])).toEqual([
      [1, 'Service svc-nr-good'],
      [2, 'Service svc-nr-gap'],
    ]);
  });

  it('names only the reading service and gives it its own rating; refuses a service outside the cohort', async () => {
    // Act
    const gap = await callApiAs<Report>(env.app, 'service:org-svc-nr-gap', 'GET', `/networks/${NETWORK}/report?cohortId=nr`);
    const outsider = await callApiAs(env.app, 'service:org-elsewhere', 'GET', `/networks/${NETWORK}/report?cohortId=nr`);
    const noCohort = await callApiAs<{ issues: { field: string }[] }>(env.app, 'staff', 'GET', `/networks/${NETWORK}/report`);
    // Assess
    expect(gap.status).toBe(200);
    expect(gap.body.positions.map((position) => [position.label, position.own])).toEqual([
      ['Member 1', false],
      ['Service svc-nr-gap', true],
    ]);
    expect(JSON.stringify(gap.body)).not.toContain('svc-nr-good');
    expect(gap.body.standards.find((line) => line.id === '1.1')?.own).toBe('not-met');
    expect(outsider.status).toBe(403);
    expect(noCohort.status).toBe(400);
    expect(noCohort.body.issues[0].field).toBe('cohortId');
  });

  it('downloads the report as CSV, one row per standard', async () => {
    // Act
    const response = await fetch(`${env.app.urls.api}/networks/${NETWORK}/report?cohortId=nr&format=csv`, { headers: { 'x-local-user': 'staff' } });
    const rows = parse(await response.text(), { columns: true }) as Record<string, string>[];
    // Assess
    expect(response.headers.get('content-type')).toContain('text/csv');
    expect(rows).toHaveLength(standardIds.length);
    expect(rows.find((row) => row.standard === '1.1')).toMatchObject({ met: '1', 'not met': '1', 'percentage met': '50' });
  });

  it('shares good practice only from the reviews whose service opted in, found by standard and words', async () => {
    // Prepare
    const goodCycle = decidedCycles.get('svc-nr-good')!;
    // Act
    const optIn = await callApiAs<{ shared: boolean }>(env.app, 'service:org-svc-nr-good', 'PUT', `/cycles/${goodCycle}/good-practice-sharing`, { share: true });
    const notTheirs = await callApiAs(env.app, 'service:org-svc-nr-gap', 'PUT', `/cycles/${goodCycle}/good-practice-sharing`, { share: false });
    const bySection = await callApiAs<{ examples: { serviceName: string; standardIds: string[]; text: string; source: string }[] }>(env.app, 'service:org-svc-nr-gap', 'GET', `/networks/${NETWORK}/good-practice?standardId=1.1`);
    const byWords = await callApiAs<{ examples: { text: string }[] }>(env.app, 'reviewer:org-x:rev-1', 'GET', `/networks/${NETWORK}/good-practice?q=AUDITS%20monthly`);
    const cycle = await callApiAs<{ auditEvents: { type: string; detail: { shared?: boolean } }[] }>(env.app, 'staff', 'GET', `/cycles/${goodCycle}`);
    // Assess
    expect(optIn.status).toBe(200);
    expect(notTheirs.status).toBe(403);
    expect(bySection.status).toBe(200);
    // Only the opted-in service's examples: its area of good practice (section Admission and assessment) and its comment on 1.1.
    expect(bySection.body.examples.map((example) => [example.source, example.serviceName])).toEqual([
      ['area-of-good-practice', 'Service svc-nr-good'],
      ['peer-comment', 'Service svc-nr-good'],
    ]);
    expect(JSON.stringify(bySection.body)).not.toContain('svc-nr-gap');
    expect(byWords.body.examples.map((example) => example.text)).toEqual(['svc-nr-good audits risk assessments monthly']);
    expect(cycle.body.auditEvents.filter((event) => event.type === 'good-practice-sharing').map((event) => event.detail.shared)).toEqual([true]);
  });
});
