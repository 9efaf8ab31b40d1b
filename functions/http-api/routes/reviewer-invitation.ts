// What a reviewer's pages read (issue 9): their invitation (the visit, the service, the date, their
// role, the reply-by date and their answer so far, with the visit's .ics once they have accepted),
// and the standards of a cycle, beside which the lead reviewer records the peer ratings. The
// allocation itself stays staff-only: it names every excluded reviewer and why.
import { ukDateOf } from '#core/uk-time';
import { CallbackStage, ReviewerRole, TaskStatus } from '#core/vocabulary';
import { cycleStandards } from '#commons/helpers/networks';
import { getAllocation, getCycle, getTask } from '#commons/helpers/records';
import { teamVisitInvitation, visitOrganiserOf } from '#commons/helpers/visit-invitation';
import { reviewerRoleLabel } from '#commons/helpers/review-team';
import { idSchema, reviewerPathSchema } from '#commons/schemas/workflow';
import { httpError, json, validate } from '../http.ts';
import type { Route, RouteHandler } from '../router.ts';

/** While the acceptance step waits (on time or late), its deadline is the reply-by date. */
const REPLY_OPEN: ReadonlySet<string> = new Set([TaskStatus.open, TaskStatus.overdue]);

const showInvitation: RouteHandler = async (_event, params) => {
  const { cycleId, reviewerId } = validate(reviewerPathSchema, params, 'path');
  const [cycle, allocation, acceptance] = await Promise.all([getCycle(cycleId), getAllocation(cycleId), getTask(cycleId, CallbackStage.reviewerAcceptance)]);
  const seat = allocation?.team.find((member) => member.reviewerId === reviewerId);
  const declined = allocation?.declinedBy?.includes(reviewerId) === true;
  if (!cycle || !allocation || (!seat && !declined)) throw httpError(404, 'InvitationNotFound', `Reviewer ${reviewerId} is not invited to review cycle ${cycleId}`);
  const answer = declined ? 'declined' : allocation.acceptedBy.includes(reviewerId) ? 'accepted' : 'pending';
  const lead = allocation.team.find((member) => member.role === ReviewerRole.Lead);
  // The same invite the email attached, so the calendar entry a download makes is the one later updates replace.
  const organiser = visitOrganiserOf(cycle);
  const calendar =
    answer === 'accepted' && allocation.date && organiser
      ? teamVisitInvitation(cycle, { ...allocation, date: allocation.date }, organiser)
      : undefined;
  return json(200, {
    invitation: {
      cycleId,
      reviewerId,
      reviewerName: seat?.name,
      serviceName: cycle.serviceName,
      networkName: cycle.networkName,
      role: seat?.role,
      roleLabel: seat ? reviewerRoleLabel(seat.role) : undefined,
      isLead: seat !== undefined && seat.reviewerId === lead?.reviewerId,
      visitDate: allocation.date,
      hostAddress: allocation.hostAddress,
      invitationStatus: allocation.status,
      answer,
      replyBy: acceptance && REPLY_OPEN.has(acceptance.status) ? ukDateOf(new Date(acceptance.dueAt)) : undefined,
      team: allocation.team.map((member) => ({ name: member.name, roleLabel: reviewerRoleLabel(member.role) })),
      ...(calendar ? { calendar: { filename: calendar.filename, content: calendar.content } } : {}),
    },
  });
};

const showCycleStandards: RouteHandler = async (_event, params) => {
  const cycleId = validate(idSchema, params.cycleId, 'cycleId');
  const cycle = await getCycle(cycleId);
  if (!cycle) throw httpError(404, 'CycleNotFound', `Cycle ${cycleId} does not exist (yet)`);
  const standards = await cycleStandards(cycle);
  if (!standards) throw httpError(404, 'StandardsNotFound', `The standards of cycle ${cycleId} are not stored`);
  return json(200, { cycleId, version: standards.version, standards: standards.standards });
};

const reviewerInvitationRoutes: Route[] = [
  { method: 'GET', path: '/cycles/{cycleId}/reviewers/{reviewerId}/invitation', handle: showInvitation },
  { method: 'GET', path: '/cycles/{cycleId}/standards', handle: showCycleStandards },
];

export { reviewerInvitationRoutes };
