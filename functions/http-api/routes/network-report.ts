// The network report of one cohort (issue 13): built by the core (src/network-report.ts) from the
// cohort's decided cycles, each scored as its report was (the peer rating where there is one, else
// the service's own: src/scoring.ts). Staff and the committee see every member's name; a member
// service sees its own and everyone else anonymised; anyone else is refused. As JSON, or as CSV
// (?format=csv) for the download.
import { stringify } from 'csv-stringify/sync';
import { object, optional, enum as zEnum } from '#core/zod-mini';
import { buildNetworkReport, networkReportRecords } from '#core/network-report';
import type { ReportMember, ReportViewer } from '#core/network-report';
import type { Rating } from '#core/ratings';
import { scoreReview } from '#core/scoring';
import type { Standard } from '#core/standards';
import { CallbackStage, CycleStatus, Group } from '#core/vocabulary';
import { cyclesOfNetwork } from '#commons/data/cycle';
import { getStandards } from '#commons/data/standards';
import { peerRatingsOf, selfRatingsOf } from '#commons/helpers/ratings';
import { getNetwork, getTask } from '#commons/helpers/records';
import { idSchema } from '#commons/schemas/workflow';
import { forbidden } from '../access-checks.ts';
import { callerOf } from '../caller.ts';
import type { Caller } from '../caller.ts';
import { httpError, json, validate } from '../http.ts';
import type { Route, RouteHandler } from '../router.ts';

/** A cohort's cycle as the network listing reads it. */
type ListedCycle = Awaited<ReturnType<typeof cyclesOfNetwork>>[number];

/**
 * A committee has recorded a decision (accredited, deferred, not accredited: an appeal may follow,
 * the ratings do not change), or, for a developmental member, the report was issued. A withdrawn
 * cycle is left out, whatever it reached.
 */
const isDecided = (cycle: ListedCycle): boolean =>
  cycle.status !== CycleStatus.withdrawn && (cycle.decision !== undefined || cycle.status === CycleStatus.reportIssued);

const querySchema = object({ cohortId: idSchema, format: optional(zEnum(['json', 'csv'])) });

/** The rating that counts for each standard of one cycle, as its report scored it. */
const memberOf = async (cycle: ListedCycle, standards: readonly Standard[]): Promise<ReportMember> => {
  const [selfTask, peerTask] = await Promise.all([getTask(cycle.cycleId, CallbackStage.selfReview), getTask(cycle.cycleId, CallbackStage.peerRatings)]);
  const known = new Set(standards.map((standard) => standard.id));
  const scores = scoreReview({
    standards,
    selfRatings: selfRatingsOf(selfTask?.submission, standards),
    // A cycle on another standards version keeps only the ratings of standards this report lists.
    peerRatings: peerRatingsOf(peerTask?.submission).filter((rating) => known.has(rating.standardId)),
  });
  const ratings = new Map<string, Rating>(scores.results.flatMap((result) => (result.effective ? [[result.standard.id, result.effective] as const] : [])));
  return { serviceId: cycle.serviceId, serviceName: String(cycle.serviceName ?? cycle.serviceId), cycleId: cycle.cycleId, ratings };
};

const viewerOf = (caller: Caller, cycles: readonly ListedCycle[]): ReportViewer => {
  if (caller.groups.has(Group.staff) || caller.groups.has(Group.committee)) return { kind: 'staff' };
  const own = cycles.filter((cycle) => caller.organisationId !== undefined && cycle.organisationId === caller.organisationId);
  if (!caller.groups.has(Group.service) || own.length === 0) {
    throw forbidden('The network report is for network staff, the committee and the cohort’s member services', { organisationId: 'a member service of the cohort' });
  }
  return { kind: 'service', serviceIds: own.map((cycle) => cycle.serviceId) };
};

/** GET /networks/{networkId}/report?cohortId=…[&format=csv] */
const showNetworkReport: RouteHandler = async (event, params) => {
  const networkId = validate(idSchema, params.networkId, 'networkId');
  const { cohortId, format = 'json' } = validate(querySchema, event.queryStringParameters ?? {}, 'query string');
  const [network, cycles] = await Promise.all([getNetwork(networkId), cyclesOfNetwork(networkId, cohortId)]);
  if (!network) throw httpError(404, 'NetworkNotFound', `Network ${networkId} does not exist`);
  const decided = cycles.filter(isDecided);
  const viewer = viewerOf(callerOf(event), decided);
  // One list of standards for the whole report: the network's current version, which new cycles start with.
  const versionId = network.standardsVersionId ?? (decided.find((cycle) => cycle.standardsVersionId)?.standardsVersionId as string | undefined);
  const standards = decided.length === 0 || !versionId ? undefined : await getStandards(networkId, versionId);
  const members = standards ? await Promise.all(decided.map((cycle) => memberOf(cycle, standards.standards))) : [];
  const report = buildNetworkReport(standards?.standards ?? [], members, viewer);
  if (format === 'csv') {
    return {
      statusCode: 200,
      headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="network-report-${networkId}-${cohortId}.csv"` },
      body: stringify(networkReportRecords(report)),
    };
  }
  return json(200, { networkId, networkName: network.name, cohortId, standardsVersionId: standards?.versionId ?? null, ...report });
};

const networkReportRoutes: Route[] = [{ method: 'GET', path: '/networks/{networkId}/report', handle: showNetworkReport }];

export { networkReportRoutes };
