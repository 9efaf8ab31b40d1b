// Loading a network explicitly, as staff do on AWS where no local seed exists: `accredit network load
// <folder>` (PUT /networks/{networkId}) with a dry run first, every mistake at once, and a reload that
// makes a new configuration version while a running cycle keeps the one it started with.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../cli/run.ts';
import { callApi, startTestApp } from '../support/local-app.ts';
import type { TestApp } from '../support/local-app.ts';
import { selfReviewBody, submit, waitForTask } from '../support/cycle-walk.ts';

const NETWORK = 'loaded-network';
const exampleDir = fileURLToPath(new URL('../../examples/networks/ccqi-accreditation-example/', import.meta.url));

let env: TestApp;

/** A copy of the CCQI-style example under another id (the example's standards, so the walk helpers fit). */
const networkFolder = (edit: (yaml: string) => string = (yaml) => yaml): string => {
  const dir = mkdtempSync(join(tmpdir(), 'network-'));
  cpSync(exampleDir, dir, { recursive: true });
  const yaml = readFileSync(join(dir, 'network.yaml'), 'utf8').replace('id: ccqi-accreditation-example', `id: ${NETWORK}`).replace('committee@ccqi-accreditation-example', `committee@${NETWORK}`);
  writeFileSync(join(dir, 'network.yaml'), edit(yaml));
  return dir;
};

const accredit = async (...args: string[]) => {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['node', 'accredit', '--api', env.app.urls.api, ...args], { out: (text) => out.push(text), err: (text) => err.push(text) });
  return { code, out: out.join('\n'), err: err.join('\n') };
};

const taskItem = async (cycleId: string, stage: string) =>
  (await env.table.send(new GetCommand({ TableName: env.app.tableName, Key: { pk: `CYCLE#${cycleId}`, sk: `TASK#${stage}` } }))).Item;

