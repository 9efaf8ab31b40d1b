// What Step Functions says of a cycle's execution.
import { DescribeExecutionCommand, ExecutionDoesNotExist } from '@aws-sdk/client-sfn';
import type { DescribeExecutionCommandOutput } from '@aws-sdk/client-sfn';
import { sfnClient } from '../clients/sfn.ts';

/** The execution as Step Functions describes it, or undefined when there is none (yet). */
const describeExecution = async (executionArn: unknown): Promise<DescribeExecutionCommandOutput | undefined> => {
  if (typeof executionArn !== 'string') return undefined;
  try {
    return await sfnClient.send(new DescribeExecutionCommand({ executionArn }));
  } catch (error) {
    if (error instanceof ExecutionDoesNotExist) return undefined;
    throw error;
  }
};

const executionStatus = async (executionArn: unknown): Promise<string | undefined> => (await describeExecution(executionArn))?.status;

/** The ARN Step Functions gives the execution named `name` of a state machine (the same account and region). */
const executionArnOf = (stateMachineArn: string, name: string): string => `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`;

export { executionArnOf, describeExecution, executionStatus };
