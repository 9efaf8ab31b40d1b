// A network's reviewer pool and a cohort's allocations so far, read with one Query each (no Scan):
// the pool sits under the network's partition, the allocations on the by-network index.
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { startsWith, strictObject, string } from '#core/zod-mini';
import { writeTransaction } from './transaction.ts';
import type { QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Allocation } from '#core/allocation-rules';
import { documentClient } from '../clients/dynamodb.ts';
import { tableName } from '../env.ts';
import { AllocationStatus } from '../helpers/records.ts';
import type { AllocationRecord, PoolReviewer, ReviewerRecord } from '../helpers/records.ts';
import { AuditEventType, auditPut } from './audit.ts';
import { REVIEWER_PREFIX, TableIndex, allocationsOfCohortKeys, networkKey, reviewerKey } from '../helpers/table-keys.ts';

const queryAll = async <T>(input: Omit<QueryCommandInput, 'ExclusiveStartKey'>): Promise<T[]> => {
  const items: T[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await documentClient.send(new QueryCommand({ ...input, ExclusiveStartKey: startKey }));
    items.push(...((page.Items ?? []) as T[]));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
};

/** TransactWriteItems takes 100 items: 99 reviewers and the audit event of that part of the import. */
const IMPORT_CHUNK = 99;

/**
 * Makes the network's pool exactly the imported reviewers (an import is the whole pool, as staff
 * keep it): each is written, and any reviewer no longer listed is removed, each chunk of changes
 * with its audit event. Allocations already made keep their copy of each team member.
 */
const saveReviewers = async (networkId: string, reviewers: readonly { id: string }[], at: Date, actor: string): Promise<void> => {
  const listed = new Set(reviewers.map((reviewer) => reviewer.id));
  const removed = (await listReviewerIds(networkId)).filter((id) => !listed.has(id));
  const changes = [...reviewers.map((reviewer) => ({ put: reviewer })), ...removed.map((id) => ({ remove: id }))];
  for (let start = 0; start < changes.length; start += IMPORT_CHUNK) {
    const chunk = changes.slice(start, start + IMPORT_CHUNK);
    await writeTransaction({
      TransactItems: [
        ...chunk.map((change) =>
          'put' in change
            ? { Put: { TableName: tableName, Item: { ...reviewerKey(networkId, change.put.id), itemType: 'reviewer', ...change.put, networkId, updatedAt: at.toISOString() } } }
            : { Delete: { TableName: tableName, Key: reviewerKey(networkId, change.remove) } },
        ),
        auditPut({
          entityPk: networkKey(networkId).pk,
          type: AuditEventType.reviewersImported,
          at,
          actor,
          detail: {
            reviewerIds: chunk.flatMap((change) => ('put' in change ? [change.put.id] : [])),
            removedReviewerIds: chunk.flatMap((change) => ('remove' in change ? [change.remove] : [])),
          },
        }),
      ],
    });
  }
};

const poolQuery = (networkId: string) => ({
  TableName: tableName,
  KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
  ExpressionAttributeValues: { ':pk': networkKey(networkId).pk, ':prefix': REVIEWER_PREFIX },
});

/** The pool as staff list it: every attribute, as last written. */
const listReviewers = (networkId: string): Promise<ReviewerRecord[]> => queryAll<ReviewerRecord>({ ...poolQuery(networkId), ConsistentRead: true });

class InvalidReviewerCursorError extends Error {
  constructor() {
    super('not a cursor this listing gave out (pass nextCursor back as it was)');
    this.name = 'InvalidReviewerCursorError';
  }
}

const reviewerCursorSchema = strictObject({ pk: string(), sk: string().check(startsWith(REVIEWER_PREFIX)) });
const encodeReviewerCursor = (key: Record<string, unknown>): string => Buffer.from(JSON.stringify({ pk: key.pk, sk: key.sk }), 'utf8').toString('base64url');

/** The key a cursor of this network's listing continues after; anything else (edited, another network's) is refused. */
const decodeReviewerCursor = (networkId: string, text: string): Record<string, string> => {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidReviewerCursorError();
  }
  const parsed = reviewerCursorSchema.safeParse(value);
  if (!parsed.success || parsed.data.pk !== networkKey(networkId).pk || encodeReviewerCursor(parsed.data) !== text) throw new InvalidReviewerCursorError();
  return parsed.data;
};

