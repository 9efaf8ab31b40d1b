// The service records of a network (GSI1 "by-network", one partition per network's services).
import { tableName } from '../env.ts';
import { TableIndex, servicesOfNetworkKeys } from '../helpers/table-keys.ts';
import { queryAll } from './query.ts';

const servicesOfNetwork = async (networkId: string): Promise<string[]> => {
  const items = await queryAll({
    TableName: tableName,
    IndexName: TableIndex.byNetwork,
    KeyConditionExpression: 'gsi1pk = :services',
    ExpressionAttributeValues: { ':services': servicesOfNetworkKeys(networkId, '').gsi1pk },
    ProjectionExpression: 'serviceId',
  });
  return items.map((item) => String(item.serviceId));
};

export { servicesOfNetwork };
