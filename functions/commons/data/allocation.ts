// The review-team allocation of a cycle's visit (`ALLOCATION` under the cycle): its statuses, the
// check of a stored allocation on read, and the cancellation of a visit's team.
import { array, looseObject, optional, string, enum as zEnum } from '#core/zod-mini';
import { ReviewerRole } from '#core/vocabulary';
import { tableName } from '../env.ts';
import type { AllocationRecord } from '../helpers/records.ts';
import { allocationKey } from '../helpers/table-keys.ts';
import { parseOptionalRecord } from './record-schema.ts';

const AllocationStatus = {
  invited: 'invited',
  confirmed: 'confirmed',
  noFeasibleTeam: 'no-feasible-team',
  declined: 'declined',
  cancelled: 'cancelled',
} as const;
type AllocationStatus = (typeof AllocationStatus)[keyof typeof AllocationStatus];

/** What the steps rely on; other attributes (exclusions, shortfall, keys) are kept as stored. */
const allocationRecordSchema = looseObject({
  cycleId: string(),
  networkId: string(),
  status: zEnum(Object.values(AllocationStatus)),
  date: optional(string()),
  // The core's team-member schema is strict and checks an import; a stored member also carries how to reach them.
  team: array(looseObject({ reviewerId: string(), role: zEnum(Object.values(ReviewerRole)), name: string(), email: string() })),
  acceptedBy: array(string()),
  declinedBy: optional(array(string())),
});

/** A stored allocation item (or nothing) as an AllocationRecord, checked. */
const readAllocation = (item: unknown): AllocationRecord | undefined => parseOptionalRecord('allocation', allocationRecordSchema, item) as AllocationRecord | undefined;

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

export { AllocationStatus, allocationRecordSchema, cancelAllocation, readAllocation };
