// The good-practice library (issue 13): a service opts its review in (or out) per cycle, and anyone
// signed in to the network finds the shared examples by standard or by words. Examples come from the
// review team's submission (areas of good practice, comments on met standards: src/good-practice.ts)
// of cycles whose service chose to share; nothing else is read into the library.
import { boolean, maxLength, minLength, object, optional, strictObject, string, trim } from '#core/zod-mini';
import { goodPracticeExamples, searchGoodPractice } from '#core/good-practice';
import type { SharedReview } from '#core/good-practice';
import { CallbackStage } from '#core/vocabulary';
import { now } from '#commons/clock';
import { cyclesOfNetwork } from '#commons/data/cycle';
import { recordSharing, sharingCycles } from '#commons/data/good-practice';
import { getStandards } from '#commons/data/standards';
import { getCycle, getNetwork, getTask } from '#commons/helpers/records';
import { idSchema } from '#commons/schemas/workflow';
import { callerOf } from '../caller.ts';
import { httpError, json, parseBody, validate } from '../http.ts';
import type { Route, RouteHandler } from '../router.ts';

const sharingSchema = strictObject({ share: boolean() });
const searchSchema = object({ standardId: optional(string().check(trim(), minLength(1), maxLength(50))), q: optional(string().check(trim(), maxLength(200))) });

/** PUT /cycles/{cycleId}/good-practice-sharing */
const setSharing: RouteHandler = async (event, params) => {
  const cycleId = validate(idSchema, params.cycleId, 'cycleId');
  const { share } = parseBody(sharingSchema, event);
  if (!(await getCycle(cycleId))) throw httpError(404, 'CycleNotFound', `Cycle ${cycleId} does not exist`);
  const record = { cycleId, shared: share, by: callerOf(event).subject, at: now().toISOString() };
  await recordSharing(record);
  return json(200, record);
};

const sharedReviewOf = async (cycle: { cycleId: string; serviceName?: unknown; serviceId: string }): Promise<SharedReview> => {
  const submission = (await getTask(cycle.cycleId, CallbackStage.peerRatings))?.submission as
    | { goodPractice?: string[]; ratings?: { standardId: string; rating: string; comment?: string }[] }
    | undefined;
  return { cycleId: cycle.cycleId, serviceName: String(cycle.serviceName ?? cycle.serviceId), goodPractice: submission?.goodPractice ?? [], peerRatings: submission?.ratings ?? [] };
};

/** GET /networks/{networkId}/good-practice?standardId=&q= */
const searchLibrary: RouteHandler = async (event, params) => {
  const networkId = validate(idSchema, params.networkId, 'networkId');
  const query = validate(searchSchema, event.queryStringParameters ?? {}, 'query string');
  const [network, cycles] = await Promise.all([getNetwork(networkId), cyclesOfNetwork(networkId)]);
  if (!network) throw httpError(404, 'NetworkNotFound', `Network ${networkId} does not exist`);
  const shared = await sharingCycles(cycles.map((cycle) => cycle.cycleId));
  const reviews = await Promise.all(cycles.filter((cycle) => shared.has(cycle.cycleId)).map(sharedReviewOf));
  const standards = network.standardsVersionId ? ((await getStandards(networkId, network.standardsVersionId))?.standards ?? []) : [];
  const examples = searchGoodPractice(goodPracticeExamples(standards, reviews), { ...(query.standardId ? { standardId: query.standardId } : {}), ...(query.q ? { text: query.q } : {}) });
  return json(200, { networkId, ...query, examples });
};

const goodPracticeRoutes: Route[] = [
  { method: 'PUT', path: '/cycles/{cycleId}/good-practice-sharing', handle: setSharing },
  { method: 'GET', path: '/networks/{networkId}/good-practice', handle: searchLibrary },
];

export { goodPracticeRoutes };
