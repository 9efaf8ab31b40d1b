// Withdrawal of a service by network staff, at any stage (DESIGN §1 edge cases). Two steps that
// cannot share a transaction: (1) the cycle is recorded withdrawn, with its reason, its audit event
// and its open task closed, in one DynamoDB transaction; (2) the execution is stopped. Either
// order of failure still ends both: the same request again finds (1) done and does (2); and an
// execution never stopped finds the cycle withdrawn at its next step (every handler refuses a
// withdrawn cycle with CycleWithdrawn, which the state machine catches into its Withdrawn state).
import { DescribeExecutionCommand, ExecutionDoesNotExist, StopExecutionCommand } from '@aws-sdk/client-sfn';
import { writeTransaction } from '#commons/data/transaction';
import { documentClient } from '#commons/clients/dynamodb';
import { sfnClient } from '#commons/clients/sfn';
import { now } from '#commons/clock';
import { tableName } from '#commons/env';
import { AuditEventType, auditEventItem } from '#commons/data/audit';
import { transactionConditionFailures } from '#commons/helpers/conditions';
import { getCycle, getTask } from '#commons/helpers/records';
import type { CycleRecord } from '#commons/helpers/records';
import { cycleKey, taskKey } from '#commons/helpers/table-keys';
import { logger } from '#commons/powertools/logger';
import { withdrawCycleRequestSchema } from '#commons/schemas/requests';
import { CycleStatus, TaskStatus } from '#core/vocabulary';
import { idSchema } from '#commons/schemas/workflow';
import { httpError, json, parseBody, validate } from '../http.ts';
import type { Route, RouteHandler } from '../router.ts';

const closableStatuses: readonly string[] = [TaskStatus.open, TaskStatus.overdue];

const executionStatus = async (executionArn: string): Promise<string | undefined> => {
  try {
    return (await sfnClient.send(new DescribeExecutionCommand({ executionArn }))).status;
  } catch (error) {
    if (error instanceof ExecutionDoesNotExist) return undefined;
    throw error;
  }
};

const recordWithdrawal = async (cycle: CycleRecord, request: { withdrawnBy: string; reason: string }, at: Date) => {
  const task = await getTask(cycle.cycleId, cycle.stage);
  const closesTask = task !== undefined && closableStatuses.includes(task.status);
  const iso = at.toISOString();
  await writeTransaction({
    TransactItems: [
      {
        Update: {
          TableName: tableName,
          Key: cycleKey(cycle.cycleId),
          UpdateExpression: 'SET #status = :withdrawn, withdrawnAt = :at, withdrawnBy = :by, withdrawalReason = :reason, updatedAt = :at',
          ConditionExpression: 'attribute_exists(pk) AND #status <> :withdrawn',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':withdrawn': CycleStatus.withdrawn, ':at': iso, ':by': request.withdrawnBy, ':reason': request.reason },
        },
      },
      {
        Put: {
          TableName: tableName,
          Item: auditEventItem({
            entityPk: cycleKey(cycle.cycleId).pk,
            type: AuditEventType.cycleWithdrawn,
            at,
            actor: request.withdrawnBy,
            detail: { stage: cycle.stage, reason: request.reason, executionArn: cycle.executionArn },
          }),
        },
      },
      ...(closesTask
        ? [
            {
              Update: {
                TableName: tableName,
                Key: taskKey(cycle.cycleId, cycle.stage),
                // Out of the open-tasks index: no reminder or escalation for a withdrawn service.
                UpdateExpression: 'SET #status = :withdrawn REMOVE gsi2pk, gsi2sk',
                ConditionExpression: 'attribute_exists(pk)',
                ExpressionAttributeNames: { '#status': 'status' },
                ExpressionAttributeValues: { ':withdrawn': TaskStatus.withdrawn },
              },
            },
          ]
        : []),
    ],
  });
};

const withdrawCycle: RouteHandler = async (event, params) => {
  const cycleId = validate(idSchema, params.cycleId, 'cycleId');
  const request = parseBody(withdrawCycleRequestSchema, event);
  const cycle = await getCycle(cycleId);
  if (!cycle) throw httpError(404, 'CycleNotFound', `Cycle ${cycleId} does not exist (yet)`);
  const running = (await executionStatus(cycle.executionArn)) === 'RUNNING';
  const already = cycle.status === CycleStatus.withdrawn;
  if (!already && !running) throw httpError(409, 'CycleClosed', `Cycle ${cycleId} has ended (${cycle.status}); there is nothing to withdraw from`);
  if (!already) {
    try {
      await recordWithdrawal(cycle, request, now());
    } catch (error) {
      // A concurrent request recorded it first: go on and make sure the execution stops.
      if (!transactionConditionFailures(error)) throw error;
    }
  }
  if (running) {
    await sfnClient.send(new StopExecutionCommand({ executionArn: cycle.executionArn, error: 'CycleWithdrawn', cause: request.reason.slice(0, 32_000) }));
  }
  logger.info('Cycle withdrawn', { cycleId, stopped: running });
  const current = await getCycle(cycleId);
  return json(202, {
    result: already ? 'already-withdrawn' : 'withdrawn',
    cycleId,
    executionArn: cycle.executionArn,
    withdrawnAt: current?.withdrawnAt,
    withdrawnBy: current?.withdrawnBy,
    reason: current?.withdrawalReason,
  });
};

const withdrawalRoutes: Route[] = [{ method: 'POST', path: '/cycles/{cycleId}/withdraw', handle: withdrawCycle }];

export { withdrawalRoutes };
