// Continues a cycle in a new execution, at the stage this one was waiting in. A Standard
// execution lives at most one year (and 25,000 history events); a cycle with a deferral, an
// appeal or long extensions can last longer, so each callback waits at most until this
// execution's budget ends and then hands over here. The new execution's enrolment step attaches
// the cycle to itself (resumeAt), exactly as a staff resume does.
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { parser } from '@aws-lambda-powertools/parser/middleware';
import { ExecutionAlreadyExists, StartExecutionCommand } from '@aws-sdk/client-sfn';
import middy from '@middy/core';
import { sfnClient } from '#commons/clients/sfn';
import { requireEnv } from '#commons/env';
import { CycleOwnedByAnotherExecutionError, CycleWithdrawnError } from '#commons/errors';
import { executionArnOf } from '#commons/helpers/executions';
import { requireCycle } from '#commons/helpers/records';
import { logger } from '#commons/powertools/logger';
import { continueCycleEventSchema } from '#commons/schemas/events';
import type { ContinueCycleEvent } from '#commons/schemas/events';
import { CycleStatus } from '#core/vocabulary';

const stateMachineArn = requireEnv('STATE_MACHINE_ARN');

/** Execution names are limited to 80 characters: a 62-character cycle id, "-c" and 14 digits of the hand-over time. */
const continuationName = (cycleId: string, enteredTime: string): string => `${cycleId}-c${enteredTime.replace(/\D/g, '').slice(0, 14)}`;


const continueCycle = async (event: ContinueCycleEvent): Promise<{ executionArn: string }> => {
  const cycle = await requireCycle(event.cycleId);
  if (cycle.status === CycleStatus.withdrawn) throw new CycleWithdrawnError(event.cycleId);
  const name = continuationName(event.cycleId, event.enteredTime);
  // Another execution took over already (a staff resume): this one must not start a third.
  if (cycle.executionArn !== event.executionArn && cycle.executionArn !== executionArnOf(stateMachineArn, name)) {
    throw new CycleOwnedByAnotherExecutionError(event.cycleId, cycle.executionArn);
  }
  const input = { cycleId: cycle.cycleId, serviceId: cycle.serviceId, cohortId: cycle.cohortId, startDate: cycle.startDate, resumeAt: event.resumeAt };
  try {
    // Same name and input while running = the same execution (StartExecution is idempotent), so a retry starts nothing new.
    const { executionArn } = await sfnClient.send(new StartExecutionCommand({ stateMachineArn, name, input: JSON.stringify(input) }));
    logger.info('Cycle continued in a new execution', { cycleId: cycle.cycleId, resumeAt: event.resumeAt, executionArn });
    return { executionArn: executionArn ?? executionArnOf(stateMachineArn, name) };
  } catch (error) {
    if (!(error instanceof ExecutionAlreadyExists)) throw error;
    return { executionArn: executionArnOf(stateMachineArn, name) };
  }
};

const handler = middy(continueCycle)
  .use(injectLambdaContext(logger))
  .use(parser({ schema: continueCycleEventSchema }));

export { continueCycle, continuationName, handler };
