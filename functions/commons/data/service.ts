// The service records of a network (GSI1 "by-network", one partition per network's services), and
// the check of a stored service on read.
import { looseObject, optional, pick, string, enum as zEnum } from '#core/zod-mini';
import { MembershipType } from '#core/vocabulary';
import { tableName } from '../env.ts';
import type { ServiceRecord } from '../helpers/records.ts';
import { TableIndex, servicesOfNetworkKeys } from '../helpers/table-keys.ts';
import { queryAll } from './query.ts';
import { parseOptionalRecord, parseRecords } from './record-schema.ts';

const serviceRecordSchema = looseObject({
  serviceId: string(),
  name: string(),
  organisationId: string(),
  networkId: string(),
  membershipType: zEnum(Object.values(MembershipType)),
  leadEmail: string(),
  qiLeadEmail: optional(string()),
});

/** A stored service item (or nothing) as a ServiceRecord, checked. */
const readService = (item: unknown): ServiceRecord | undefined => parseOptionalRecord('service', serviceRecordSchema, item) as ServiceRecord | undefined;

const servicesOfNetwork = async (networkId: string): Promise<string[]> => {
  const items = await queryAll({
    TableName: tableName,
    IndexName: TableIndex.byNetwork,
    KeyConditionExpression: 'gsi1pk = :services',
    ExpressionAttributeValues: { ':services': servicesOfNetworkKeys(networkId, '').gsi1pk },
    ProjectionExpression: 'serviceId',
  });
  return parseRecords('service', pick(serviceRecordSchema, { serviceId: true }), items).map((item) => item.serviceId);
};

export { readService, serviceRecordSchema, servicesOfNetwork };
