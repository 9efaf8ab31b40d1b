// The network overview (staff): the aggregates behind the web app's charts, for a network or one
// cohort of it. The sums are the domain core's (src/network-overview.ts); this route only reads.
import pLimit from 'p-limit';
import { object, optional } from '#core/zod-mini';
import { deadlineWeeks, stageCounts, standardCompliance } from '#core/network-overview';
import type { OverviewCycle, RatedCycle } from '#core/network-overview';
import { ukDateOf } from '#core/uk-time';
import { CallbackStage } from '#core/vocabulary';
import { now } from '#commons/clock';
import { cyclesOfNetwork } from '#commons/data/cycle';
import { standardsOfCycle } from '#commons/helpers/networks';
import { peerRatingsOf, selfRatingsOf } from '#commons/helpers/ratings';
import { getNetwork, getTask } from '#commons/helpers/records';
import type { CycleRecord, NetworkRecord, StandardsRecord } from '#commons/helpers/records';
import { idSchema } from '#commons/schemas/workflow';
import { httpError, json, validate } from '../http.ts';
import type { Route, RouteHandler } from '../router.ts';

/** Reads of each cycle's two rating tasks at once: a cohort is ~100 services; the bound keeps one Lambda's sockets calm. */
const READ_CONCURRENCY = 8;

const overviewQuerySchema = object({ cohortId: optional(idSchema) });

/** Each standards version is read once, however many cycles started on it. */
const standardsReader = (network: NetworkRecord) => {
  const byVersion = new Map<string, Promise<StandardsRecord | undefined>>();
  return (cycle: CycleRecord) => {
    const versionId = cycle.standardsVersionId ?? network.standardsVersionId ?? '';
    if (!byVersion.has(versionId)) byVersion.set(versionId, standardsOfCycle(cycle, network));
    return byVersion.get(versionId)!;
  };
};

/** The self-review and peer ratings of a cycle, as the report reads them (functions/draft-report/report-record.ts). */
const ratedCycles = async (cycles: readonly CycleRecord[], network: NetworkRecord): Promise<RatedCycle[]> => {
  const limit = pLimit(READ_CONCURRENCY);
  const standardsOf = standardsReader(network);
  const rated = await Promise.all(
    cycles.map((cycle) =>
      limit(async (): Promise<RatedCycle | undefined> => {
        const [standards, selfTask, peerTask] = await Promise.all([
          standardsOf(cycle),
          getTask(cycle.cycleId, CallbackStage.selfReview),
          getTask(cycle.cycleId, CallbackStage.peerRatings),
        ]);
        // A cycle with nothing submitted yet would only add "unrated" to every standard.
        if (!standards || (!selfTask?.submission && !peerTask?.submission)) return undefined;
        return {
          cycleId: cycle.cycleId,
          standards: standards.standards,
          selfRatings: selfRatingsOf(selfTask?.submission, standards.standards),
          peerRatings: peerRatingsOf(peerTask?.submission),
        };
      }),
    ),
  );
  return rated.filter((cycle): cycle is RatedCycle => cycle !== undefined);
};

const showOverview: RouteHandler = async (event, params) => {
  const networkId = validate(idSchema, params.networkId, 'networkId');
  const { cohortId } = validate(overviewQuerySchema, event.queryStringParameters ?? {}, 'query string');
  const network = await getNetwork(networkId);
  if (!network) throw httpError(404, 'NetworkNotFound', `Network ${networkId} has not been loaded`);
  // The whole network is read (one query) so the answer can also list its cohorts, for the page's picker.
  const networkCycles = (await cyclesOfNetwork(networkId)) as unknown as CycleRecord[];
  const cohorts = [...new Set(networkCycles.map((cycle) => cycle.cohortId))].sort();
  const cycles = cohortId ? networkCycles.filter((cycle) => cycle.cohortId === cohortId) : networkCycles;
  const today = ukDateOf(now());
  const overviewCycles: OverviewCycle[] = cycles.map(({ cycleId, stage, status, currentDeadline }) => ({ cycleId, stage, status, ...(currentDeadline ? { currentDeadline } : {}) }));
  const compliance = standardCompliance(await ratedCycles(cycles, network));
  return json(200, {
    networkId,
    networkName: network.name,
    ...(cohortId ? { cohortId } : {}),
    cohorts,
    today,
    cycles: cycles.length,
    stages: stageCounts(overviewCycles),
    deadlines: deadlineWeeks(overviewCycles, today),
    // The network's decision rule, so the chart can say how far each type is from it.
    compliance: { ...compliance, thresholds: { 1: network.config.thresholds.type1, 2: network.config.thresholds.type2, 3: network.config.thresholds.type3 } },
  });
};

const networkOverviewRoutes: Route[] = [{ method: 'GET', path: '/networks/{networkId}/overview', handle: showOverview }];

export { networkOverviewRoutes, overviewQuerySchema };
