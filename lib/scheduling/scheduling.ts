// EventBridge Scheduler: the daily reminder sweep, and a group where one-off schedules start the
// interim review (18 months) and the renewal (36 months) of an accredited service.
import { Aws, Stack } from 'aws-cdk-lib';
import type { CfnElement } from 'aws-cdk-lib';
import { acknowledge } from '../nag.ts';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { ContextAttribute, Schedule, ScheduleExpression, ScheduleGroup, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { TimeZone } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import type { StageConfig } from '../config/stage-config.ts';
import { ConfigurationError } from '../errors.ts';
import type { ProjectFunction } from '../functions/project-function.ts';
import { regionalArn } from '../arns.ts';
import { resourceNames } from '../config/resource-names.ts';

interface SchedulingProps {
  config: StageConfig;
  /** Catalogue functions whose trigger is 'schedule'. */
  scheduledFunctions: readonly ProjectFunction[];
  /** The state machine one-off schedules start. */
  stateMachineName: string;
}

/** When each scheduled function runs. A scheduled function missing here fails the synth. */
const dailyAtConfiguredTime = (config: StageConfig): ScheduleExpression =>
  ScheduleExpression.cron({
    hour: String(config.reminderSweep.hour),
    minute: String(config.reminderSweep.minute),
    // Reminders count UK working days; running on London time keeps "today" right across BST.
    timeZone: TimeZone.EUROPE_LONDON,
  });

const scheduleFor: Readonly<Record<string, (config: StageConfig) => ScheduleExpression>> = {
  'reminder-sweep': dailyAtConfiguredTime,
};

class Scheduling extends Construct {
  readonly oneOffGroup: ScheduleGroup;
  /** The role one-off schedules run as: it may start executions of the cycle state machine only. */
  readonly startCycleRole: Role;

  constructor(scope: Construct, id: string, props: SchedulingProps) {
    super(scope, id);
    const { config } = props;
    for (const scheduled of props.scheduledFunctions) this.addRecurringSchedule(config, scheduled);

    this.oneOffGroup = new ScheduleGroup(this, 'OneOffStarts', {
      scheduleGroupName: resourceNames(config).scheduleGroup,
      removalPolicy: config.removalPolicy,
    });
    this.startCycleRole = new Role(this, 'StartCycleRole', {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        // Confused-deputy guard: only schedules in this account's group may use the role.
        conditions: {
          StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
          ArnLike: { 'aws:SourceArn': regionalArn('scheduler', `schedule/${this.oneOffGroup.scheduleGroupName}/*`) },
        },
      }),
      description: 'Lets one-off interim-review and renewal schedules start an accreditation cycle',
    });
    this.startCycleRole.addToPrincipalPolicy(new PolicyStatement({
      actions: ['states:StartExecution'],
      resources: [regionalArn('states', `stateMachine:${props.stateMachineName}`)],
    }));
  }

  private addRecurringSchedule(config: StageConfig, scheduled: ProjectFunction): void {
    const expressionFor = scheduleFor[scheduled.spec.name];
    if (expressionFor === undefined) {
      throw new ConfigurationError(`Function "${scheduled.spec.name}" has trigger "schedule" but lib/scheduling/scheduling.ts has no schedule for it`);
    }
    // The schedule's own role, so its one permission can be read (and acknowledged) here.
    const invokeRole = new Role(this, `${scheduled.node.id}ScheduleRole`, {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', { conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } } }),
      description: `Lets the ${scheduled.spec.name} schedule invoke its function`,
    });
    acknowledge(invokeRole, `AwsSolutions-IAM5[Resource::<${Stack.of(scheduled.fn).getLogicalId(scheduled.fn.node.defaultChild as CfnElement)}.Arn>:*]`,
      "Lambda's grantInvoke covers the function's versions and aliases (`<function ARN>:*`); it names this one function only.");
    new Schedule(this, `${scheduled.node.id}Schedule`, {
      scheduleName: `${config.prefix}-${scheduled.spec.name}`,
      description: `Runs ${scheduled.spec.name}: ${scheduled.spec.description}`.slice(0, 512),
      schedule: expressionFor(config),
      target: new LambdaInvoke(scheduled.fn, {
        role: invokeRole,
        // The handler decides what is due from the scheduled time, not from its own clock, so a
        // retried or late invocation still sweeps the intended day.
        input: ScheduleTargetInput.fromObject({ scheduledTime: ContextAttribute.scheduledTime }),
        retryAttempts: 3,
      }),
    });
  }
}

export { Scheduling, scheduleFor };
export type { SchedulingProps };
