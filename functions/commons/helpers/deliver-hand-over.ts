// Makes a hand-over's one Step Functions call, exactly once in effect. Called by the API straight
// after it records an answer (the usual path, so the person sees the workflow move at once), and
// by the relay for any hand-over left pending by a crash. Both go through the claim, so they never
// call at the same time; a repeat of a call that Step Functions already took is recognised.
import { SendTaskSuccessCommand, StartExecutionCommand, StopExecutionCommand } from '@aws-sdk/client-sfn';
import { sfnClient } from '../clients/sfn.ts';
import { now } from '../clock.ts';
import { tableName } from '../env.ts';
import { claimHandOver, getHandOver, HandOverStatus, releaseHandOver, settleHandOver, settleHandOverUpdate } from '../data/hand-overs.ts';
import type { HandOverCommand, HandOverRecord } from '../data/hand-overs.ts';
import { AuditEventType, auditPut } from '../data/audit.ts';
import { writeTransaction } from '../data/transaction.ts';
import type { TransactItem } from '../data/transaction.ts';
import { cycleKey, taskKey } from './table-keys.ts';
import { TaskStatus } from '#core/vocabulary';

/** Errors by which Step Functions says the token can no longer complete anything (matched by AWS error code). */
const FINISHED_TOKEN_ERRORS: readonly string[] = ['TaskTimedOut', 'InvalidToken', 'TaskDoesNotExist'];
/** Errors that mean the call's effect is already there: the execution was started, or there is nothing left to stop. */
const ALREADY_DONE_ERRORS: Readonly<Record<HandOverCommand['kind'], readonly string[]>> = {
  'send-task-success': [],
  'start-execution': ['ExecutionAlreadyExists'],
  'stop-execution': ['ExecutionDoesNotExist'],
};
/** How often a deliverer that finds another's lease waits for it before leaving the hand-over to the relay. */
const MAX_LEASE_WAITS = 3;

/** `missing`: the hand-over item is gone (deleted after it settled, e.g. by a clean-up): nothing left to deliver. */
type Delivery = 'delivered' | 'refused' | 'pending' | 'missing';

const errorName = (error: unknown) => (error instanceof Error ? error.name : '');

const call = async (command: HandOverCommand): Promise<void> => {
  switch (command.kind) {
    case 'send-task-success':
      await sfnClient.send(new SendTaskSuccessCommand({ taskToken: command.taskToken, output: command.output }));
      return;
    case 'stop-execution':
      await sfnClient.send(new StopExecutionCommand({ executionArn: command.executionArn, error: command.error, cause: command.cause }));
      return;
    case 'start-execution':
      await sfnClient.send(new StartExecutionCommand({ stateMachineArn: command.stateMachineArn, name: command.name, input: command.input }));
      return;
  }
};

/**
 * The task had ended before our first call reached it: the answer was too late. Recorded with the
 * task and the audit event in one transaction, so the trail says why the workflow did not move.
 */
const recordRefusal = async (record: HandOverRecord): Promise<void> => {
  const at = now();
  const refusal = record.lateRefusal;
  const items: TransactItem[] = [{ Update: settleHandOverUpdate(record, HandOverStatus.refused, at) }];
  if (refusal) {
    items.push(
      {
        Update: {
          TableName: tableName,
          Key: taskKey(record.cycleId, refusal.stage),
          UpdateExpression: 'SET #status = :timedOut',
          ConditionExpression: 'tokenHash = :tokenHash',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':timedOut': TaskStatus.timedOut, ':tokenHash': refusal.tokenHash },
        },
      },
      auditPut({
        entityPk: cycleKey(record.cycleId).pk,
        type: AuditEventType.lateSubmissionRefused,
        at,
        actor: refusal.actor,
        detail: { stage: refusal.stage, tokenHash: refusal.tokenHash, handOverId: record.handOverId },
      }),
    );
  }
  await writeTransaction({ TransactItems: items });
};

/** One claimed call: its effect, a refusal, or an error left for the next deliverer (the lease runs out). */
const deliverClaimed = async (record: HandOverRecord): Promise<Delivery> => {
  try {
    await call(record.command);
  } catch (error) {
    const name = errorName(error);
    if (ALREADY_DONE_ERRORS[record.command.kind].includes(name)) {
      await settleHandOver(record, HandOverStatus.delivered, now());
      return 'delivered';
    }
    if (!FINISHED_TOKEN_ERRORS.includes(name)) throw error;
    // A first call refused: the task had ended before this answer reached it. A later attempt
    // refused: an earlier attempt's call was taken (and it crashed before settling), so the
    // task ended because of this very answer.
    if (record.attempts === 1) {
      await recordRefusal(record);
      return 'refused';
    }
    await settleHandOver(record, HandOverStatus.delivered, now());
    return 'delivered';
  }
  await settleHandOver(record, HandOverStatus.delivered, now());
  return 'delivered';
};

/** Whether the hand-over this one waits for is still to be delivered (one gone after it settled is not). */
const waitsForAnother = async (record: HandOverRecord): Promise<boolean> => {
  if (!record.after) return false;
  return (await getHandOver(record.cycleId, record.after))?.status === HandOverStatus.pending;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Delivers one hand-over, or says it is still pending (another deliverer holds it past
 * `leaseWaits` waits, or the
 * hand-over it comes after is not delivered yet; Step Functions failing transiently throws, so
 * the relay retries).
 */
const deliverHandOver = async (cycleId: string, handOverId: string, leaseWaits = MAX_LEASE_WAITS): Promise<Delivery> => {
  for (let wait = 0; wait <= leaseWaits; wait += 1) {
    const claim = await claimHandOver(cycleId, handOverId);
    if ('missing' in claim) return 'missing';
    if ('settled' in claim) return claim.settled.status === HandOverStatus.refused ? 'refused' : 'delivered';
    if ('claimed' in claim) {
      if (!(await waitsForAnother(claim.claimed))) return deliverClaimed(claim.claimed);
      await releaseHandOver(claim.claimed);
      return 'pending';
    }
    if (wait < leaseWaits) await sleep(Math.max(50, Math.min(claim.leasedUntil - Date.now(), 10_000)));
  }
  return 'pending';
};

export { deliverHandOver };
export type { Delivery };
