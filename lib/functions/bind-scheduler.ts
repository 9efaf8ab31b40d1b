// For a function that creates one-off schedules (interim review, renewal): the group name, the
// role the schedules run as, and permission to create schedules in that group and pass that role.
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IRole } from 'aws-cdk-lib/aws-iam';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import type { IScheduleGroup } from 'aws-cdk-lib/aws-scheduler';
import { regionalArn, regionalArnAsNagPrintsIt } from '../arns.ts';
import { acknowledge } from '../nag.ts';

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
