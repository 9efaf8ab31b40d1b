// Storing a network (its configuration as the domain core parsed it) with its audit event.
// Used by the API's network import and by local start-up to load the example networks.
import { documentClient } from '../clients/dynamodb.ts';
import { writeTransaction } from '../data/transaction.ts';
import { tableName } from '../env.ts';
import { AuditEventType, auditPut } from '../data/audit.ts';
import type { StandardsSet } from '#core/standards';
import { getStandards } from './records.ts';
import type { CycleRecord, NetworkRecord, StandardsRecord } from './records.ts';
import { networkCatalogueKeys, networkKey, standardsKey } from './table-keys.ts';

const saveNetwork = async (network: NetworkRecord, at: Date, actor: string): Promise<void> => {
  const key = networkKey(network.networkId);
  await writeTransaction({
    TransactItems: [
      {
        Put: {
          TableName: tableName,
          Item: { ...key, itemType: 'network', ...network, ...networkCatalogueKeys(network.networkId), updatedAt: at.toISOString() },
        },
      },
      auditPut({
        entityPk: key.pk,
        type: AuditEventType.networkImported,
        at,
        actor,
        detail: { name: network.name },
      }),
    ],
  });
};

/**
 * Stores a standards version (never overwritten: its versionId carries the content hash) and makes it
 * the one new cycles start with, with its audit event. Returns false when that version was stored already.
 */
const saveStandards = async (networkId: string, set: StandardsSet, at: Date, actor: string): Promise<boolean> => {
  const existing = await getStandards(networkId, set.versionId);
  await writeTransaction({
    TransactItems: [
      ...(existing ? [] : [{ Put: { TableName: tableName, Item: { ...standardsKey(networkId, set.versionId), itemType: 'standards', networkId, ...set, importedAt: at.toISOString() } } }]),
      {
        Update: {
          TableName: tableName,
          Key: networkKey(networkId),
          UpdateExpression: 'SET standardsVersionId = :versionId',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':versionId': set.versionId },
        },
      },
      auditPut({ entityPk: networkKey(networkId).pk, type: AuditEventType.standardsImported, at, actor, detail: { versionId: set.versionId, count: set.standards.length } }),
    ],
  });
  return existing === undefined;
};

/**
 * The standards a cycle rates and reports against: the version it started with; for a cycle started
 * before its network had any standards imported, the network's current version.
 */
const standardsOfCycle = async (cycle: CycleRecord, network: Pick<NetworkRecord, 'standardsVersionId'> | undefined): Promise<StandardsRecord | undefined> => {
  const versionId = cycle.standardsVersionId ?? network?.standardsVersionId;
  return versionId ? getStandards(cycle.networkId, versionId) : undefined;
};

export { saveNetwork, saveStandards, standardsOfCycle };
