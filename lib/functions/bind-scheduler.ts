// For a function that creates one-off schedules (interim review, renewal): the group name, the
// role the schedules run as, their dead-letter queue, and permission to create schedules in that
// group and pass that role. The function itself never sends to the queue: Scheduler does, as the role.
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IRole } from 'aws-cdk-lib/aws-iam';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import type { IScheduleGroup } from 'aws-cdk-lib/aws-scheduler';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { EnvVar } from '#contracts/environment';
import { regionalArn, regionalArnAsNagPrintsIt } from '../arns.ts';
import { acknowledge } from '../nag.ts';

interface BindSchedulerProps {
  fn: LambdaFunction;
  group: IScheduleGroup;
  startRole: IRole;
  deadLetterQueue: IQueue;
}

const bindScheduler = ({ fn, group, startRole, deadLetterQueue }: BindSchedulerProps): void => {
  fn.addEnvironment(EnvVar.scheduleGroupName, group.scheduleGroupName);
  fn.addEnvironment(EnvVar.scheduleRoleArn, startRole.roleArn);
  fn.addEnvironment(EnvVar.scheduleDeadLetterQueueArn, deadLetterQueue.queueArn);
  fn.addToRolePolicy(new PolicyStatement({
    actions: ['scheduler:CreateSchedule', 'scheduler:GetSchedule', 'scheduler:DeleteSchedule'],
    resources: [regionalArn('scheduler', `schedule/${group.scheduleGroupName}/*`)],
  }));
  if (fn.role) {
    acknowledge(fn.role, `AwsSolutions-IAM5[Resource::${regionalArnAsNagPrintsIt('scheduler', `schedule/${group.scheduleGroupName}/*`)}]`,
      "One-off schedules are named per cycle when an accreditation is recorded, so their names are not known at deploy time; the permission is pinned to this stage's one-off schedule group.");
  }
  fn.addToRolePolicy(new PolicyStatement({
    actions: ['iam:PassRole'],
    resources: [startRole.roleArn],
    conditions: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } },
  }));
};

export { bindScheduler };
export type { BindSchedulerProps };
