// Allocates the peer-review team of one cycle: automatically with the domain core's
// allocateReviewTeam against the network's reviewer pool and the cohort's bookings so far (hard
// rules never broken, load balanced), or as network staff allocated it by hand. Stores the team
// (or why none could be formed) with the cycle's new stage and its audit event in one transaction.
// The invitations go out when the acceptance step opens (open-callback-task).
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { writeTransaction } from '#commons/data/transaction';
import { parser } from '@aws-lambda-powertools/parser/middleware';
import middy from '@middy/core';
import { allocateReviewTeam } from '#core/allocation';
import type { AllocationResult } from '#core/allocation';
import type { TeamMember } from '#core/allocation-rules';
import { ukDateOf } from '#core/uk-time';
import { documentClient } from '#commons/clients/dynamodb';
import { now } from '#commons/clock';
import { tableName } from '#commons/env';
import { CycleNotFoundError, CycleWithdrawnError, MissingStepRecordError, NetworkNotFoundError } from '#commons/errors';
import { AuditEventType, auditEventItem } from '#commons/data/audit';
import { cycleUpdate, explainCycleRefusal } from '#commons/data/cycle';
import { stepDeadline } from '#commons/helpers/deadlines';
import { AllocationStatus, getAllocation, getCycle, getNetwork, getTask, requireCycle } from '#commons/helpers/records';
import type { AllocationMember, AllocationRecord, CycleRecord, NetworkRecord, ReviewerRecord } from '#commons/helpers/records';
import { cohortAllocations, listReviewers } from '#commons/data/reviewer-pool';
import { allocationKey, allocationsOfCohortKeys, cycleKey } from '#commons/helpers/table-keys';
import { workflowView } from '#commons/helpers/workflow-view';
import type { WorkflowView } from '#commons/helpers/workflow-view';
import { logger } from '#commons/powertools/logger';
import { publishMetrics } from '#commons/powertools/metrics';
import { AllocationMode, allocateReviewTeamEventSchema } from '#commons/schemas/events';
import type { AllocateReviewTeamEvent } from '#commons/schemas/events';
import { CallbackStage, CycleStatus } from '#core/vocabulary';

/** Keeps the allocation item well inside DynamoDB's 400 KB item limit for a large pool; staff see the rest through the API. */
const MAX_STORED_EXCLUSIONS = 300;

interface DateOffer {
  offeredBy: string;
  dates: string[];
  hostAddress?: string;
}

interface ManualTeam {
  allocatedBy: string;
  date: string;
  team: { reviewerId: string; role: TeamMember['role'] }[];
}

const submissionOf = async <T>(cycleId: string, stage: string): Promise<T> => {
  const task = await getTask(cycleId, stage);
  if (!task?.submission) throw new MissingStepRecordError(cycleId, `${stage} submission`);
  return task.submission as T;
};

const withContacts = (team: readonly TeamMember[], pool: ReadonlyMap<string, ReviewerRecord>): AllocationMember[] =>
  team.map((member) => {
    const reviewer = pool.get(member.reviewerId);
    return { ...member, name: reviewer?.name ?? member.reviewerId, email: reviewer?.email ?? '' };
  });

/** Staff's team, as the core would describe it (their home service and organisation from the pool). */
const manualResult = (manual: ManualTeam, pool: ReadonlyMap<string, ReviewerRecord>): AllocationResult => ({
  ok: true,
  date: manual.date,
  team: manual.team.map(({ reviewerId, role }) => {
    const reviewer = pool.get(reviewerId);
    return {
      reviewerId,
      role,
      ...(reviewer?.serviceId ? { serviceId: reviewer.serviceId } : {}),
      ...(reviewer?.organisationId ? { organisationId: reviewer.organisationId } : {}),
    };
  }),
});

const hostOrganisationOf = (cycle: CycleRecord): string => cycle.organisationId ?? cycle.serviceId;

const allocate = async (event: AllocateReviewTeamEvent, cycle: CycleRecord, network: NetworkRecord, offer: DateOffer) => {
  const reviewers = await listReviewers(cycle.networkId);
  const pool = new Map(reviewers.map((reviewer) => [reviewer.id, reviewer]));
  if (event.mode === AllocationMode.manual) {
    const manual = await submissionOf<ManualTeam>(cycle.cycleId, CallbackStage.manualAllocation);
    return { result: manualResult(manual, pool), pool, allocatedBy: manual.allocatedBy };
  }
  const result = allocateReviewTeam({
    host: { serviceId: cycle.serviceId, organisationId: hostOrganisationOf(cycle) },
    offeredDates: offer.dates,
    pool: reviewers,
    allocationsThisCycle: await cohortAllocations(cycle.networkId, cycle.cohortId, cycle.cycleId),
    composition: network.config.reviewTeam,
  });
  return { result, pool, allocatedBy: 'automatic' };
};

