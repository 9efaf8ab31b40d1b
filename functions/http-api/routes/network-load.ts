// Loading a network (staff): the configuration (network.yaml, parsed by the caller: the CLI and the
// web app read the file with the core's parser, which locates each mistake at its line; the YAML
// parser would add half again to this Lambda's bundle), the standards CSV as text, and optionally
// the reviewer pool, checked together (network-files.ts). A dry run answers the timetable a cycle
// would get from a chosen start date; nothing is saved. A load makes a new configuration version;
// running cycles keep the one they started with.
import { CalendarCoverageError } from '#core/errors';
import { buildTimetable } from '#core/timetable';
import { renderTimetableText } from '#core/timetable-text';
import { now } from '#commons/clock';
import { NetworkLoadConflictError, loadNetworkVersion } from '#commons/helpers/networks';
import { getNetwork } from '#commons/helpers/records';
import { saveReviewers } from '#commons/data/reviewer-pool';
import { idSchema } from '#commons/schemas/workflow';
import { httpError, json, parseBody, validate } from '../http.ts';
import type { Route, RouteHandler } from '../router.ts';
import { type CheckedNetwork, checkFiles, networkLoadRequestSchema, summaryOf } from './network-files.ts';

/** The timetable a cycle starting on `startDate` would get, per membership type offered. */
const timetablesOf = (checked: CheckedNetwork, startDate: string, only: string | undefined) => {
  const types = checked.config.membershipTypes.filter((type) => only === undefined || type === only);
  if (types.length === 0) throw httpError(400, 'ValidationError', `membershipType: the network offers ${checked.config.membershipTypes.join(', ')}`, { issues: [{ field: 'membershipType', message: `the network offers ${checked.config.membershipTypes.join(', ')}` }] });
  try {
    return types.map((membershipType) => {
      const milestones = buildTimetable({ startDate, membershipType, config: checked.config });
      return { membershipType, milestones, text: renderTimetableText(milestones) };
    });
  } catch (error) {
    if (!(error instanceof CalendarCoverageError)) throw error;
    throw httpError(400, 'ValidationError', `startDate: ${error.message}`, { issues: [{ field: 'startDate', message: error.message }] });
  }
};

const loadNetwork: RouteHandler = async (event, params) => {
  const networkId = validate(idSchema, params.networkId, 'networkId');
  const request = parseBody(networkLoadRequestSchema, event);
  const current = await getNetwork(networkId);
  const checked = checkFiles(networkId, request, current);
  if (request.dryRun) {
    const startDate = request.startDate ?? now().toISOString().slice(0, 10);
    return json(200, { result: 'valid', dryRun: true, ...summaryOf(networkId, checked), currentConfigVersion: current?.configVersion, startDate, timetables: timetablesOf(checked, startDate, request.membershipType) });
  }
  const committeeEmail = checked.config.contacts?.committee ?? current!.committeeEmail;
  const staffEmail = checked.config.contacts?.staff ?? (checked.config.contacts ? undefined : current?.staffEmail);
  const at = now();
  let outcome;
  try {
    outcome = await loadNetworkVersion({ networkId, name: checked.config.name, committeeEmail, ...(staffEmail && { staffEmail }), config: checked.config, standards: checked.standards }, at, 'staff');
  } catch (error) {
    if (error instanceof NetworkLoadConflictError) throw httpError(409, 'NetworkLoadConflict', error.message);
    throw error;
  }
  if (checked.reviewers) await saveReviewers(networkId, checked.reviewers, at, 'staff');
  return json(current ? 200 : 201, { ...outcome, ...summaryOf(networkId, checked) });
};

const showNetwork: RouteHandler = async (_event, params) => {
  const networkId = validate(idSchema, params.networkId, 'networkId');
  const network = await getNetwork(networkId);
  if (!network) throw httpError(404, 'NetworkNotFound', `Network ${networkId} has not been loaded`);
  const { networkId: id, name, committeeEmail, staffEmail, config, configVersion, standardsVersionId } = network;
  return json(200, { networkId: id, name, committeeEmail, staffEmail, configVersion: configVersion ?? 1, standardsVersionId, config });
};

const networkLoadRoutes: Route[] = [
  { method: 'PUT', path: '/networks/{networkId}', handle: loadNetwork },
  { method: 'GET', path: '/networks/{networkId}', handle: showNetwork },
];

export { networkLoadRoutes };
