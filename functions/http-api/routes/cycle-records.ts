// A cycle's review team (with, for staff, why reviewers were ruled out), its draft report, and the
// visit window the host's date offer must keep (with the API's today, so the web app checks the
// offer against the same day the API will).
import { ukDateOf } from '#core/uk-time';
import { now } from '#commons/clock';
import { getAllocation, getCycle, getReport } from '#commons/helpers/records';
import { visitWindowOf } from '#commons/helpers/visit-window';
import { idSchema } from '#commons/schemas/workflow';
import { httpError, json, validate } from '../http.ts';
import type { Route, RouteHandler } from '../router.ts';
import { publicView } from './cycles.ts';

const showAllocation: RouteHandler = async (_event, params) => {
  const cycleId = validate(idSchema, params.cycleId, 'cycleId');
  const allocation = await getAllocation(cycleId);
  if (!allocation) throw httpError(404, 'AllocationNotFound', `Cycle ${cycleId} has no review team yet`);
  return json(200, { allocation: publicView(allocation as unknown as Record<string, unknown>) });
};

const showReport: RouteHandler = async (event, params) => {
  const cycleId = validate(idSchema, params.cycleId, 'cycleId');
  const report = await getReport(cycleId);
  if (!report) throw httpError(404, 'ReportNotFound', `Cycle ${cycleId} has no draft report yet`);
  if (event.queryStringParameters?.format === 'html') return { statusCode: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body: report.html };
  if (event.queryStringParameters?.format === 'text') return { statusCode: 200, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: report.text };
  return json(200, { report: publicView(report as unknown as Record<string, unknown>) });
};

const showVisitWindow: RouteHandler = async (_event, params) => {
  const cycleId = validate(idSchema, params.cycleId, 'cycleId');
  const cycle = await getCycle(cycleId);
  if (!cycle) throw httpError(404, 'CycleNotFound', `Cycle ${cycleId} not found`);
  const window = await visitWindowOf(cycle);
  return json(200, { today: ukDateOf(now()), ...(window ? { window } : {}) });
};

const cycleRecordRoutes: Route[] = [
  { method: 'GET', path: '/cycles/{cycleId}/visit-window', handle: showVisitWindow },
  { method: 'GET', path: '/cycles/{cycleId}/allocation', handle: showAllocation },
  { method: 'GET', path: '/cycles/{cycleId}/report', handle: showReport },
];

export { cycleRecordRoutes };
