// `npm start` killed mid-cycle (SIGKILL: no clean-up at all) and started again on the same data
// folder: the execution waiting on the self-review callback resumes and completes, with no lost
// or doubled state change.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SFNClient } from '@aws-sdk/client-sfn';
import { afterAll, describe, expect, it } from 'vitest';
import { enteredStates, executionHistory, waitFor } from '../support/local-app.ts';
import { startLocalProcess } from '../support/start-process.ts';
import type { StartedProcess } from '../support/start-process.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'accreditation-restart-'));
const running: StartedProcess[] = [];

const call = async (baseUrl: string, method: string, path: string, body?: unknown) => {
  const response = await fetch(`${baseUrl}${path}`, { method, headers: { 'content-type': 'application/json' }, body: body ? JSON.stringify(body) : undefined });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
};

const taskOpen = (api: string, cycleId: string, stage: string) =>
  waitFor(`${stage} of ${cycleId} to open`, async () => {
    const { body } = await call(api, 'GET', `/cycles/${cycleId}/tasks/${stage}`);
    return body.task?.status === 'open' ? body.task : undefined;
  });

describe('Integration: npm start killed and restarted', () => {
  afterAll(async () => {
    for (const started of running) await started.kill().catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('resumes the execution waiting on a callback, which goes on to the next step without doubled changes', { timeout: 180_000 }, async () => {
    // Prepare
    const first = await startLocalProcess(dataDir);
    running.push(first);
    await call(first.urls.api, 'POST', '/services', {
      serviceId: 'svc-restart', name: 'Restart Ward', organisationId: 'org-r', networkId: 'ccqi-accreditation-example', membershipType: 'accreditation', leadEmail: 'lead@restart.example.org',
    });
    const { body: started } = await call(first.urls.api, 'POST', '/cycles', { serviceId: 'svc-restart', cohortId: 'c1', startDate: '2025-01-06' });
    await taskOpen(first.urls.api, started.cycleId, 'self-review');

    // Act
    await first.kill();
    const second = await startLocalProcess(dataDir);
    running.push(second);
    const submitted = await call(second.urls.api, 'POST', `/cycles/${started.cycleId}/tasks/self-review`, { submittedBy: 'Lead', summary: 'After restart' });
    await taskOpen(second.urls.api, started.cycleId, 'peer-review-scheduling');
    const sfn = new SFNClient({ endpoint: second.urls.stepFunctions, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    const history = await executionHistory(sfn, started.executionArn);
    sfn.destroy();
    const { body: cycle } = await call(second.urls.api, 'GET', `/cycles/${started.cycleId}`);
    const exitCode = await second.terminate();

    // Assess: the resumed execution went on to the next step, and each change happened once.
    expect(second.output()).toMatch(/Executions resumed\s+1/);
    expect(submitted.status).toBe(202);
    const entered = enteredStates(history);
    expect(entered.filter((name) => name === 'Enrol')).toHaveLength(1);
    expect(entered.filter((name) => name === 'OpenSelfReview')).toHaveLength(1);
    const auditTypes = (cycle.auditEvents as { type: string }[]).map((event) => event.type);
    expect(auditTypes.filter((type) => type === 'cycle-enrolled')).toHaveLength(1);
    expect(auditTypes.filter((type) => type === 'submission-received')).toHaveLength(1);
    expect(auditTypes.filter((type) => type === 'task-opened')).toHaveLength(2);
    expect(exitCode).toBe(0);
    expect(second.output()).toContain('Stopped.');
  });
});
