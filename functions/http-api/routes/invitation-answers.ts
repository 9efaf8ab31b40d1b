// Each allocated reviewer's answer to their invitation. An acceptance is recorded on the
// allocation; the last one completes the team's acceptance step (team-confirmation.ts). A decline
// completes it at once: the workflow replaces the decliner from the pool, and only when it cannot
// does the cycle go to staff.
import { AllocationStatus, getAllocation, getTask } from '#commons/helpers/records';
import type { AllocationRecord } from '#commons/helpers/records';
import { invitationAnswerSchema, reviewerPathSchema } from '#commons/schemas/requests';
import { CallbackStage } from '#core/vocabulary';
import { httpError, json, parseBody, validate } from '../http.ts';
import type { RouteHandler } from '../router.ts';
import { recordAnswer } from './invitation-answer-record.ts';
import { completeTask } from './task-completion.ts';
import { completeWhenAllAccepted } from './team-confirmation.ts';

/** The allocation that invites the reviewer; `declined`: also one they declined (and were replaced on), to repeat that answer. */
const requireInvitation = async (cycleId: string, reviewerId: string, declined = false): Promise<AllocationRecord> => {
  const allocation = await getAllocation(cycleId);
  if (!allocation?.team.some((member) => member.reviewerId === reviewerId) && !(declined && allocation?.declinedBy?.includes(reviewerId) === true)) {
    throw httpError(404, 'InvitationNotFound', `Reviewer ${reviewerId} is not invited to review cycle ${cycleId}`);
  }
  return allocation;
};

/** Lost races in a row (other reviewers answering at the same moment) before the 409 to try again. */
const MAX_ACCEPT_ATTEMPTS = 3;

/**
 * Records the acceptance on the allocation as read: the write holds only while nobody else answered
 * meanwhile (the count of acceptances is unchanged), so the allocation after it is known without a
 * second read, and the last acceptance is always seen as the last. A race lost is read again.
 */
const acceptOnce = async (cycleId: string, reviewerId: string, attempt = 1): Promise<{ allocation: AllocationRecord; repeated: boolean }> => {
  const allocation = await requireInvitation(cycleId, reviewerId);
  if (allocation.acceptedBy.includes(reviewerId)) return { allocation, repeated: true };
  if (allocation.status !== AllocationStatus.invited) throw httpError(409, 'InvitationClosed', `The invitations for cycle ${cycleId} are ${allocation.status}`);
  try {
    await recordAnswer(allocation, reviewerId, 'accepted', undefined, {
      UpdateExpression: 'SET acceptedBy = list_append(acceptedBy, :reviewer), updatedAt = :at',
      ConditionExpression: '#status = :invited AND #date = :date AND size(acceptedBy) = :acceptedSoFar AND NOT contains(acceptedBy, :reviewerId)',
      ExpressionAttributeValues: { ':reviewer': [reviewerId], ':reviewerId': reviewerId, ':acceptedSoFar': allocation.acceptedBy.length },
    });
  } catch (error) {
    if (attempt >= MAX_ACCEPT_ATTEMPTS || (error as { statusCode?: number }).statusCode !== 409) throw error;
    return acceptOnce(cycleId, reviewerId, attempt + 1);
  }
  return { allocation: { ...allocation, acceptedBy: [...allocation.acceptedBy, reviewerId] }, repeated: false };
};

const acceptInvitation: RouteHandler = async (event, params) => {
  const { cycleId, reviewerId } = validate(reviewerPathSchema, params, 'path');
  parseBody(invitationAnswerSchema, event);
  const { allocation, repeated } = await acceptOnce(cycleId, reviewerId);
  await completeWhenAllAccepted(allocation);
  return json(repeated ? 200 : 202, { result: repeated ? 'already-recorded' : 'accepted', cycleId, reviewerId, visitDate: allocation.date });
};

const declineInvitation: RouteHandler = async (event, params) => {
  const { cycleId, reviewerId } = validate(reviewerPathSchema, params, 'path');
  const { reason } = parseBody(invitationAnswerSchema, event);
  const allocation = await requireInvitation(cycleId, reviewerId, true);
  const repeated = allocation.declinedBy?.includes(reviewerId) === true;
  if (!repeated) {
    if (allocation.status !== AllocationStatus.invited) throw httpError(409, 'InvitationClosed', `The invitations for cycle ${cycleId} are ${allocation.status}`);
    await recordAnswer(allocation, reviewerId, 'declined', reason, {
      // Every decliner is kept: none is asked again for this visit.
      UpdateExpression: 'SET #status = :declined, declinedBy = list_append(if_not_exists(declinedBy, :none), :reviewer), updatedAt = :at',
      ConditionExpression: '#status = :invited AND #date = :date',
      ExpressionAttributeValues: { ':declined': AllocationStatus.declined, ':reviewer': [reviewerId], ':none': [] },
    });
  }
  // A decliner already replaced is no longer on the team: the open step is their replacement's.
  const current = allocation.team.some((member) => member.reviewerId === reviewerId);
  const task = current ? await getTask(cycleId, CallbackStage.reviewerAcceptance) : undefined;
  if (task) await completeTask(task, { declinedBy: reviewerId, reason: reason ?? '' }, reviewerId).catch((error: unknown) => {
    // Already completed by this decline (a repeated request): nothing more to do.
    if ((error as { statusCode?: number }).statusCode !== 409) throw error;
  });
  return json(repeated ? 200 : 202, { result: repeated ? 'already-recorded' : 'declined', cycleId, reviewerId });
};

export { acceptInvitation, declineInvitation };
