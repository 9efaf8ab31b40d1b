// A service's choice to share its review's good practice with the network (issue 13: the library is
// opt-in by the service). One item per cycle (`GOOD_PRACTICE_SHARING`), written with its audit event,
// so the trail shows who opted in or out and when.
import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import type { BatchGetCommandOutput } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../clients/dynamodb.ts';
import { tableName } from '../env.ts';
import { cycleKey } from '../helpers/table-keys.ts';
import { AuditEventType, auditPut } from './audit.ts';
import { writeTransaction } from './transaction.ts';

const SHARING_SK = 'GOOD_PRACTICE_SHARING';
const sharingKey = (cycleId: string) => ({ pk: cycleKey(cycleId).pk, sk: SHARING_SK });
/** BatchGetItem reads at most 100 keys per call. */
const BATCH = 100;

interface SharingRecord {
  cycleId: string;
  shared: boolean;
  by: string;
  at: string;
}

const recordSharing = async (record: SharingRecord): Promise<void> =>
  writeTransaction({
    TransactItems: [
      { Put: { TableName: tableName, Item: { ...sharingKey(record.cycleId), itemType: 'good-practice-sharing', ...record } } },
      auditPut({ entityPk: cycleKey(record.cycleId).pk, type: AuditEventType.goodPracticeSharing, at: new Date(record.at), actor: record.by, detail: { shared: record.shared } }),
    ],
  });

/** The cycles among `cycleIds` whose service shares its good practice. */
const sharingCycles = async (cycleIds: readonly string[]): Promise<Set<string>> => {
  const shared = new Set<string>();
  for (let start = 0; start < cycleIds.length; start += BATCH) {
    let keys: Record<string, unknown>[] | undefined = cycleIds.slice(start, start + BATCH).map(sharingKey);
    // Unprocessed keys (throttling) are asked for again until none are left.
    while (keys && keys.length > 0) {
      const answer: BatchGetCommandOutput = await documentClient.send(new BatchGetCommand({ RequestItems: { [tableName]: { Keys: keys, ConsistentRead: true } } }));
      for (const item of answer.Responses?.[tableName] ?? []) if (item.shared === true) shared.add(String(item.cycleId));
      keys = answer.UnprocessedKeys?.[tableName]?.Keys;
    }
  }
  return shared;
};

export { recordSharing, sharingCycles };
export type { SharingRecord };
