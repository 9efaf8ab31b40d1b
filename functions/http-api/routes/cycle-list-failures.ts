// The cohort board's failed cycles (issue 10, defect 4): a failed execution writes nothing to the
// table, so Step Functions is asked which of the cycles' executions failed, and a cycle whose
// execution failed before enrolment wrote its record gets a row built from the execution's input.
import { FAILED_STATUS } from '#core/cohort-board';
import type { BoardItem, Listing } from '#commons/data/cycle-board';
import { failedExecutions } from '#commons/helpers/failed-executions';
import type { FailedExecution } from '#commons/helpers/failed-executions';
import { getCycle, getService } from '#commons/helpers/records';
import { cycleListingSortKey, cyclesOfNetworkPartition } from '#commons/helpers/table-keys';
import { stateMachineArn } from '../env.ts';

/** A failed execution with no cycle record yet: a row built from its input and the service. */
const unrecordedRow = async (failure: FailedExecution): Promise<BoardItem | undefined> => {
  const service = failure.serviceId ? await getService(failure.serviceId) : undefined;
  if (!service || !failure.cohortId) return undefined;
  return {
    gsi1pk: cyclesOfNetworkPartition(service.networkId),
    gsi1sk: cycleListingSortKey(failure.cohortId, 'enrolment', failure.cycleId),
    cycleId: failure.cycleId,
    serviceId: service.serviceId,
    serviceName: service.name,
    organisationId: service.organisationId,
    networkId: service.networkId,
    cohortId: failure.cohortId,
    startDate: failure.startDate,
    stage: 'enrolment',
    status: FAILED_STATUS,
    executionArn: failure.executionArn,
    updatedAt: failure.stoppedAt,
  };
};

/** The failures of cycles' current executions by execution, and rows for failed cycles never recorded. */
const failuresInView = async (listing: Listing) => {
  const failures = await failedExecutions(stateMachineArn);
  const byExecution = new Map(failures.map((failure) => [failure.executionArn, failure]));
  const recorded = await Promise.all(failures.map(async (failure) => ((await getCycle(failure.cycleId)) ? undefined : unrecordedRow(failure))));
  const unrecorded = recorded.filter(
    (row): row is BoardItem =>
      row !== undefined &&
      listing.networkIds.includes(row.networkId) &&
      (!listing.cohortId || row.cohortId === listing.cohortId) &&
      (!listing.stage || row.stage === listing.stage),
  );
  return { byExecution, unrecorded };
};

/** The board's view of a row: no table keys, and a failed execution's status and error. */
const boardView = (item: BoardItem, failures: Map<string, FailedExecution>): Record<string, unknown> => {
  const { pk: _pk, sk: _sk, gsi1pk: _a, gsi1sk: _b, ...view } = item;
  const failure = failures.get(String(item.executionArn));
  return failure ? { ...view, status: FAILED_STATUS, executionError: failure.error } : view;
};

export { boardView, failuresInView };
