// Sets STATE_MACHINE_ARN and grants what the catalogue says a function does with executions:
// completing human steps (task tokens) and/or starting and stopping executions.
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { regionalArn, regionalArnAsNagPrintsIt } from '../arns.ts';
import { acknowledge } from '../nag.ts';
import { EnvVar } from '#contracts/environment';

interface BindStateMachineProps {
  fn: LambdaFunction;
  stateMachineName: string;
  completesTasks: boolean;
  managesExecutions: boolean;
  envVarName?: string;
}

// Task-token calls name no resource: IAM authorises them against the state machine that issued
// the token, which is why they are granted on the machine's ARN.
const taskResponseActions = ['states:SendTaskSuccess', 'states:SendTaskFailure', 'states:SendTaskHeartbeat'] as const;

const bindStateMachine = (props: BindStateMachineProps): void => {
  const { fn, stateMachineName, completesTasks, managesExecutions } = props;
  if (!completesTasks && !managesExecutions) return;
  // Built from the name, not referenced from the machine: the machine may invoke this very
  // function, and a reference both ways would be a circular CloudFormation dependency.
  const stateMachineArn = regionalArn('states', `stateMachine:${stateMachineName}`);
  const executionResource = `execution:${stateMachineName}:*`;
  fn.addEnvironment(props.envVarName ?? EnvVar.stateMachineArn, stateMachineArn);
  if (completesTasks) {
    fn.addToRolePolicy(new PolicyStatement({ actions: [...taskResponseActions], resources: [stateMachineArn] }));
  }
  if (managesExecutions) {
    // ListExecutions: a failed execution writes nothing to the table, so listings find failed cycles there.
    fn.addToRolePolicy(new PolicyStatement({ actions: ['states:StartExecution', 'states:ListExecutions'], resources: [stateMachineArn] }));
    fn.addToRolePolicy(new PolicyStatement({
      actions: ['states:StopExecution', 'states:DescribeExecution', 'states:RedriveExecution'],
      resources: [regionalArn('states', executionResource)],
    }));
    if (fn.role !== undefined) {
      acknowledge(fn.role, `AwsSolutions-IAM5[Resource::${regionalArnAsNagPrintsIt('states', executionResource)}]`,
        'Execution names are chosen at start time (one per service per cycle); the pattern is limited to executions of this one state machine.');
    }
  }
};

export { bindStateMachine, taskResponseActions };
export type { BindStateMachineProps };
