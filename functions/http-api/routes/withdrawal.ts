// Withdrawal of a service by network staff, at any stage (DESIGN §1 edge cases). The cycle is
// recorded withdrawn, with its reason, its audit event, its open task closed and the hand-over
// that stops the execution, in one DynamoDB transaction; the stop is then delivered at once, or by
// the relay if this request dies first. An execution never stopped still finds the cycle withdrawn
// at its next step (every handler refuses a withdrawn cycle with CycleWithdrawn, which the state
// machine catches into its Withdrawn state).
import { CycleStatus } from '#core/vocabulary';
import { now } from '#commons/clock';
import { recordWithdrawal } from '#commons/data/cycle';
import { handOverPut } from '#commons/data/hand-overs';
import { deliverHandOver } from '#commons/helpers/deliver-hand-over';
import { isPending } from '#commons/data/task';
import { transactionConditionFailures } from '#commons/helpers/conditions';
import { executionStatus } from '#commons/helpers/executions';
import { getCycle, getTask } from '#commons/helpers/records';
import { logger } from '#commons/powertools/logger';
import { withdrawCycleRequestSchema } from '#commons/schemas/requests';
import { idSchema } from '#commons/schemas/workflow';
import { httpError, json, parseBody, validate } from '../http.ts';
import type { Route, RouteHandler } from '../router.ts';

/** One withdrawal per execution: it stops the execution that drove the cycle when it was recorded. */
const withdrawalHandOverId = (executionArn: string) => `withdrawal#${executionArn.split(':').at(-1)}`;

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
      const at = now();
      const stop = { kind: 'stop-execution' as const, executionArn: cycle.executionArn, error: 'CycleWithdrawn', cause: request.reason.slice(0, 32_000) };
      await recordWithdrawal(cycle, task && isPending(task) ? task : undefined, request, at, handOverPut({ cycleId, handOverId: withdrawalHandOverId(cycle.executionArn), command: stop, at }));
    } catch (error) {
      // A concurrent request recorded it first: go on and make sure the execution stops.
      if (!transactionConditionFailures(error)) throw error;
    }
  }
  if (running) {
    // Recorded with the withdrawal (or by the first of two requests): delivered now, or by the relay.
    await deliverHandOver(cycleId, withdrawalHandOverId(cycle.executionArn)).catch((error: unknown) => logger.warn('Hand-over left to the relay', { cycleId, error }));
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
