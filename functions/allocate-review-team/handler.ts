// Allocates the peer-review team of one cycle: automatically with the domain core's
// allocateReviewTeam against the network's reviewer pool and the cohort's bookings so far (hard
// rules never broken, load balanced), as network staff picked it by hand (held to the same rules,
// issue 10), or by replacing a reviewer who declined. Stores the team (or why none could be
// formed) with the cycle's new stage, its audit event and the team's bookings in one transaction.
// Each booking is conditional on the reviewer's day being free, so two allocations at the same
// instant cannot book one reviewer twice: the one refused reads the day again and decides again
// (issue 14). The invitations go out when the acceptance step opens (open-callback-task).
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { parser } from '@aws-lambda-powertools/parser/middleware';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import middy from '@middy/core';
import { ukDateOf } from '#core/uk-time';
import { documentClient } from '#commons/clients/dynamodb';
import { now } from '#commons/clock';
import { tableName } from '#commons/env';
import { BookingContendedError, CycleNotFoundError, CycleWithdrawnError, MissingStepRecordError, NetworkNotFoundError } from '#commons/errors';
import { auditEventItem } from '#commons/data/audit';
import { cycleUpdate, explainCycleRefusal } from '#commons/data/cycle';
import { bookingChanges, bookingsTakenMeanwhile, heldBy, mergeUpdates } from '#commons/data/bookings';
import { writeTransaction } from '#commons/data/transaction';
import { transactionConditionFailures } from '#commons/helpers/conditions';
import type { TransactItem } from '#commons/data/transaction';
import { configOfCycle } from '#commons/helpers/networks';
import { AllocationStatus, getAllocation, getCycle, requireCycle } from '#commons/helpers/records';
import type { AllocationRecord } from '#commons/helpers/records';
import { allocationKey, cycleKey } from '#commons/helpers/table-keys';
import { workflowView } from '#commons/helpers/workflow-view';
import type { WorkflowView } from '#commons/helpers/workflow-view';
import { logger } from '#commons/powertools/logger';
import { publishMetrics } from '#commons/powertools/metrics';
import { AllocationMode, allocateReviewTeamEventSchema } from '#commons/schemas/events';
import type { AllocateReviewTeamEvent } from '#commons/schemas/events';
import { CallbackStage, CycleStatus } from '#core/vocabulary';
import { loadAllocationInputs } from '#commons/helpers/allocation-inputs';
import type { AllocationContext, AllocationDecision } from './decision.ts';
import { decideAutomatic } from './automatic.ts';
import { decideHandPicked } from './hand-picked.ts';
import { decideReplacement } from './replacement.ts';
import { leadReviewerEmails } from '#commons/helpers/review-team';
import { reviewerLoadUpdates } from '#commons/helpers/reviewer-load';
import { submissionOf } from './submissions.ts';
import type { DateOffer, ManualTeam } from './submissions.ts';

/** Allocations refused in a row because another took a reviewer's day first; each retry reads the days again. */
const MAX_BOOKING_ATTEMPTS = 4;
/** The cycle's update leads the transaction. */
const CYCLE_ITEM = 0;

const decide = (context: AllocationContext, manual: ManualTeam | undefined): AllocationDecision => {
  if (manual) return decideHandPicked(context, manual);
  if (context.event.mode === AllocationMode.replacement) return decideReplacement(context);
  return decideAutomatic(context);
};

/** The days the decision is about: staff's date, the visit date a replacement keeps, else the host's offer. */
const datesOf = (event: AllocateReviewTeamEvent, offer: DateOffer, manual: ManualTeam | undefined, prior: AllocationRecord | undefined): string[] => {
  if (manual) return [manual.date];
  if (event.mode === AllocationMode.replacement) {
    if (!prior?.date) throw new MissingStepRecordError(event.cycleId, 'review-team allocation');
    return [prior.date];
  }
  return offer.dates;
};

