// The reviewer pool of a network: staff import and list it. Each reviewer's answer to their
// invitation is in invitation-answers.ts.
import { now } from '#commons/clock';
import { getNetwork } from '#commons/helpers/records';
import { listReviewers, saveReviewers } from '#commons/data/reviewer-pool';
import { reviewerImportSchema } from '#commons/schemas/requests';
import { idSchema } from '#commons/schemas/workflow';
import { httpError, json, parseBody, validate } from '../http.ts';
import type { Route, RouteHandler } from '../router.ts';
import { publicView } from './cycles.ts';
import { acceptInvitation, declineInvitation } from './invitation-answers.ts';

const importReviewers: RouteHandler = async (event, params) => {
  const networkId = validate(idSchema, params.networkId, 'networkId');
  const { reviewers } = parseBody(reviewerImportSchema, event);
  if (!(await getNetwork(networkId))) throw httpError(404, 'NetworkNotFound', `Network ${networkId} has not been loaded: load it first (PUT /networks/${networkId}, accredit network load <folder>)`);
  await saveReviewers(networkId, reviewers, now(), 'staff');
  return json(200, { result: 'imported', networkId, reviewers: reviewers.length });
};

const showReviewers: RouteHandler = async (_event, params) => {
  const networkId = validate(idSchema, params.networkId, 'networkId');
  const reviewers = await listReviewers(networkId);
  return json(200, { networkId, reviewers: reviewers.map((reviewer) => publicView(reviewer as unknown as Record<string, unknown>)) });
};

const reviewerRoutes: Route[] = [
  { method: 'PUT', path: '/networks/{networkId}/reviewers', handle: importReviewers },
  { method: 'GET', path: '/networks/{networkId}/reviewers', handle: showReviewers },
  { method: 'POST', path: '/cycles/{cycleId}/reviewers/{reviewerId}/accept', handle: acceptInvitation },
  { method: 'POST', path: '/cycles/{cycleId}/reviewers/{reviewerId}/decline', handle: declineInvitation },
];

export { reviewerRoutes };
