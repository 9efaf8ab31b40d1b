// Importing a network's standards (staff). Each version is kept under its versionId (declared
// version + content hash), so a cycle rates and reports against exactly the set it started with,
// whatever is imported later; new cycles start with the latest import.
import { StandardsImportError } from '#core/errors';
import { parseStandardsCsv } from '#core/standards';
import { now } from '#commons/clock';
import { saveStandards } from '#commons/helpers/networks';
import { getNetwork } from '#commons/helpers/records';
import { standardsImportSchema } from '#commons/schemas/requests';
import { idSchema } from '#commons/schemas/workflow';
import { httpError, json, parseBody, validate } from '../http.ts';
import type { Route, RouteHandler } from '../router.ts';
import { configIssuesError } from './config-issues.ts';
import { refuseOversizedCsv } from './standards-size.ts';

const importStandards: RouteHandler = async (event, params) => {
  const networkId = validate(idSchema, params.networkId, 'networkId');
  const request = parseBody(standardsImportSchema, event);
  refuseOversizedCsv(request.csv, 'csv');
  const network = await getNetwork(networkId);
  if (!network) throw httpError(404, 'NetworkNotFound', `Network ${networkId} has not been loaded: load it first (PUT /networks/${networkId}, accredit network load <folder>)`);
  let set;
  try {
    set = parseStandardsCsv(request.csv, 'standards.csv', { version: request.version ?? network.config.standards.version });
  } catch (error) {
    if (!(error instanceof StandardsImportError)) throw error;
    throw configIssuesError(error.issues, 'Invalid request body: csv');
  }
  const imported = await saveStandards(networkId, set, now(), 'staff');
  return json(200, { result: imported ? 'imported' : 'already-imported', networkId, versionId: set.versionId, standards: set.standards.length });
};

const standardsRoutes: Route[] = [{ method: 'PUT', path: '/networks/{networkId}/standards', handle: importStandards }];

export { standardsRoutes };
