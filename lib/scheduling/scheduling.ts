// EventBridge Scheduler: the daily reminder sweep, and a group where one-off schedules start the
// interim review (18 months) and the renewal (36 months) of an accredited service. Every
// schedule retries and then dead-letters to one queue (schedule-dead-letters.ts).
import { Aws, Duration, Stack, TimeZone } from 'aws-cdk-lib';
import type { CfnElement } from 'aws-cdk-lib';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Schedule, ScheduleExpression, ScheduleGroup, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { recurringSchedules } from '#contracts/schedules';
import { regionalArn } from '../arns.ts';
import { resourceNames } from '../config/resource-names.ts';
import type { StageConfig } from '../config/stage-config.ts';
import { ConfigurationError } from '../errors.ts';
import type { ProjectFunction } from '../functions/project-function.ts';
import { acknowledge } from '../nag.ts';
import { ScheduleDeadLetters } from './schedule-dead-letters.ts';

interface SchedulingProps {
  config: StageConfig;
  /** Catalogue functions whose trigger is 'schedule'. */
  scheduledFunctions: readonly ProjectFunction[];
  /** The state machine one-off schedules start. */
  stateMachineName: string;
}

/** Schedules created without a group are in the account's `default` group. */
const defaultGroupName = 'default';

/**
 * Scheduler's confused-deputy guard: it passes the ARN of the schedule's GROUP as aws:SourceArn
 * (EventBridge Scheduler User Guide, "Set up the execution role", confused deputy prevention),
 * so a condition naming schedules (`schedule/<group>/*`) would never match and every start would
 * be denied.
 */
const schedulerPrincipalFor = (groupName: string): ServicePrincipal =>
  new ServicePrincipal('scheduler.amazonaws.com', {
    conditions: {
      StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
      ArnEquals: { 'aws:SourceArn': regionalArn('scheduler', `schedule-group/${groupName}`) },
    },
  });

class Scheduling extends Construct {
  readonly oneOffGroup: ScheduleGroup;
  /** The role one-off schedules run as: it may start executions of the cycle state machine only. */
  readonly startCycleRole: Role;
  /** Every schedule's dead-letter queue. */
  readonly deadLetterQueue: IQueue;

  constructor(scope: Construct, id: string, props: SchedulingProps) {
    super(scope, id);
    const { config } = props;
    this.deadLetterQueue = new ScheduleDeadLetters(this, 'DeadLetters', { config }).queue;
    for (const scheduled of props.scheduledFunctions) this.addRecurringSchedule(config, scheduled);

    this.oneOffGroup = new ScheduleGroup(this, 'OneOffStarts', {
      scheduleGroupName: resourceNames(config).scheduleGroup,
      removalPolicy: config.removalPolicy,
    });
    this.startCycleRole = new Role(this, 'StartCycleRole', {
      assumedBy: schedulerPrincipalFor(this.oneOffGroup.scheduleGroupName),
      description: 'Lets one-off interim-review and renewal schedules start an accreditation cycle',
    });
    this.startCycleRole.addToPrincipalPolicy(new PolicyStatement({
      actions: ['states:StartExecution'],
      resources: [regionalArn('states', `stateMachine:${props.stateMachineName}`)],
    }));
    // Scheduler sends an undeliverable start to the dead-letter queue as the schedule's role.
    this.deadLetterQueue.grantSendMessages(this.startCycleRole);
  }

  private addRecurringSchedule(config: StageConfig, scheduled: ProjectFunction): void {
    const spec = recurringSchedules[scheduled.spec.name];
    if (spec === undefined) {
      throw new ConfigurationError(`Function "${scheduled.spec.name}" has trigger "schedule" but contracts/schedules.ts has no schedule for it`);
    }
    // The schedule's own role, so its one permission can be read (and acknowledged) here.
    const invokeRole = new Role(this, `${scheduled.node.id}ScheduleRole`, {
      assumedBy: schedulerPrincipalFor(defaultGroupName),
      description: `Lets the ${scheduled.spec.name} schedule invoke its function`,
    });
    acknowledge(invokeRole, `AwsSolutions-IAM5[Resource::<${Stack.of(scheduled.fn).getLogicalId(scheduled.fn.node.defaultChild as CfnElement)}.Arn>:*]`,
      "Lambda's grantInvoke covers the function's versions and aliases (`<function ARN>:*`); it names this one function only.");
    new Schedule(this, `${scheduled.node.id}Schedule`, {
      scheduleName: `${config.prefix}-${scheduled.spec.name}`,
      description: `Runs ${scheduled.spec.name}: ${scheduled.spec.description}`.slice(0, 512),
      schedule: ScheduleExpression.expression(spec.expression, TimeZone.of(spec.timeZone)),
      target: new LambdaInvoke(scheduled.fn, {
        role: invokeRole,
        input: ScheduleTargetInput.fromObject(spec.input),
        retryAttempts: 3,
        // A sweep delivered after midday is still "today" in the UK; later, the next run takes over.
        maxEventAge: Duration.hours(6),
        deadLetterQueue: this.deadLetterQueue,
      }),
    });
  }
}

export { Scheduling };
export type { SchedulingProps };