const allocationRecord = (cycle: CycleRecord, offer: DateOffer, result: AllocationResult, pool: ReadonlyMap<string, ReviewerRecord>, allocatedBy: string, at: string): AllocationRecord => ({
  cycleId: cycle.cycleId,
  networkId: cycle.networkId,
  cohortId: cycle.cohortId,
  hostServiceId: cycle.serviceId,
  hostOrganisationId: hostOrganisationOf(cycle),
  offeredDates: offer.dates,
  ...(offer.hostAddress ? { hostAddress: offer.hostAddress } : {}),
  allocatedBy,
  acceptedBy: [],
  updatedAt: at,
  ...(result.ok
    ? { status: AllocationStatus.invited, date: result.date, team: withContacts(result.team, pool) }
    : { status: AllocationStatus.noFeasibleTeam, team: [], exclusions: result.exclusions.slice(0, MAX_STORED_EXCLUSIONS), shortfall: result.shortfall }),
});

const cycleChangeOf = (cycle: CycleRecord, network: NetworkRecord, result: AllocationResult, today: string) => {
  if (!result.ok) {
    return { stage: CallbackStage.manualAllocation, set: { deadlines: { ...cycle.deadlines, [CallbackStage.manualAllocation]: stepDeadline(cycle, network.config, CallbackStage.manualAllocation, today) } } };
  }
  const ratingsDue = stepDeadline(cycle, network.config, CallbackStage.peerRatings, today, result.date);
  const deadlines = {
    ...cycle.deadlines,
    [CallbackStage.reviewerAcceptance]: stepDeadline(cycle, network.config, CallbackStage.reviewerAcceptance, today, result.date),
    [CallbackStage.visit]: stepDeadline(cycle, network.config, CallbackStage.visit, today, result.date),
    ...(ratingsDue ? { [CallbackStage.peerRatings]: ratingsDue } : {}),
  };
  return { stage: CallbackStage.reviewerAcceptance, set: { deadlines, visitDate: result.date }, add: { visitBookings: 1 } };
};

const store = async (event: AllocateReviewTeamEvent, cycle: CycleRecord, record: AllocationRecord, change: ReturnType<typeof cycleChangeOf>, at: Date) => {
  const iso = at.toISOString();
  await writeTransaction({
    TransactItems: [
      cycleUpdate({ cycleId: cycle.cycleId, cohortId: cycle.cohortId, executionArn: event.executionArn, occurrenceId: event.occurrenceId, status: CycleStatus.active, at: iso, ...change }),
      {
        Put: {
          TableName: tableName,
          Item: { ...allocationKey(cycle.cycleId), itemType: 'allocation', ...record, ...allocationsOfCohortKeys(cycle.networkId, cycle.cohortId, cycle.cycleId) },
        },
      },
      {
        Put: {
          TableName: tableName,
          Item: auditEventItem({
            entityPk: cycleKey(cycle.cycleId).pk,
            type: record.status === AllocationStatus.noFeasibleTeam ? AuditEventType.noFeasibleTeam : AuditEventType.teamAllocated,
            at,
            actor: record.allocatedBy === 'automatic' ? event.executionArn : record.allocatedBy,
            detail: {
              mode: event.mode,
              date: record.date,
              team: record.team.map(({ reviewerId, role }) => ({ reviewerId, role })),
              exclusions: record.exclusions?.length ?? 0,
            },
          }),
        },
      },
    ],
  });
};

const allocateTeam = async (event: AllocateReviewTeamEvent): Promise<{ feasible: boolean; cycle: WorkflowView }> => {
  const cycle = await requireCycle(event.cycleId);
  if (cycle.status === CycleStatus.withdrawn) throw new CycleWithdrawnError(event.cycleId);
  const network = await getNetwork(cycle.networkId);
  if (!network) throw new NetworkNotFoundError(cycle.networkId);
  const offer = await submissionOf<DateOffer>(cycle.cycleId, CallbackStage.peerReviewScheduling);
  const at = now();
  const { result, pool, allocatedBy } = await allocate(event, cycle, network, offer);
  const record = allocationRecord(cycle, offer, result, pool, allocatedBy, at.toISOString());
  try {
    await store(event, cycle, record, cycleChangeOf(cycle, network, result, ukDateOf(at)), at);
  } catch (error) {
    explainCycleRefusal(error, event);
  }
  // What was stored decides, not this attempt's result: a retry after the write changes nothing.
  const [updated, stored] = await Promise.all([getCycle(event.cycleId), getAllocation(event.cycleId)]);
  if (!updated) throw new CycleNotFoundError(event.cycleId);
  const feasible = stored?.status !== AllocationStatus.noFeasibleTeam;
  logger.info('Review team allocation', { cycleId: cycle.cycleId, mode: event.mode, feasible });
  return { feasible, cycle: workflowView(updated) };
};

const handler = middy(allocateTeam)
  .use(injectLambdaContext(logger))
  .use(publishMetrics())
  .use(parser({ schema: allocateReviewTeamEventSchema }));

export { allocateTeam, handler };
