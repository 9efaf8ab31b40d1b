// Starting a service's cycle: one execution per service per cycle, named by the cycle id. The
// start date is checked first, as enrolment will use it (the timetable's dry run): a date whose
// cycle runs outside the bank-holiday calendar is a 400 naming the covered years, not a started
// execution that fails out of sight.
import { ExecutionAlreadyExists, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { CalendarCoverageError } from '#core/errors';
import { buildTimetable } from '#core/timetable';
import { sfnClient } from '#commons/clients/sfn';
import { now } from '#commons/clock';
import { executionArnOf } from '#commons/helpers/executions';
import { getNetwork, getService } from '#commons/helpers/records';
import type { ServiceRecord } from '#commons/helpers/records';
import { cycleIdOf, startCycleRequestSchema } from '#commons/schemas/requests';
import { stateMachineArn } from '../env.ts';
import { httpError, json, parseBody } from '../http.ts';
import type { RouteHandler } from '../router.ts';
import { refuse } from './stage-checks.ts';


/** Refuses a start date whose timetable leaves the bank-holiday calendar. */
const checkStartDate = async (service: ServiceRecord, startDate: string): Promise<void> => {
  const network = await getNetwork(service.networkId);
  if (!network) throw httpError(404, 'NetworkNotFound', `Network ${service.networkId} has not been imported`);
  try {
    buildTimetable({ startDate, membershipType: service.membershipType, config: network.config });
  } catch (error) {
    if (!(error instanceof CalendarCoverageError)) throw error;
    refuse([{ field: 'startDate', message: `a cycle starting ${startDate} runs into ${error.year}; bank holidays are known for ${error.coveredFrom}–${error.coveredTo} only` }]);
  }
};

const startCycle: RouteHandler = async (event) => {
  const request = parseBody(startCycleRequestSchema, event);
  const service = await getService(request.serviceId);
  if (!service) throw httpError(404, 'ServiceNotFound', `Service ${request.serviceId} is not enrolled`);
  const cycleId = cycleIdOf(request.cohortId, request.serviceId);
  const startDate = request.startDate ?? now().toISOString().slice(0, 10);
  await checkStartDate(service, startDate);
  const input = { cycleId, serviceId: request.serviceId, cohortId: request.cohortId, startDate };
  try {
    // The execution is named after the cycle: Step Functions refuses a second execution of the
    // same name, so launching the same cycle twice starts nothing new.
    const { executionArn } = await sfnClient.send(
      new StartExecutionCommand({ stateMachineArn, name: cycleId, input: JSON.stringify(input) }),
    );
    return json(202, { result: 'started', cycleId, executionArn, startDate });
  } catch (error) {
    if (error instanceof ExecutionAlreadyExists) {
      throw httpError(409, 'CycleAlreadyStarted', `Cycle ${cycleId} was already started`, {
        cycleId,
        executionArn: executionArnOf(stateMachineArn, cycleId),
      });
    }
    throw error;
  }
};

export { startCycle };
