// The audit trail of a cycle is numbered (issue 10): the cycle item keeps a counter moved in the
// same transaction as each event, and the event's sort key is the number. On the local manual
// clock, every step of this test happens at one instant, so only the numbers can keep the order.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi, cycleItems, startTestApp } from '../support/local-app.ts';
import type { TestApp } from '../support/local-app.ts';
import { enrolAndStart, loadNetwork, waitForTask } from '../support/cycle-walk.ts';

let env: TestApp;

describe('Integration: the audit trail is ordered by a per-cycle sequence', () => {
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
});
