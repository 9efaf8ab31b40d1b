// `npm start` killed mid-cycle (SIGKILL: no clean-up at all) and started again on the same data
// folder: the execution waiting on the self-review callback resumes and completes, with no lost
// or doubled state change.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateStateMachineCommand, DescribeExecutionCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { afterAll, describe, expect, it } from 'vitest';
import { startDynamoDbLocal } from '../../local/services/dynamodb-local.ts';
import { enteredStates, executionHistory, waitFor } from '../support/local-app.ts';
import { startLocalProcess } from '../support/start-process.ts';
import type { StartedProcess } from '../support/start-process.ts';
import { startStallingRuntime } from '../support/stalling-runtime.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'accreditation-restart-'));
const orderDataDir = mkdtempSync(join(tmpdir(), 'accreditation-restart-order-'));
const running: StartedProcess[] = [];
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };

const call = async (baseUrl: string, method: string, path: string, body?: unknown) => {
  // Bounded, so a request that never answers fails here, naming itself, not at the test's timeout.
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body ? JSON.stringify(body) : undefined,
    signal: AbortSignal.timeout(30_000),
  });
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
    rmSync(orderDataDir, { recursive: true, force: true });
  });

  it('resumes the execution waiting on a callback, which goes on to the next step without doubled changes', { timeout: 360_000 }, async () => {
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

  it(
    'resumes an execution whose task calls the Scheduler only once the Scheduler and the clock source are up (issue 12, defect 3)',
    { timeout: 360_000 },
    async () => {
      // Prepare: a cycle on a manual clock a month ahead of real time.
      const first = await startLocalProcess(orderDataDir);
      running.push(first);
      await call(first.urls.api, 'POST', '/_local/clock', { advanceBySeconds: 30 * 24 * 3600 });
      const { body: clock } = await call(first.urls.api, 'GET', '/_local/clock');
      const today = String(clock.now).slice(0, 10);
      await call(first.urls.api, 'POST', '/services', {
        serviceId: 'svc-order', name: 'Order Ward', organisationId: 'org-o', networkId: 'ccqi-accreditation-example', membershipType: 'accreditation', leadEmail: 'lead@order.example.org',
      });
      const { body: cycle } = await call(first.urls.api, 'POST', '/cycles', { serviceId: 'svc-order', cohortId: 'c1', startDate: today });
      await taskOpen(first.urls.api, cycle.cycleId, 'self-review');
      await first.kill();
      // The crash under test: the stack dies while the task that books the follow-up cycles (a
      // Scheduler call) is in flight. A runtime on the same store whose handler never returns
      // leaves exactly that behind, with no timing luck.
      const dynamo = await startDynamoDbLocal({ dataDir: join(orderDataDir, 'dynamodb') });
      const stalled = await startStallingRuntime({ dynamodbEndpoint: dynamo.endpoint, sfnTable: 'sfn-local-runtime', stallFunctions: ['schedule-cycle-starts'] });
      const probe = await stalled.sfn.send(
        new CreateStateMachineCommand({
          name: 'book-follow-ups',
          roleArn: 'arn:aws:iam::000000000000:role/probe',
          definition: JSON.stringify({
            QueryLanguage: 'JSONata',
            StartAt: 'ScheduleFollowUpCycles',
            States: {
              ScheduleFollowUpCycles: {
                Type: 'Task',
                Resource: 'arn:aws:states:::lambda:invoke',
                Arguments: {
                  FunctionName: 'arn:aws:lambda:us-east-1:000000000000:function:schedule-cycle-starts',
                  Payload: { cycleId: cycle.cycleId, accreditedOn: today, stateMachineArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:accreditation-cycle' },
                },
                End: true,
              },
            },
          }),
        }),
      );
      const { executionArn } = await stalled.sfn.send(new StartExecutionCommand({ stateMachineArn: probe.stateMachineArn, name: 'book-1', input: '{}' }));
      await waitFor('the booking task to be in flight', async () =>
        (await executionHistory(stalled.sfn, executionArn as string)).some((event) => event.type === 'TaskStarted') ? true : undefined,
      );
      await stalled.kill();
      await dynamo.stop();

      // Act
      const second = await startLocalProcess(orderDataDir);
      running.push(second);
      const sfn = new SFNClient({ endpoint: second.urls.stepFunctions, region: 'us-east-1', credentials });
      const status = await waitFor('the resumed booking to finish', async () => {
        const described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
        return described.status === 'RUNNING' ? undefined : described;
      });
      sfn.destroy();
      const { body: after } = await call(second.urls.api, 'GET', `/cycles/${cycle.cycleId}`);
      const { body: clockAfter } = await call(second.urls.api, 'GET', '/_local/clock');
      await second.terminate();

      // Assess: booked through the Scheduler, and dated by the manual clock, not real time.
      expect(second.output()).toMatch(/Executions resumed\s+2/);
      expect(status.cause ?? '').toBe('');
      expect(status.status).toBe('SUCCEEDED');
      const booked = (after.auditEvents as { type: string; at: string }[]).filter((event) => event.type === 'cycle-starts-scheduled');
      expect(booked).toHaveLength(1);
      expect(booked[0].at).toBe(clockAfter.now);
    },
  );
});
