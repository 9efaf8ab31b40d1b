import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '#commons/clients/dynamodb';
import { tableName } from '#commons/env';
import type { NetworkRecord } from '#commons/helpers/records';
import { NETWORK_CATALOGUE_PARTITION, TableIndex } from '#commons/helpers/table-keys';
import { json } from '../http.ts';
import type { Route } from '../router.ts';

const listNetworks = async (): Promise<Pick<NetworkRecord, 'networkId' | 'name'>[]> => {
  const networks: Pick<NetworkRecord, 'networkId' | 'name'>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await documentClient.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: TableIndex.byNetwork,
        KeyConditionExpression: 'gsi1pk = :catalogue',
        ExpressionAttributeValues: { ':catalogue': NETWORK_CATALOGUE_PARTITION },
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) networks.push({ networkId: item.networkId, name: item.name });
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return networks;
};

const networkRoutes: Route[] = [
  { method: 'GET', path: '/networks', handle: async () => json(200, { networks: await listNetworks() }) },
  // Loading and showing one network: functions/network-setup (it needs the YAML and CSV parsers).
];

export { listNetworks, networkRoutes };