describe('Integration: loading a network', () => {
  beforeAll(async () => {
    env = await startTestApp();
  });
  afterAll(async () => {
    await env?.stop();
  });

  it('a network that was never loaded cannot take standards, as on AWS without the seed', async () => {
    // Act
    const response = await callApi(env.app, 'PUT', `/networks/${NETWORK}/standards`, { csv: 'id,section,type,text\n1,S,1,T' });
    // Assess
    expect(response.status).toBe(404);
    expect(response.body.message).toMatch(/accredit network load/);
  });

  it('reports every mistake of network.yaml and standards.csv at once, with file, line and column, and saves nothing', async () => {
    // Prepare
    const dir = networkFolder((yaml) => yaml.replace('type2: 80', 'type2: 180'));
    writeFileSync(join(dir, 'standards.csv'), readFileSync(join(dir, 'standards.csv'), 'utf8').replace(/\n([^\n]+)\n/, '\n$1, with, commas\n'));
    const yamlLine = readFileSync(join(dir, 'network.yaml'), 'utf8').split('\n').findIndex((line) => line.includes('type2: 180')) + 1;

    // Act
    const run = await accredit('network', 'load', dir);
    const shown = await callApi(env.app, 'GET', `/networks/${NETWORK}`);

    // Assess
    expect(run.code).toBe(1);
    expect(run.err).toMatch(new RegExp(`network\\.yaml, line ${yamlLine}, column \\d+, thresholds\\.type2: .*100`));
    expect(run.err).toMatch(/standards\.csv, row 1, line 2, column 6: Too many columns/);
    expect(shown.status).toBe(404);
  });

  it('the API reports the reviewer pool mistakes with the standards ones, each with its file', async () => {
    // Prepare
    const dir = networkFolder();
    writeFileSync(join(dir, 'reviewers.json'), '{"reviewers": [{"id": "r1", "name": "R", "email": "not-an-email", "roles": ["lead"]}]}');

    // Act
    const run = await accredit('network', 'load', dir, '--dry-run');
    const direct = await callApi<{ issues: { field: string; line?: number }[] }>(env.app, 'PUT', `/networks/${NETWORK}`, {
      network: { config: { id: NETWORK } },
      standards: { text: 'id,section,type,text\n1,S,1,T,extra' },
      dryRun: true,
    });

    // Assess
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/reviewers\.json, reviewers\.0\.email/);
    expect(direct.status).toBe(400);
    expect(direct.body.issues.map((issue) => issue.field)).toEqual(expect.arrayContaining(['network.yaml, name', 'standards.csv, row 1, line 2, column 5']));
  });

  it('a dry run prints the timetable from the chosen start date and saves nothing', async () => {
    // Act
    const run = await accredit('network', 'load', networkFolder(), '--dry-run', '--start-date', '2025-03-03', '--membership', 'accreditation');
    const shown = await callApi(env.app, 'GET', `/networks/${NETWORK}`);

    // Assess
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/Nothing was saved/);
    expect(run.out).toMatch(/Timetable of a cycle starting 2025-03-03 \(accreditation membership\)/);
    expect(run.out).toMatch(/Self-review: Tue 2025-04-01 to Tue 2025-07-01/);
    expect(run.out).not.toMatch(/developmental/);
    expect(shown.status).toBe(404);
  });

  it('loads the network with its standards and reviewers, and a service can be enrolled in it', async () => {
    // Act
    const run = await accredit('network', 'load', networkFolder());
    const enrolled = await callApi(env.app, 'POST', '/services', { serviceId: 'svc-v1', name: 'Ward V1', organisationId: 'org-v1', networkId: NETWORK, membershipType: 'accreditation', leadEmail: 'lead@v1.example.org' });
    const standards = await callApi(env.app, 'PUT', `/networks/${NETWORK}/standards`, { csv: readFileSync(join(exampleDir, 'standards.csv'), 'utf8') });

    // Assess
    expect(run.code).toBe(0);
    expect(JSON.parse(run.out)).toEqual(expect.objectContaining({ result: 'loaded', configVersion: 1, reviewers: 9, warnings: [expect.stringMatching(/9 reviewer\(s\) have no availableOn/)] }));
    expect(enrolled.status).toBe(201);
    expect(standards.status).toBe(200);
  });

  it('a reload makes version 2 for new cycles, while a running cycle keeps version 1 (its reminder offsets)', async () => {
    // Prepare: a cycle runs on version 1 (reminders 28, 14, 7 and 1 working days before a deadline).
    const started = await callApi<{ cycleId: string }>(env.app, 'POST', '/cycles', { serviceId: 'svc-v1', cohortId: 'c1' });
    expect(started.status).toBe(202);
    await waitForTask(env, started.body.cycleId, 'self-review');

    // Act: version 2 reminds 2 working days before only; the running cycle moves on to its next step.
    const reload = await accredit('network', 'load', networkFolder((yaml) => yaml.replace(/beforeWorkingDays: \[[^\]]*\]/, 'beforeWorkingDays: [2]')));
    const again = await accredit('network', 'load', networkFolder((yaml) => yaml.replace(/beforeWorkingDays: \[[^\]]*\]/, 'beforeWorkingDays: [2]')));
    expect((await submit(env, started.body.cycleId, 'self-review', selfReviewBody)).status).toBe(202);
    const scheduling = await waitForTask(env, started.body.cycleId, 'peer-review-scheduling');
    const stored = await taskItem(started.body.cycleId, 'peer-review-scheduling');
    const cycle = await callApi<{ cycle: { networkConfigVersion: number } }>(env.app, 'GET', `/cycles/${started.body.cycleId}`);
    expect((await callApi(env.app, 'POST', '/services', { serviceId: 'svc-v2', name: 'Ward V2', organisationId: 'org-v2', networkId: NETWORK, membershipType: 'accreditation', leadEmail: 'lead@v2.example.org' })).status).toBe(201);
    const later = await callApi<{ cycleId: string }>(env.app, 'POST', '/cycles', { serviceId: 'svc-v2', cohortId: 'c1' });
    await waitForTask(env, later.body.cycleId, 'self-review');
    const laterCycle = await callApi<{ cycle: { networkConfigVersion: number } }>(env.app, 'GET', `/cycles/${later.body.cycleId}`);

    // Assess
    expect(JSON.parse(reload.out)).toEqual(expect.objectContaining({ result: 'loaded', configVersion: 2, previousConfigVersion: 1 }));
    expect(JSON.parse(again.out)).toEqual(expect.objectContaining({ result: 'unchanged', configVersion: 2 }));
    expect(cycle.body.cycle.networkConfigVersion).toBe(1);
    expect(laterCycle.body.cycle.networkConfigVersion).toBe(2);
    // Version 1 first reminds 28 working days before the deadline (the step opened early); version 2 would remind 2 days before.
    const { addWorkingDays } = await import('#core/calendar');
    expect(stored?.nextReminderOn).toBe(addWorkingDays(scheduling.dueAt.slice(0, 10), -28));
  });
});
