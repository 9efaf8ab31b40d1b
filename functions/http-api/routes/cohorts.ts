// Launching a cohort: one cycle per service (cohort-launch.ts), each with its own result: started,
// already started (a repeated launch starts nothing new), or refused with the reason. 207 when any
// service was not started or already running.
import pLimit from 'p-limit';
import { array, maxLength, minLength, object, optional, refine } from '#core/zod-mini';
import type { ExistingCycle } from '#core/cohort-launch';
import { now } from '#commons/clock';
import { cyclesOfNetwork } from '#commons/data/cycle';
import { servicesOfNetwork } from '#commons/data/service';
import { logger } from '#commons/powertools/logger';
import { idSchema, isoDateSchema } from '#commons/schemas/workflow';
import { httpError, json, parseBody, validate } from '../http.ts';
import type { Route, RouteHandler } from '../router.ts';
import { LaunchResult, launchOne } from './cohort-launch.ts';
import type { CyclesOfService, ServiceLaunch } from './cohort-launch.ts';

/**
 * Executions started at once. Step Functions' StartExecution bucket (Standard: 1,300, refilling
 * 300 a second in the larger Regions) is far above this; the bound keeps one Lambda's sockets and
 * the local runtime's two cores from being swamped by a cohort of hundreds.
 */
const LAUNCH_CONCURRENCY = 8;
/** A network has ~100 member services at most (CCQI's largest); a cohort is a slice of them. */
const MAX_COHORT_SIZE = 500;

// The ids are at most 30 characters: with `--` the cycle id stays within Step Functions' 80-character execution names.
const shortIdSchema = idSchema.check(maxLength(30));

const launchCohortRequestSchema = object({
  /** The services to launch; when left out, every service enrolled in `networkId`. */
  serviceIds: optional(array(shortIdSchema).check(minLength(1), maxLength(MAX_COHORT_SIZE))),
  networkId: optional(idSchema),
  /** Defaults to today (the workflow clock). */
  startDate: optional(isoDateSchema),
}).check(
  refine((request) => request.serviceIds !== undefined || request.networkId !== undefined, {
    message: 'give serviceIds, or networkId to launch every service of the network',
    path: ['serviceIds'],
  }),
);

/** Reads each network's cycles once, grouped by service. */
const cyclesOfServices = (): CyclesOfService => {
  const byNetwork = new Map<string, Promise<Map<string, ExistingCycle[]>>>();
  const grouped = async (networkId: string) => {
    const groups = new Map<string, ExistingCycle[]>();
    for (const cycle of (await cyclesOfNetwork(networkId)) as unknown as (ExistingCycle & { serviceId: string })[]) groups.set(cycle.serviceId, [...(groups.get(cycle.serviceId) ?? []), cycle]);
    return groups;
  };
  return async (networkId, serviceId) => {
    if (!byNetwork.has(networkId)) byNetwork.set(networkId, grouped(networkId));
    return (await byNetwork.get(networkId))?.get(serviceId) ?? [];
  };
};

const countBy = (launches: readonly ServiceLaunch[]): Record<LaunchResult, number> =>
  Object.fromEntries(Object.values(LaunchResult).map((result) => [result, launches.filter((launch) => launch.result === result).length])) as Record<LaunchResult, number>;

const launchCohort: RouteHandler = async (event, params) => {
  const cohortId = validate(shortIdSchema, params.cohortId, 'cohortId');
  const request = parseBody(launchCohortRequestSchema, event);
  const serviceIds = [...new Set(request.serviceIds ?? (await servicesOfNetwork(request.networkId!)))];
  if (serviceIds.length === 0) throw httpError(404, 'NoServices', `Network ${request.networkId} has no enrolled services`);
  if (serviceIds.length > MAX_COHORT_SIZE) throw httpError(400, 'CohortTooLarge', `A cohort launches at most ${MAX_COHORT_SIZE} services at once; split it`);
  const startDate = request.startDate ?? now().toISOString().slice(0, 10);
  const limit = pLimit(LAUNCH_CONCURRENCY);
  const cyclesOf = cyclesOfServices();
  const services = await Promise.all(serviceIds.map((serviceId) => limit(() => launchOne(serviceId, cohortId, startDate, cyclesOf, request.networkId))));
  const counts = countBy(services);
  logger.info('Cohort launched', { cohortId, startDate, ...counts });
  // 207: each service has its own outcome; 200 when every one is started or was already.
  const allWell = counts[LaunchResult.started] + counts[LaunchResult.alreadyStarted] === services.length;
  if (!allWell) logger.warn('Cohort launch refused or failed some services', { cohortId, services: services.filter((service) => service.message) });
  return json(allWell ? 200 : 207, { cohortId, startDate, counts, services });
};

const cohortRoutes: Route[] = [{ method: 'POST', path: '/cohorts/{cohortId}/launch', handle: launchCohort }];

export { LaunchResult, cohortRoutes, launchCohortRequestSchema };
export type { ServiceLaunch };
