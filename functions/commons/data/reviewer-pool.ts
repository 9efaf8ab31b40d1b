// A network's reviewer pool, read with one Query (no Scan): it sits under the network's partition.
// Each reviewer item also counts the visits they are booked on per cohort (data/bookings.ts).
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { startsWith, strictObject, string } from '#core/zod-mini';
import { writeTransaction } from './transaction.ts';
import type { QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../clients/dynamodb.ts';
import { tableName } from '../env.ts';
import type { PoolReviewer, ReviewerRecord } from '../helpers/records.ts';
import { AuditEventType, auditPut } from './audit.ts';
import { COHORT_VISITS_PREFIX, REVIEWER_PREFIX, cohortVisitsAttribute, networkKey, reviewerKey } from '../helpers/table-keys.ts';

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

/** A reviewer as staff see them: the visit counters per cohort are the allocation's bookkeeping. */
const withoutCounters = <T extends object>(item: T): T => Object.fromEntries(Object.entries(item).filter(([name]) => !name.startsWith(COHORT_VISITS_PREFIX))) as T;

/** The pool as staff list it: every attribute, as last written. */
const listReviewers = async (networkId: string): Promise<ReviewerRecord[]> => (await queryAll<ReviewerRecord>({ ...poolQuery(networkId), ConsistentRead: true })).map(withoutCounters);

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
  return { reviewers: ((page.Items ?? []) as ReviewerRecord[]).map(withoutCounters), ...(page.LastEvaluatedKey && { nextCursor: encodeReviewerCursor(page.LastEvaluatedKey) }) };
};

/** The ids in the pool, to find who an import removes (keys only: an import of thousands reads little). */
const listReviewerIds = async (networkId: string): Promise<string[]> =>
  (await queryAll<{ id: string }>({ ...poolQuery(networkId), ProjectionExpression: '#id', ExpressionAttributeNames: { '#id': 'id' }, ConsistentRead: true })).map((reviewer) => reviewer.id);

/** What allocation reads of a reviewer: the core's view and how to reach them (`name` is a reserved word, hence the names). */
const POOL_ATTRIBUTES = ['id', 'serviceId', 'organisationId', 'roles', 'leadTrainingExpiresOn', 'availableOn', 'available', 'unavailable', 'conflicts', 'reviewsThisYear', 'name', 'email'] as const;

/**
 * The pool as allocation reads it, once per allocation: only the attributes it uses and the
 * reviewers' visits in the cohort, eventually consistent (half the read units). A change of the
 * last second may be missed, as if made after the allocation: it only moves the load balance. Two
 * allocations racing for one reviewer's day are kept apart by the conditional write of the booking
 * (data/bookings.ts), not by what is read here.
 */
const poolForAllocation = async (networkId: string, cohortId: string): Promise<{ reviewers: PoolReviewer[]; visits: Map<string, number> }> => {
  const counter = cohortVisitsAttribute(cohortId);
  const items = await queryAll<PoolReviewer & Record<string, unknown>>({
    ...poolQuery(networkId),
    ProjectionExpression: [...POOL_ATTRIBUTES.map((name) => `#${name}`), '#visits'].join(', '),
    ExpressionAttributeNames: { ...Object.fromEntries(POOL_ATTRIBUTES.map((name) => [`#${name}`, name])), '#visits': counter },
    ConsistentRead: false,
  });
  const visits = new Map(items.filter((item) => typeof item[counter] === 'number').map((item) => [item.id, item[counter] as number]));
  return { reviewers: items.map(withoutCounters), visits };
};

export { InvalidReviewerCursorError, withoutCounters, listReviewerPage, listReviewers, poolForAllocation, queryAll, saveReviewers };
