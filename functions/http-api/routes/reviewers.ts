// The reviewer pool of a network (staff import and list it) and each allocated reviewer's answer
// to their invitation. The team's acceptance step is one task: each acceptance is recorded on the
// allocation (a conditional write with its audit event); the last one completes the task and
// counts the visit in each member's load. A decline completes it at once: the workflow replaces
// the decliner from the pool, and only when it cannot does the cycle go to staff.
import { documentClient } from '#commons/clients/dynamodb';
import { writeTransaction } from '#commons/data/transaction';
import { now } from '#commons/clock';
import { tableName } from '#commons/env';
import { AuditEventType, auditEventItem } from '#commons/data/audit';
import { transactionConditionFailures } from '#commons/helpers/conditions';
import { AllocationStatus, getAllocation, getNetwork, getTask } from '#commons/helpers/records';
import type { AllocationRecord } from '#commons/helpers/records';
import { reviewerLoadUpdates } from '#commons/helpers/reviewer-load';
import { listReviewers, saveReviewers } from '#commons/data/reviewer-pool';
import { allocationKey, cycleKey } from '#commons/helpers/table-keys';
import { invitationAnswerSchema, reviewerImportSchema, reviewerPathSchema } from '#commons/schemas/requests';
import { CallbackStage } from '#core/vocabulary';
import { idSchema } from '#commons/schemas/workflow';
import { httpError, json, parseBody, validate } from '../http.ts';
import type { Route, RouteHandler } from '../router.ts';
import { publicView } from './cycles.ts';
import { completeTask } from './task-completion.ts';

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

/** The allocation that invites the reviewer; `declined`: also one they declined (and were replaced on), to repeat that answer. */
const requireInvitation = async (cycleId: string, reviewerId: string, declined = false): Promise<AllocationRecord> => {
  const allocation = await getAllocation(cycleId);
  if (!allocation?.team.some((member) => member.reviewerId === reviewerId) && !(declined && allocation?.declinedBy?.includes(reviewerId) === true)) {
    throw httpError(404, 'InvitationNotFound', `Reviewer ${reviewerId} is not invited to review cycle ${cycleId}`);
  }
  return allocation;
};

const answerAudit = (cycleId: string, reviewerId: string, answer: string, reason: string | undefined, at: Date) => ({
  Put: {
    TableName: tableName,
    Item: auditEventItem({ entityPk: cycleKey(cycleId).pk, type: AuditEventType.invitationAnswered, at, actor: reviewerId, detail: { answer, reason } }),
  },
});

/**
 * Records one reviewer's answer on the allocation with its audit event, while the invitations are
 * still open for the same date; a change meanwhile is a 409 to read and try again.
 */
const recordAnswer = async (
  allocation: AllocationRecord,
  reviewerId: string,
  answer: 'accepted' | 'declined',
  reason: string | undefined,
  update: { UpdateExpression: string; ConditionExpression: string; ExpressionAttributeValues: Record<string, unknown> },
) => {
  const { cycleId } = allocation;
  const at = now();
  try {
    await writeTransaction({
      TransactItems: [
        {
          Update: {
            TableName: tableName,
            Key: allocationKey(cycleId),
            ...update,
            ExpressionAttributeNames: { '#status': 'status', '#date': 'date' },
            ExpressionAttributeValues: { ...update.ExpressionAttributeValues, ':invited': AllocationStatus.invited, ':date': allocation.date, ':at': at.toISOString() },
          },
        },
        answerAudit(cycleId, reviewerId, answer, reason, at),
      ],
    });
  } catch (error) {
    if (!transactionConditionFailures(error)) throw error;
    throw httpError(409, 'InvitationChanged', `The invitations for cycle ${cycleId} changed meanwhile; read them and try again`);
  }
};

/** The team is confirmed (no later decline can undo it), with its audit event; a repeat finds it done. */
const confirmTeam = async (allocation: AllocationRecord) => {
  const at = now();
  const inPool = new Set((await listReviewers(allocation.networkId)).map((reviewer) => reviewer.id));
  try {
    await writeTransaction({
      TransactItems: [
        {
          Update: {
            TableName: tableName,
            Key: allocationKey(allocation.cycleId),
            UpdateExpression: 'SET #status = :confirmed, updatedAt = :at',
            ConditionExpression: '#status = :invited AND size(acceptedBy) = :size',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':confirmed': AllocationStatus.confirmed, ':invited': AllocationStatus.invited, ':size': allocation.team.length, ':at': at.toISOString() },
          },
        },
        {
          Put: {
            TableName: tableName,
            Item: auditEventItem({ entityPk: cycleKey(allocation.cycleId).pk, type: AuditEventType.teamConfirmed, at, actor: 'review team', detail: { date: allocation.date, acceptedBy: allocation.acceptedBy } }),
          },
        },
        ...(await reviewerLoadUpdates(allocation.networkId, allocation.cycleId, allocation.team.map((member) => member.reviewerId).filter((id) => inPool.has(id)))),
      ],
    });
  } catch (error) {
    if (!transactionConditionFailures(error)) throw error;
  }
};

/** Confirms the team and completes its acceptance step when every member has accepted. */
const completeWhenAllAccepted = async (cycleId: string) => {
  const allocation = await getAllocation(cycleId);
  const accepted = new Set(allocation?.acceptedBy ?? []);
  if (!allocation || !allocation.team.every((member) => accepted.has(member.reviewerId))) return undefined;
  await confirmTeam(allocation);
  const task = await getTask(cycleId, CallbackStage.reviewerAcceptance);
  if (!task) return undefined;
  return completeTask(task, { acceptedBy: allocation.team.map((member) => member.reviewerId), visitDate: allocation.date }, 'review team');
};

const acceptInvitation: RouteHandler = async (event, params) => {
  const { cycleId, reviewerId } = validate(reviewerPathSchema, params, 'path');
  parseBody(invitationAnswerSchema, event);
  const allocation = await requireInvitation(cycleId, reviewerId);
  const repeated = allocation.acceptedBy.includes(reviewerId);
  if (!repeated) {
    if (allocation.status !== AllocationStatus.invited) throw httpError(409, 'InvitationClosed', `The invitations for cycle ${cycleId} are ${allocation.status}`);
    await recordAnswer(allocation, reviewerId, 'accepted', undefined, {
      UpdateExpression: 'SET acceptedBy = list_append(acceptedBy, :reviewer), updatedAt = :at',
      ConditionExpression: '#status = :invited AND #date = :date AND NOT contains(acceptedBy, :reviewerId)',
      ExpressionAttributeValues: { ':reviewer': [reviewerId], ':reviewerId': reviewerId },
    });
  }
  await completeWhenAllAccepted(cycleId);
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

const reviewerRoutes: Route[] = [
  { method: 'PUT', path: '/networks/{networkId}/reviewers', handle: importReviewers },
  { method: 'GET', path: '/networks/{networkId}/reviewers', handle: showReviewers },
  { method: 'POST', path: '/cycles/{cycleId}/reviewers/{reviewerId}/accept', handle: acceptInvitation },
  { method: 'POST', path: '/cycles/{cycleId}/reviewers/{reviewerId}/decline', handle: declineInvitation },
];

export { reviewerRoutes };
