// The checks after the walk (the cycle's items in DynamoDB, the execution, the emails) and the
// clean-up of what the walk created: the cycle is withdrawn if still running, and the smoke
// service's items (its profile and its cycle's partition, but its hand-overs) are deleted.
import { DescribeExecutionCommand } from '@aws-sdk/client-sfn';
import { BatchWriteCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { enteredStates, executionHistory } from '../test/support/execution-history.ts';
import { call, poll } from './api.ts';
import type { Check, SmokeTarget } from './target.ts';
import type { WalkResult } from './walk.ts';

const TERMINAL = ['SUCCEEDED', 'FAILED', 'ABORTED', 'TIMED_OUT'];

const partition = async (target: SmokeTarget, pk: string): Promise<Record<string, unknown>[]> => {
  const items: Record<string, unknown>[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await target.table.client.send(
      new QueryCommand({ TableName: target.table.name, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk }, ExclusiveStartKey }),
    );
    items.push(...(page.Items ?? []));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items;
};

/** The cycle's state, its tasks, and its audit events numbered 1..n without a gap. */
const tableChecks = async (target: SmokeTarget, walk: WalkResult): Promise<Check[]> => {
  const items = await partition(target, `CYCLE#${walk.cycleId}`);
  const state = items.find((item) => item.sk === 'STATE');
  const expected = walk.decided ? 'accredited' : undefined;
  const stateOk = state !== undefined && (expected === undefined || state.status === expected);
  const tasks = items.filter((item) => String(item.sk).startsWith('TASK#'));
  const walked = walk.decided ? 7 : 3;
  const numbers = items.flatMap((item) => /^AUDIT#(\d+)$/.exec(String(item.sk))?.slice(1) ?? []).map(Number);
  const gapless = numbers.length > 0 && numbers.every((number, index) => number === index + 1);
  return [
    { name: 'DynamoDB: cycle state', ok: stateOk, detail: `status ${String(state?.status)}, stage ${String(state?.stage)}${expected ? ` (expected ${expected})` : ''}` },
    { name: 'DynamoDB: tasks', ok: tasks.length >= walked, detail: `${tasks.length} task items (at least ${walked} walked): ${tasks.map((task) => `${String(task.stage ?? task.sk)}=${String(task.status)}`).join(', ')}` },
    { name: 'DynamoDB: numbered audit events', ok: gapless, detail: `${numbers.length} events, numbered ${numbers[0] ?? '-'}..${numbers.at(-1) ?? '-'}${gapless ? ' without a gap' : ' (expected 1..n)'}` },
  ];
};

/** Locally a decided cycle's execution ends in Accredited; on a real stage it is still running, at the visit. */
const executionCheck = async (target: SmokeTarget, walk: WalkResult, timeoutMs: number): Promise<Check> => {
  const arn = walk.executionArn as string;
  const described = walk.decided
    ? await poll('the execution to end', async () => {
        const answer = await target.sfn.send(new DescribeExecutionCommand({ executionArn: arn }));
        return TERMINAL.includes(answer.status ?? '') ? answer : undefined;
      }, timeoutMs)
    : await target.sfn.send(new DescribeExecutionCommand({ executionArn: arn }));
  const states = enteredStates(await executionHistory(target.sfn, arn));
  const last = states.at(-1);
  const ok = walk.decided ? described.status === 'SUCCEEDED' && last === 'Accredited' : described.status === 'RUNNING';
  return { name: 'Step Functions: execution', ok, detail: `${described.status}, ${walk.decided ? 'terminal' : 'current'} state ${last ?? '(none)'} after ${states.length} states` };
};

const cleanUp = async (target: SmokeTarget, walk: WalkResult, timeoutMs: number): Promise<Check[]> => {
  const checks: Check[] = [];
  if (walk.executionArn) {
    try {
      const { status } = await target.sfn.send(new DescribeExecutionCommand({ executionArn: walk.executionArn }));
      if (status === 'RUNNING') {
        const answer = await call(target, { group: 'staff' }, 'POST', `/cycles/${walk.cycleId}/withdraw`, { withdrawnBy: 'Smoke test', reason: 'Smoke test clean-up' });
        if (answer.status !== 202) throw new Error(`withdrawal: HTTP ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`);
        const ended = await poll('the withdrawn execution to stop', async () => {
          const now = await target.sfn.send(new DescribeExecutionCommand({ executionArn: walk.executionArn }));
          return now.status !== 'RUNNING' ? now.status : undefined;
        }, timeoutMs);
        checks.push({ name: 'clean-up: cycle withdrawn', ok: true, detail: `execution ${ended}` });
      } else checks.push({ name: 'clean-up: cycle withdrawn', ok: true, detail: `not needed (execution ${status})` });
    } catch (error) {
      checks.push({ name: 'clean-up: cycle withdrawn', ok: false, detail: (error as Error).message });
    }
  }
  try {
    const all = [...(await partition(target, `SERVICE#${walk.serviceId}`)), ...(walk.cycleId ? await partition(target, `CYCLE#${walk.cycleId}`) : [])];
    // Hand-overs stay: the relay reads each one's INSERT from the stream, maybe after this, and
    // fails its batch (retried on AWS) when the item it announces is gone.
    const kept = all.filter((item) => String(item.sk).startsWith('HANDOVER#'));
    const items = all.filter((item) => !kept.includes(item));
    for (let index = 0; index < items.length; index += 25) {
      const batch = items.slice(index, index + 25).map((item) => ({ DeleteRequest: { Key: { pk: item.pk, sk: item.sk } } }));
      let unprocessed: Record<string, unknown>[] | undefined = batch;
      for (let attempt = 0; unprocessed && unprocessed.length > 0 && attempt < 5; attempt += 1) {
        const answer = await target.table.client.send(new BatchWriteCommand({ RequestItems: { [target.table.name]: unprocessed as never } }));
        unprocessed = answer.UnprocessedItems?.[target.table.name] as Record<string, unknown>[] | undefined;
      }
      if (unprocessed && unprocessed.length > 0) throw new Error(`${unprocessed.length} items left unprocessed`);
    }
    checks.push({ name: 'clean-up: smoke items deleted', ok: true, detail: `${items.length} items; ${kept.length} hand-over items kept for the relay` });
  } catch (error) {
    checks.push({ name: 'clean-up: smoke items deleted', ok: false, detail: (error as Error).message });
  }
  return checks;
};

/** Every check after the walk, then the clean-up; a check that throws is a FAIL, not a crash. */
const checkAndCleanUp = async (target: SmokeTarget, walk: WalkResult, timeoutMs = 60_000): Promise<Check[]> => {
  const checks: Check[] = [];
  const attempt = async (name: string, run: () => Promise<Check | Check[]>) => {
    try {
      checks.push(...[await run()].flat());
    } catch (error) {
      checks.push({ name, ok: false, detail: (error as Error).message });
    }
  };
  if (walk.cycleId) {
    // The execution first: a decided cycle's state is final only once its execution has ended.
    await attempt('Step Functions: execution', () => executionCheck(target, walk, timeoutMs));
    await attempt('DynamoDB', () => tableChecks(target, walk));
  }
  await attempt('emails', () => target.checkEmails([walk.leadEmail, ...walk.team.map((member) => member.email)]));
  checks.push(...(await cleanUp(target, walk, timeoutMs)));
  return checks;
};

export { checkAndCleanUp };
