// Issue 10 against the local stack: the numbered audit trail (the cycle item keeps a counter moved
// in the same transaction as each event; on the manual clock every step here happens at one
// instant, so only the numbers keep the order), an extension to a day nobody works (#5), and a
// cohort launch that would give a service a second cycle (#6).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi, cycleItems, startTestApp } from '../support/local-app.ts';
import type { TestApp } from '../support/local-app.ts';
import { enrolAndStart, loadNetwork, waitForTask } from '../support/cycle-walk.ts';

let env: TestApp;

describe('Integration: issue 10 rules', () => {
  beforeAll(async () => {
    env = await startTestApp();
    await loadNetwork(env);
  });
  afterAll(async () => {
    await env?.stop();
  });

  it('events written at the same manual-clock instant keep the order they were written in', async () => {
    // Prepare
    const { cycleId } = await enrolAndStart(env, 'svc-audit-order', 'audit');
    await waitForTask(env, cycleId, 'self-review');

    // Act
    const withdrawn = await callApi(env.app, 'POST', `/cycles/${cycleId}/withdraw`, { withdrawnBy: 'Network manager', reason: 'Service closed' });
    const shown = await callApi<{ cycle: { auditSeq: number }; auditEvents: { type: string; seq: number; at: string }[] }>(env.app, 'GET', `/cycles/${cycleId}`);

    // Assess
    expect(withdrawn.status).toBe(202);
    const items = await cycleItems(env.table, env.app.tableName, cycleId);
    const events = items.filter((item) => String(item.sk).startsWith('AUDIT#'));
    expect(new Set(events.map((event) => event.at)).size).toBe(1);
    expect(events.map((event) => event.seq)).toEqual(events.map((_event, index) => index + 1));
    expect(events.map((event) => event.type)).toEqual(['cycle-enrolled', 'task-opened', 'cycle-withdrawn']);
    expect(shown.body.auditEvents.map((event) => event.type)).toEqual(['cycle-enrolled', 'task-opened', 'cycle-withdrawn']);
    expect(shown.body.cycle.auditSeq).toBe(3);
  });

  it('#5: refuses an extension to a Saturday before a bank-holiday Monday with a 400 naming dueOn and the next working day', async () => {
    // Prepare
    const { cycleId } = await enrolAndStart(env, 'svc-weekend-extension', 'ext5');
    await waitForTask(env, cycleId, 'self-review');

    // Act: Sat 23 Aug 2025; Mon 25 Aug 2025 is the summer bank holiday.
    const refused = await callApi(env.app, 'POST', `/cycles/${cycleId}/tasks/self-review/extension`, { extendedBy: 'Network manager', dueOn: '2025-08-23', reason: 'Ward move' });

    // Assess
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain('dueOn');
    expect(JSON.stringify(refused.body)).toContain('2025-08-26');
  });

  it('#6: a cohort launch refuses, per service and with a reason, a service whose cycle of another cohort is open, and an unknown id', async () => {
    // Prepare
    const { cycleId } = await enrolAndStart(env, 'svc-open-cycle', 'first6');
    await waitForTask(env, cycleId, 'self-review');

    // Act
    const launch = await callApi<{ services: { serviceId: string; result: string; reason?: string; message?: string }[] }>(env.app, 'POST', '/cohorts/second6/launch', {
      serviceIds: ['svc-open-cycle', 'svc-unknown'],
    });
    const second = await callApi(env.app, 'GET', '/cycles/second6--svc-open-cycle');

    // Assess
    expect(launch.status).toBe(207);
    expect(launch.body.services).toEqual([
      expect.objectContaining({ serviceId: 'svc-open-cycle', result: 'refused', reason: 'open-cycle', message: expect.stringContaining(cycleId) }),
      expect.objectContaining({ serviceId: 'svc-unknown', result: 'service-not-found' }),
    ]);
    expect(second.status).toBe(404);
  });
});
