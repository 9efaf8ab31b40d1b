// Cycles whose execution failed (issue 10, defect 4). A failed execution writes nothing to the
// table (it may fail before enrolment recorded the cycle at all), so Step Functions is the record:
// ListExecutions by status, then DescribeExecution of each for its input and error. Failures are
// rare and Step Functions keeps closed executions for 90 days, so this stays a handful of calls.
import { DescribeExecutionCommand, ListExecutionsCommand } from '@aws-sdk/client-sfn';
import type { ExecutionStatus } from '@aws-sdk/client-sfn';
import { sfnClient } from '../clients/sfn.ts';

interface FailedExecution {
  executionArn: string;
  /** From the execution's input (what POST /cycles and resume start it with). */
  cycleId: string;
  serviceId?: string;
  cohortId?: string;
  startDate?: string;
  stoppedAt?: string;
  error: { error?: string; cause?: string };
}

const FAILED_STATUSES: readonly ExecutionStatus[] = ['FAILED', 'TIMED_OUT'];

const arnsWithStatus = async (stateMachineArn: string, statusFilter: ExecutionStatus): Promise<string[]> => {
  const arns: string[] = [];
  let nextToken: string | undefined;
  do {
    const page = await sfnClient.send(new ListExecutionsCommand({ stateMachineArn, statusFilter, maxResults: 1000, nextToken }));
    arns.push(...(page.executions ?? []).map((execution) => execution.executionArn!));
    nextToken = page.nextToken;
  } while (nextToken);
  return arns;
};

const inputOf = (text: string | undefined): Record<string, unknown> => {
  try {
    const value: unknown = JSON.parse(text ?? '{}');
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
};

const optionalText = (value: unknown) => (typeof value === 'string' ? value : undefined);

/** Every failed or timed-out execution of the state machine that names a cycle in its input. */
const failedExecutions = async (stateMachineArn: string): Promise<FailedExecution[]> => {
  const arns = (await Promise.all(FAILED_STATUSES.map((status) => arnsWithStatus(stateMachineArn, status)))).flat();
  const described = await Promise.all(arns.map((executionArn) => sfnClient.send(new DescribeExecutionCommand({ executionArn }))));
  return described.flatMap((execution) => {
    const input = inputOf(execution.input);
    const cycleId = optionalText(input.cycleId);
    if (cycleId === undefined) return [];
    return [
      {
        executionArn: execution.executionArn!,
        cycleId,
        serviceId: optionalText(input.serviceId),
        cohortId: optionalText(input.cohortId),
        startDate: optionalText(input.startDate),
        stoppedAt: execution.stopDate?.toISOString(),
        error: { error: execution.error, cause: execution.cause },
      },
    ];
  });
};

export { failedExecutions };
export type { FailedExecution };
