// Storing a network (its configuration as the domain core parsed it) with its audit event.
// Used by the API's network import and by local start-up to load the example networks.
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../clients/dynamodb.ts';
import { tableName } from '../env.ts';
import { AuditEventType, auditEventItem } from './audit.ts';
import type { NetworkRecord } from './records.ts';
import { networkCatalogueKeys, networkKey } from './table-keys.ts';

const saveNetwork = async (network: NetworkRecord, at: Date, actor: string): Promise<void> => {
  const key = networkKey(network.networkId);
  await documentClient.send(
    new TransactWriteCommand({
      TransactItems: [
        {
          Put: {
            TableName: tableName,
            Item: { ...key, itemType: 'network', ...network, ...networkCatalogueKeys(network.networkId), updatedAt: at.toISOString() },
          },
        },
        {
          Put: {
            TableName: tableName,
            Item: auditEventItem({
              entityPk: key.pk,
              type: AuditEventType.networkImported,
              at,
              actor,
              detail: { name: network.name },
            }),
          },
        },
      ],
    }),
  );
};

export { saveNetwork };