const transactionOf = async ({ event, cycle, at, inputs, prior }: AllocationContext, { record, change, audit, counted = [] }: AllocationDecision): Promise<TransactItem[]> => {
  const when = new Date(at);
  // The team's contacts go on the cycle with the team (issue 10, defect 2): the reminder sweep
  // reads a cycle's contacts, and found no lead reviewer to remind of peer ratings.
  const set = { ...change.set, contacts: { ...cycle.contacts, leadReviewer: leadReviewerEmails(record.team) } };
  return [
    cycleUpdate({ cycleId: cycle.cycleId, cohortId: cycle.cohortId, executionArn: event.executionArn, occurrenceId: event.occurrenceId, status: CycleStatus.active, at, ...change, set }),
    // Not on the by-network index any more: the bookings carry what other allocations read (issue 14).
    { Put: { TableName: tableName, Item: { ...allocationKey(cycle.cycleId), itemType: 'allocation', ...record } } },
    { Put: { TableName: tableName, Item: auditEventItem({ entityPk: cycleKey(cycle.cycleId).pk, type: audit.type, at: when, actor: audit.actor, detail: audit.detail }) } },
    // A confirmed replacement's load count and a reviewer's visit count may fall on one pool item.
    ...mergeUpdates([
      ...(await reviewerLoadUpdates(cycle.networkId, cycle.cycleId, counted)),
      ...bookingChanges(inputs.visit, heldBy(prior), heldBy(record), (reviewerId) => inputs.pool.has(reviewerId)),
    ]),
  ];
};

/** Decides on the facts read now and stores the decision; true when another allocation took a reviewer's day first. */
const decideAndStore = async (context: AllocationContext, manual: ManualTeam | undefined): Promise<boolean> => {
  const items = await transactionOf(context, decide(context, manual));
  try {
    await writeTransaction({ TransactItems: items });
    return false;
  } catch (error) {
    // The cycle refused first: this step was recorded already (a retry), whatever its bookings say now.
    if (transactionConditionFailures(error)?.some((failure) => failure.index === CYCLE_ITEM) === true) {
      explainCycleRefusal(error, context.event, CYCLE_ITEM);
      return false;
    }
    const taken = bookingsTakenMeanwhile(error, items);
    if (taken) {
      logger.info('A reviewer was booked for the day by another allocation meanwhile: deciding again', { cycleId: context.cycle.cycleId, reviewerIds: taken });
      return true;
    }
    // Only the cycle's own conditions may refuse quietly (a retried step); anything else is news.
    if (explainCycleRefusal(error, context.event).length > 0) throw error;
    return false;
  }
};

const allocateTeam = async (event: AllocateReviewTeamEvent): Promise<{ feasible: boolean; confirmed: boolean; cycle: WorkflowView }> => {
  const cycle = await requireCycle(event.cycleId);
  if (cycle.status === CycleStatus.withdrawn) throw new CycleWithdrawnError(event.cycleId);
  const network = await configOfCycle(cycle);
  if (!network) throw new NetworkNotFoundError(cycle.networkId);
  const [offer, manual, prior] = await Promise.all([
    submissionOf(cycle.cycleId, CallbackStage.peerReviewScheduling),
    event.mode === AllocationMode.manual ? submissionOf(cycle.cycleId, CallbackStage.manualAllocation) : undefined,
    getAllocation(cycle.cycleId),
  ]);
  const dates = datesOf(event, offer, manual, prior);
  for (let attempt = 1; ; attempt += 1) {
    const at = now();
    // A retry follows a refused booking: it reads the days consistently, so it sees the booking that refused it.
    const inputs = await loadAllocationInputs(cycle, dates, { consistent: attempt > 1 });
    const context: AllocationContext = { event, cycle, network, offer, inputs, ...(prior ? { prior } : {}), today: ukDateOf(at), at: at.toISOString() };
    if (!(await decideAndStore(context, manual))) break;
    if (attempt >= MAX_BOOKING_ATTEMPTS) throw new BookingContendedError(cycle.cycleId, attempt);
  }
  // What was stored decides, not this attempt's result: a retry after the write changes nothing.
  const [updated, stored] = await Promise.all([getCycle(event.cycleId), getAllocation(event.cycleId)]);
  if (!updated) throw new CycleNotFoundError(event.cycleId);
  const feasible = stored?.status !== AllocationStatus.noFeasibleTeam;
  const confirmed = stored?.status === AllocationStatus.confirmed;
  logger.info('Review team allocation', { cycleId: cycle.cycleId, mode: event.mode, feasible, confirmed });
  return { feasible, confirmed, cycle: workflowView(updated) };
};

const handler = middy(allocateTeam)
  .use(injectLambdaContext(logger))
  .use(publishMetrics())
  .use(parser({ schema: allocateReviewTeamEventSchema }));

export { allocateTeam, handler };
