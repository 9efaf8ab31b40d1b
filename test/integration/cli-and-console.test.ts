// The `accredit` CLI and the web console against the running local application.
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../cli/api-client.ts';
import { buildProgram } from '../../cli/program.ts';
import { loadEmailTemplates, loadSampleData } from '../../emails/templates.ts';
import { callApi, expectTerminalState, startTestApp, waitFor, waitForExecutionEnd } from '../support/local-app.ts';
import type { TestApp } from '../support/local-app.ts';
import { loadNetwork, walkToCommittee } from '../support/cycle-walk.ts';

let env: TestApp;

const accredit = async (...args: string[]) => {
  const out: string[] = [];
  const program = buildProgram({ out: (text) => out.push(text), err: (text) => out.push(text) });
  await program.parseAsync(['node', 'accredit', '--api', env.app.urls.api, '--sfn', env.app.urls.stepFunctions, '--ses', env.app.urls.ses, ...args]);
  return out.join('\n');
};

const taskOpen = (cycleId: string, stage: string) =>
  waitFor(`${stage} of ${cycleId} to open`, async () => {
    const response = await callApi<{ task?: { status: string } }>(env.app, 'GET', `/cycles/${cycleId}/tasks/${stage}`);
    return response.body.task?.status === 'open' ? true : undefined;
  });

describe('Integration: accredit CLI and web console', () => {
  beforeAll(async () => {
    env = await startTestApp();
    await loadNetwork(env);
  });
  afterAll(async () => {
    await env?.stop();
  });

  it('enrols, starts, submits the self-review and records the decision, then shows the status', async () => {
    // Prepare
    await accredit('service', 'enrol', '--id', 'svc-cli', '--name', 'CLI Ward', '--organisation', 'org-cli', '--network', 'ccqi-accreditation-example', '--membership', 'accreditation', '--lead-email', 'lead@cli.example.org');
    const started = JSON.parse(await accredit('cycle', 'start', '--service', 'svc-cli', '--cohort', 'c1'));

    // Act: the CLI submits the self-review and the decision; the stages between are walked through the API.
    await taskOpen(started.cycleId, 'self-review');
    await accredit('self-review', started.cycleId, '--by', 'Service lead', '--summary', 'Done');
    await walkToCommittee(env, started.cycleId, { selfReviewSubmitted: true });
    await taskOpen(started.cycleId, 'committee-decision');
    await accredit('decision', started.cycleId, '--by', 'Chair', '--outcome', 'accredited', '--reason', 'Every threshold met');
    const history = await waitForExecutionEnd(env.sfn, started.executionArn);
    const table = await accredit('status');

    // Assess
    expectTerminalState(history, 'Accredited');
    expect(table).toMatch(new RegExp(`${started.cycleId}\\s+ccqi-accreditation-example\\s+\\S+\\s+accredited`));
  });

  it('exports the cycles and a cycle\'s audit trail as CSV that parses, with the web app\'s columns', async () => {
    // Act
    const cycles = parse(await accredit('export', 'cycles', '--network', 'ccqi-accreditation-example'), { columns: true }) as Record<string, string>[];
    const accredited = cycles.find((row) => row.serviceId === 'svc-cli');
    const audit = parse(await accredit('export', 'audit', String(accredited?.cycleId)), { columns: true }) as Record<string, string>[];
    const asJson = JSON.parse(await accredit('export', 'audit', String(accredited?.cycleId), '--format', 'json')) as { sequence: number; detail: unknown }[];

    // Assess: the accredited cycle of the test above, finished, so no working days are counted.
    expect(accredited).toMatchObject({ status: 'accredited', deadlineInWorkingDays: '' });
    expect(Object.keys(cycles[0])).toEqual(['cycleId', 'serviceId', 'serviceName', 'networkId', 'cohortId', 'stage', 'status', 'deadline', 'deadlineInWorkingDays', 'lastEmailAt']);
    expect(audit.map((row) => Number(row.sequence))).toEqual(audit.map((_row, index) => index + 1));
    expect(audit.map((row) => row.type)).toEqual(expect.arrayContaining(['cycle-enrolled', 'submission-received', 'stage-recorded']));
    expect(asJson).toHaveLength(audit.length);
    expect(typeof asJson[0].detail).toBe('object');
  });

  it('refuses an export format it does not write', async () => {
    await expect(accredit('export', 'cycles', '--format', 'xlsx')).rejects.toThrow(/--format must be csv or json/);
  });

  it('refuses an invalid decision with the API error naming the field', async () => {
    // Act
    const result = accredit('decision', 'c1--svc-none', '--by', 'Chair', '--outcome', 'maybe', '--reason', 'x');

    // Assess
    await expect(result).rejects.toThrow(ApiError);
    await expect(result).rejects.toThrow(/outcome/);
  });

  it('shows and moves the manual clock', async () => {
    // Prepare
    const before = JSON.parse(await accredit('clock', 'show'));

    // Act
    const after = JSON.parse(await accredit('clock', 'advance', '2d'));

    // Assess
    expect(Date.parse(after.now) - Date.parse(before.now)).toBe(2 * 86_400_000);
    expect(before.mode).toBe('manual');
  });

  it.each(loadEmailTemplates().map((template) => ({ name: template.TemplateName })))(
    'previews $name with its example data, every placeholder filled (strict rendering)',
    async ({ name }) => {
      // Prepare
      const sample = loadSampleData(name);

      // Act
      const rendered = await accredit('emails', 'preview', name);

      // Assess
      expect(rendered).toContain('Subject:');
      expect(rendered).toContain(String(sample.cycleId));
    },
  );

  // The web app's own files are tested with the app built: test/browser/local-web.test.ts.
  it.each([{ path: '/_local/config', contains: 'sesInbox' }])('serves the local settings at $path', async ({ path, contains }) => {
    // Act
    const response = await fetch(`${env.app.urls.api}${path}`);

    // Assess
    expect(response.status).toBe(200);
    expect(await response.text()).toContain(contains);
  });
});
