// A third entry point of the HTTP API: a reviewer's invitation page (the visit, the team, the reply-by
// date and, once accepted, the calendar invite) and the cycle's standards the reviewer's pages show.
// The HTTP API sends these routes here (contracts/function-catalogue.ts, httpRoutes) so that the
// calendar library that builds the .ics is bundled with this function only.
import { apiHandlerFor } from '../http-api/api-handler.ts';
import { reviewerInvitationRoutes } from '../http-api/routes/reviewer-invitation.ts';

const routes = [...reviewerInvitationRoutes];
const { handler, httpApi } = apiHandlerFor(routes);

export { handler, httpApi, routes };
