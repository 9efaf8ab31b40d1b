// Importing a network's standards (staff). Each version is kept under its versionId (declared
// version + content hash), so a cycle rates and reports against exactly the set it started with,
// whatever is imported later; new cycles start with the latest import.
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { StandardsImportError } from '#core/errors';
import { parseStandardsCsv } from '#core/standards';
import { documentClient } from '#commons/clients/dynamodb';
import { now } from '#commons/clock';
import { tableName } from '#commons/env';
import { AuditEventType, auditEventItem } from '#commons/helpers/audit';
import { getNetwork, getStandards } from '#commons/helpers/records';
import { networkKey, standardsKey } from '#commons/helpers/table-keys';
import { standardsImportSchema } from '#commons/schemas/requests';
import { idSchema } from '#commons/schemas/workflow';
import { httpError, json, parseBody, validate } from '../http.ts';
import type { Route, RouteHandler } from '../router.ts';

const importStandards: RouteHandler = async (event, params) => {
  const networkId = validate(idSchema, params.networkId, 'networkId');
  const request = parseBody(standardsImportSchema, event);
  const network = await getNetwork(networkId);
  if (!network) throw httpError(404, 'NetworkNotFound', `Network ${networkId} has not been imported`);
  let set;
  try {
    set = parseStandardsCsv(request.csv, 'standards.csv', { version: request.version ?? network.config.standards.version });
  } catch (error) {
    if (!(error instanceof StandardsImportError)) throw error;
    const issues = error.issues.map((issue) => ({ field: `csv${issue.line ? `:${issue.line}` : ''}${issue.column ? `.${issue.column}` : ''}`, message: `${issue.message} (expected ${issue.expected}, found ${issue.found})` }));
    throw httpError(400, 'ValidationError', `Invalid request body: csv: ${issues.length} problem(s)`, { issues });
  }
  const at = now();
  const existing = await getStandards(networkId, set.versionId);
  await documentClient.send(
    new TransactWriteCommand({
      TransactItems: [
        // Same versionId = same content (it carries the hash): writing it again changes nothing.
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
        {
          Put: {
            TableName: tableName,
            Item: auditEventItem({ entityPk: networkKey(networkId).pk, type: AuditEventType.standardsImported, at, actor: 'staff', detail: { versionId: set.versionId, count: set.standards.length } }),
          },
        },
      ],
    }),
  );
  return json(200, { result: existing ? 'already-imported' : 'imported', networkId, versionId: set.versionId, standards: set.standards.length });
};

const standardsRoutes: Route[] = [{ method: 'PUT', path: '/networks/{networkId}/standards', handle: importStandards }];

export { standardsRoutes };
