// Withdrawal of a service by network staff, at any stage (DESIGN §1 edge cases). Two steps that
// cannot share a transaction: (1) the cycle is recorded withdrawn, with its reason, its audit event
// and its open task closed, in one DynamoDB transaction; (2) the execution is stopped. Either
// order of failure still ends both: the same request again finds (1) done and does (2); and an
// execution never stopped finds the cycle withdrawn at its next step (every handler refuses a
// withdrawn cycle with CycleWithdrawn, which the state machine catches into its Withdrawn state).
import { StopExecutionCommand } from '@aws-sdk/client-sfn';
import { CycleStatus } from '#core/vocabulary';
import { sfnClient } from '#commons/clients/sfn';
import { now } from '#commons/clock';
import { recordWithdrawal } from '#commons/data/cycle';
import { isPending } from '#commons/data/task';
import { transactionConditionFailures } from '#commons/helpers/conditions';
import { executionStatus } from '#commons/helpers/executions';
import { getCycle, getTask } from '#commons/helpers/records';
import { logger } from '#commons/powertools/logger';
import { withdrawCycleRequestSchema } from '#commons/schemas/requests';
import { idSchema } from '#commons/schemas/workflow';
import { httpError, json, parseBody, validate } from '../http.ts';
import type { Route, RouteHandler } from '../router.ts';

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
      const task = await getTask(cycle.cycleId, cycle.stage);
      await recordWithdrawal(cycle, task && isPending(task) ? task : undefined, request, now());
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