/**
 * One page of the pool as staff list it: at most `limit` reviewers and never more than one
 * DynamoDB page (1 MB), so a pool of thousands lists in bounded time and response size (a
 * 2,000-reviewer pool listed whole passed the API's 6 MB response limit: a 500).
 */
const listReviewerPage = async (networkId: string, { limit, cursor }: { limit?: number; cursor?: string }): Promise<{ reviewers: ReviewerRecord[]; nextCursor?: string }> => {
  const page = await documentClient.send(
    new QueryCommand({ ...poolQuery(networkId), ConsistentRead: true, Limit: limit, ExclusiveStartKey: cursor === undefined ? undefined : decodeReviewerCursor(networkId, cursor) }),
  );
  return { reviewers: (page.Items ?? []) as ReviewerRecord[], ...(page.LastEvaluatedKey && { nextCursor: encodeReviewerCursor(page.LastEvaluatedKey) }) };
};

/** The ids in the pool, to find who an import removes (keys only: an import of thousands reads little). */
const listReviewerIds = async (networkId: string): Promise<string[]> =>
  (await queryAll<{ id: string }>({ ...poolQuery(networkId), ProjectionExpression: '#id', ExpressionAttributeNames: { '#id': 'id' }, ConsistentRead: true })).map((reviewer) => reviewer.id);

/** What allocation reads of a reviewer: the core's view and how to reach them (`name` is a reserved word, hence the names). */
const POOL_ATTRIBUTES = ['id', 'serviceId', 'organisationId', 'roles', 'leadTrainingExpiresOn', 'availableOn', 'available', 'unavailable', 'conflicts', 'reviewsThisYear', 'name', 'email'] as const;

/**
 * The pool as allocation reads it, once per allocation: only the attributes it uses, eventually
 * consistent (half the read units). A change of the last second may be missed, as if made after
 * the allocation; two allocations racing for one reviewer are kept apart by the cohort's bookings,
 * which are not read from here.
 */
const poolForAllocation = (networkId: string): Promise<PoolReviewer[]> =>
  queryAll<PoolReviewer>({
    ...poolQuery(networkId),
    ProjectionExpression: POOL_ATTRIBUTES.map((name) => `#${name}`).join(', '),
    ExpressionAttributeNames: Object.fromEntries(POOL_ATTRIBUTES.map((name) => [`#${name}`, name])),
    ConsistentRead: false,
  });

/** Booked (and confirmed) teams of the cohort's other cycles, in the core's shape. */
const cohortAllocations = async (networkId: string, cohortId: string, exceptCycleId: string): Promise<Allocation[]> => {
  const { gsi1pk } = allocationsOfCohortKeys(networkId, cohortId, exceptCycleId);
  const records = await queryAll<AllocationRecord>({
    TableName: tableName,
    IndexName: TableIndex.byNetwork,
    KeyConditionExpression: 'gsi1pk = :partition AND begins_with(gsi1sk, :cohort)',
    ExpressionAttributeValues: { ':partition': gsi1pk, ':cohort': `COHORT#${cohortId}#` },
  });
  const booked: readonly string[] = [AllocationStatus.invited, AllocationStatus.confirmed];
  return records
    .filter((record) => record.cycleId !== exceptCycleId && booked.includes(record.status) && record.date !== undefined)
    .map((record) => ({
      hostServiceId: record.hostServiceId,
      hostOrganisationId: record.hostOrganisationId,
      date: record.date as string,
      team: record.team.map(({ reviewerId, role, serviceId, organisationId }) => ({
        reviewerId,
        role,
        ...(serviceId ? { serviceId } : {}),
        ...(organisationId ? { organisationId } : {}),
      })),
    }));
};

export { cohortAllocations, InvalidReviewerCursorError, listReviewerPage, listReviewers, poolForAllocation, queryAll, saveReviewers };
