// The reviewer pool of a network: staff import and list it. Each reviewer's answer to their
// invitation is in invitation-answers.ts.
import { now } from '#commons/clock';
import { getNetwork } from '#commons/helpers/records';
import { InvalidReviewerCursorError, listReviewerPage, saveReviewers } from '#commons/data/reviewer-pool';
import { minLength, object, optional, pipe, refine, regex, string, transform } from '#core/zod-mini';
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

const listingQuerySchema = object({
  limit: optional(
    pipe(string().check(regex(/^[1-9][0-9]{0,3}$/, 'a whole number from 1 to 1000')), transform(Number)).check(
      refine((limit: number) => limit <= 1_000, 'a whole number from 1 to 1000'),
    ),
  ),
  cursor: optional(string().check(minLength(1))),
});

/** A page of the pool (`?limit=`, then `?cursor=` with the page's nextCursor until there is none). */
const showReviewers: RouteHandler = async (event, params) => {
  const networkId = validate(idSchema, params.networkId, 'networkId');
  const query = validate(listingQuerySchema, event.queryStringParameters ?? {}, 'query');
  const page = await listReviewerPage(networkId, query).catch((error: unknown) => {
    if (error instanceof InvalidReviewerCursorError) throw httpError(400, 'ValidationError', `Invalid query: cursor: ${error.message}`, { issues: [{ field: 'cursor', message: error.message }] });
    throw error;
  });
  return json(200, {
    networkId,
    reviewers: page.reviewers.map((reviewer) => publicView(reviewer as unknown as Record<string, unknown>)),
    ...(page.nextCursor && { nextCursor: page.nextCursor }),
  });
};

const reviewerRoutes: Route[] = [
  { method: 'PUT', path: '/networks/{networkId}/reviewers', handle: importReviewers },
  { method: 'GET', path: '/networks/{networkId}/reviewers', handle: showReviewers },
  { method: 'POST', path: '/cycles/{cycleId}/reviewers/{reviewerId}/accept', handle: acceptInvitation },
  { method: 'POST', path: '/cycles/{cycleId}/reviewers/{reviewerId}/decline', handle: declineInvitation },
];

export { reviewerRoutes };
