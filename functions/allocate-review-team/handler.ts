// Allocates the peer-review team of one cycle: automatically with the domain core's
// allocateReviewTeam against the network's reviewer pool and the cohort's bookings so far (hard
// rules never broken, load balanced), as network staff picked it by hand (held to the same rules,
// issue 10), or by replacing a reviewer who declined. Stores the team (or why none could be
// formed) with the cycle's new stage and its audit event in one transaction. The invitations go
// out when the acceptance step opens (open-callback-task).
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { parser } from '@aws-lambda-powertools/parser/middleware';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import middy from '@middy/core';
import { ukDateOf } from '#core/uk-time';
import { documentClient } from '#commons/clients/dynamodb';
import { now } from '#commons/clock';
import { tableName } from '#commons/env';
import { CycleNotFoundError, CycleWithdrawnError, NetworkNotFoundError } from '#commons/errors';
import { auditEventItem } from '#commons/data/audit';
import { cycleUpdate, explainCycleRefusal } from '#commons/data/cycle';
import { writeTransaction } from '#commons/data/transaction';
import { configOfCycle } from '#commons/helpers/networks';
import { AllocationStatus, getAllocation, getCycle, requireCycle } from '#commons/helpers/records';
import { allocationKey, allocationsOfCohortKeys, cycleKey } from '#commons/helpers/table-keys';
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

const decide = async (context: AllocationContext): Promise<AllocationDecision> => {
  if (context.event.mode === AllocationMode.manual) {
    const manual = await submissionOf(context.cycle.cycleId, CallbackStage.manualAllocation);
    return decideHandPicked(context, manual);
  }
  if (context.event.mode === AllocationMode.replacement) return decideReplacement(context);
  return decideAutomatic(context);
};

const store = async ({ event, cycle, at }: AllocationContext, { record, change, audit, counted = [] }: AllocationDecision) => {
  const when = new Date(at);
  // The team's contacts go on the cycle with the team (issue 10, defect 2): the reminder sweep
  // reads a cycle's contacts, and found no lead reviewer to remind of peer ratings.
  const set = { ...change.set, contacts: { ...cycle.contacts, leadReviewer: leadReviewerEmails(record.team) } };
  await writeTransaction({
      TransactItems: [
        cycleUpdate({ cycleId: cycle.cycleId, cohortId: cycle.cohortId, executionArn: event.executionArn, occurrenceId: event.occurrenceId, status: CycleStatus.active, at, ...change, set }),
        {
          Put: {
            TableName: tableName,
            Item: { ...allocationKey(cycle.cycleId), itemType: 'allocation', ...record, ...allocationsOfCohortKeys(cycle.networkId, cycle.cohortId, cycle.cycleId) },
          },
        },
        { Put: { TableName: tableName, Item: auditEventItem({ entityPk: cycleKey(cycle.cycleId).pk, type: audit.type, at: when, actor: audit.actor, detail: audit.detail }) } },
        ...(await reviewerLoadUpdates(cycle.networkId, cycle.cycleId, counted)),
      ],
  });
};

const allocateTeam = async (event: AllocateReviewTeamEvent): Promise<{ feasible: boolean; confirmed: boolean; cycle: WorkflowView }> => {
  const cycle = await requireCycle(event.cycleId);
  if (cycle.status === CycleStatus.withdrawn) throw new CycleWithdrawnError(event.cycleId);
  const network = await configOfCycle(cycle);
  if (!network) throw new NetworkNotFoundError(cycle.networkId);
  const offer = await submissionOf(cycle.cycleId, CallbackStage.peerReviewScheduling);
  const at = now();
  const context: AllocationContext = { event, cycle, network, offer, inputs: await loadAllocationInputs(cycle), today: ukDateOf(at), at: at.toISOString() };
  try {
    await store(context, await decide(context));
  } catch (error) {
    // Only the cycle's own conditions may refuse quietly (a retried step); anything else is news.
    if (explainCycleRefusal(error, event).length > 0) throw error;
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
