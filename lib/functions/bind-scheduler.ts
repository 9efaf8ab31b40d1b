// For a function that creates one-off schedules (interim review, renewal): the group name, the
// role the schedules run as, and permission to create schedules in that group and pass that role.
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IRole } from 'aws-cdk-lib/aws-iam';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import type { IScheduleGroup } from 'aws-cdk-lib/aws-scheduler';
import { regionalArn } from '../arns.ts';

interface BindSchedulerProps {
  fn: LambdaFunction;
  group: IScheduleGroup;
  startRole: IRole;
}

const bindScheduler = ({ fn, group, startRole }: BindSchedulerProps): void => {
  fn.addEnvironment('SCHEDULE_GROUP_NAME', group.scheduleGroupName);
  fn.addEnvironment('SCHEDULE_ROLE_ARN', startRole.roleArn);
  fn.addToRolePolicy(new PolicyStatement({
    actions: ['scheduler:CreateSchedule', 'scheduler:GetSchedule', 'scheduler:DeleteSchedule'],
    resources: [regionalArn('scheduler', `schedule/${group.scheduleGroupName}/*`)],
  }));
  fn.addToRolePolicy(new PolicyStatement({
    actions: ['iam:PassRole'],
    resources: [startRole.roleArn],
    conditions: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } },
  }));
};

export { bindScheduler };
export type { BindSchedulerProps };
