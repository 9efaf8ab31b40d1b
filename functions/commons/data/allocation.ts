// The review-team allocation of a cycle's visit (`ALLOCATION` under the cycle).
import { tableName } from '../env.ts';
import { AllocationStatus } from '../helpers/records.ts';
import { allocationKey } from '../helpers/table-keys.ts';

/** A cancelled visit's team no longer counts as booked, nor as having reviewed the host (out of the cohort index). */
const cancelAllocation = (cycleId: string) => ({
  Update: {
    TableName: tableName,
    Key: allocationKey(cycleId),
    UpdateExpression: 'SET #status = :cancelled REMOVE gsi1pk, gsi1sk',
    ConditionExpression: 'attribute_exists(pk)',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: { ':cancelled': AllocationStatus.cancelled },
  },
});

export { cancelAllocation };
