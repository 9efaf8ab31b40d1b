// One reviewer's answer to their invitation, recorded on the allocation with its audit event in
// one transaction (DESIGN §2: the state and its audit never disagree).
import { writeTransaction } from '#commons/data/transaction';
import { now } from '#commons/clock';
import { tableName } from '#commons/env';
import { AuditEventType, auditEventItem } from '#commons/data/audit';
import { transactionConditionFailures } from '#commons/helpers/conditions';
import { AllocationStatus } from '#commons/helpers/records';
import type { AllocationRecord } from '#commons/helpers/records';
import { allocationKey, cycleKey } from '#commons/helpers/table-keys';
import { httpError } from '../http.ts';

const answerAudit = (cycleId: string, reviewerId: string, answer: string, reason: string | undefined, at: Date) => ({
  Put: {
    TableName: tableName,
    Item: auditEventItem({ entityPk: cycleKey(cycleId).pk, type: AuditEventType.invitationAnswered, at, actor: reviewerId, detail: { answer, reason } }),
  },
});

/**
 * Records one reviewer's answer on the allocation with its audit event, while the invitations are
 * still open for the same date; a change meanwhile is a 409 to read and try again.
 */
const recordAnswer = async (
  allocation: AllocationRecord,
  reviewerId: string,
  answer: 'accepted' | 'declined',
  reason: string | undefined,
  update: { UpdateExpression: string; ConditionExpression: string; ExpressionAttributeValues: Record<string, unknown> },
) => {
  const { cycleId } = allocation;
  const at = now();
  try {
    await writeTransaction({
      TransactItems: [
        {
          Update: {
            TableName: tableName,
            Key: allocationKey(cycleId),
            ...update,
            ExpressionAttributeNames: { '#status': 'status', '#date': 'date' },
            ExpressionAttributeValues: { ...update.ExpressionAttributeValues, ':invited': AllocationStatus.invited, ':date': allocation.date, ':at': at.toISOString() },
          },
        },
        answerAudit(cycleId, reviewerId, answer, reason, at),
      ],
    });
  } catch (error) {
    if (!transactionConditionFailures(error)) throw error;
    throw httpError(409, 'InvitationChanged', `The invitations for cycle ${cycleId} changed meanwhile; read them and try again`);
  }
};

export { recordAnswer };
