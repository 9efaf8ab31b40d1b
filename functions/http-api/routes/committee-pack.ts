// GET /cycles/{cycleId}/committee-pack: what the accreditation committee reads before it decides
// (src/committee-pack.ts), for the committee and network staff; GET /cycles/{cycleId}/unmet-standards:
// what the service may send deferral evidence for (authorisation.ts).
import { packOf, standardsOf } from '#commons/data/committee-pack';
import { unmetStandardsOf } from '#commons/data/unmet-standards';
import { getCycle, getReport } from '#commons/helpers/records';
import { idSchema } from '#commons/schemas/workflow';
import { httpError, json, validate } from '../http.ts';
import type { Route, RouteHandler } from '../router.ts';

const showCommitteePack: RouteHandler = async (_event, params) => {
  const cycleId = validate(idSchema, params.cycleId, 'cycleId');
  const cycle = await getCycle(cycleId);
  if (!cycle) throw httpError(404, 'CycleNotFound', `Cycle ${cycleId} does not exist`);
  const report = await getReport(cycleId);
  if (!report) throw httpError(404, 'ReportNotFound', `Cycle ${cycleId} has no report yet: the committee pack is made from it once the review team's ratings are in`);
  const standards = await standardsOf(cycle);
  if (!standards) throw httpError(409, 'StandardsNotFound', `The standards of cycle ${cycleId} are not stored; import the network's standards first`);
  return json(200, { pack: await packOf(cycle, report, standards) });
};

/** The service's deferral page: the standards it may send evidence for, the blocking ones first. */
const showUnmetStandards: RouteHandler = async (_event, params) => {
  const cycleId = validate(idSchema, params.cycleId, 'cycleId');
  const cycle = await getCycle(cycleId);
  if (!cycle) throw httpError(404, 'CycleNotFound', `Cycle ${cycleId} does not exist`);
  const standards = await standardsOf(cycle);
  if (!standards) throw httpError(409, 'StandardsNotFound', `The standards of cycle ${cycleId} are not stored; import the network's standards first`);
  return json(200, { decision: cycle.decision ?? null, decisionReason: cycle.decisionReason ?? null, standards: await unmetStandardsOf(cycleId, standards) });
};

const committeePackRoutes: Route[] = [
  { method: 'GET', path: '/cycles/{cycleId}/committee-pack', handle: showCommitteePack },
  { method: 'GET', path: '/cycles/{cycleId}/unmet-standards', handle: showUnmetStandards },
];

export { committeePackRoutes };
