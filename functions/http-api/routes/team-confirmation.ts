// The review team's acceptance step is one task: each acceptance is recorded on the allocation;
// the last one confirms the team, counts the visit in each member's load and completes the task.
import { writeTransaction } from '#commons/data/transaction';
import { now } from '#commons/clock';
import { tableName } from '#commons/env';
import { AuditEventType, auditEventItem } from '#commons/data/audit';
import { transactionConditionFailures } from '#commons/helpers/conditions';
import { AllocationStatus, getTask } from '#commons/helpers/records';
import type { AllocationRecord } from '#commons/helpers/records';
import { reviewerLoadUpdates } from '#commons/helpers/reviewer-load';
import { listReviewers } from '#commons/data/reviewer-pool';
import { allocationKey, cycleKey } from '#commons/helpers/table-keys';
import { CallbackStage } from '#core/vocabulary';
import { completeTask } from './task-completion.ts';

/** The team is confirmed (no later decline can undo it), with its audit event; a repeat finds it done. */
const confirmTeam = async (allocation: AllocationRecord) => {
  const at = now();
  const inPool = new Set((await listReviewers(allocation.networkId)).map((reviewer) => reviewer.id));
  try {
    await writeTransaction({
      TransactItems: [
        {
          Update: {
            TableName: tableName,
            Key: allocationKey(allocation.cycleId),
            UpdateExpression: 'SET #status = :confirmed, updatedAt = :at',
            ConditionExpression: '#status = :invited AND size(acceptedBy) = :size',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':confirmed': AllocationStatus.confirmed, ':invited': AllocationStatus.invited, ':size': allocation.team.length, ':at': at.toISOString() },
          },
        },
        {
          Put: {
            TableName: tableName,
            Item: auditEventItem({ entityPk: cycleKey(allocation.cycleId).pk, type: AuditEventType.teamConfirmed, at, actor: 'review team', detail: { date: allocation.date, acceptedBy: allocation.acceptedBy } }),
          },
        },
        ...(await reviewerLoadUpdates(allocation.networkId, allocation.cycleId, allocation.team.map((member) => member.reviewerId).filter((id) => inPool.has(id)))),
      ],
    });
  } catch (error) {
    if (!transactionConditionFailures(error)) throw error;
  }
};

/**
 * Confirms the team and completes its acceptance step when every member has accepted. `allocation`:
 * as it is now (read, or read and changed by this request's own conditional write).
 */
const completeWhenAllAccepted = async (allocation: AllocationRecord) => {
  const { cycleId } = allocation;
  const accepted = new Set(allocation.acceptedBy);
  if (!allocation.team.every((member) => accepted.has(member.reviewerId))) return undefined;
  await confirmTeam(allocation);
  const task = await getTask(cycleId, CallbackStage.reviewerAcceptance);
  if (!task) return undefined;
  return completeTask(task, { acceptedBy: allocation.team.map((member) => member.reviewerId), visitDate: allocation.date }, 'review team');
};

export { completeWhenAllAccepted };
