// Alarms that need a person: any failed or timed-out cycle execution, any handler error, an API
// 5xx, a follow-up cycle that Scheduler could not start, a bounce rate SES would act on, and a
// day on which the reminder sweep reported nothing. A review cycle has no retries left once an
// execution fails, so one failure is worth an email.
import { Annotations, Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, MathExpression, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import type { IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { CustomMetric } from '#contracts/custom-metrics';
import type { StageConfig } from '../config/stage-config.ts';
import { resourceNames } from '../config/resource-names.ts';
import { emailEvents, functionErrors, handlerMetric, queueDepth, stateMachineMetric } from './service-metrics.ts';

interface OperationsAlarmsProps {
  config: StageConfig;
  functionNames: readonly string[];
  stateMachineNames: readonly string[];
  /** The stage has the HTTP API (the 5xx alarm). */
  hasApi: boolean;
  /** The stage runs the daily reminder sweep (the "sweep reported no open cycles" alarm). */
  hasReminderSweep: boolean;
}

interface AlarmRule {
  threshold: number;
  comparisonOperator: ComparisonOperator;
  treatMissingData: TreatMissingData;
}

const fiveMinutes = Duration.minutes(5);
const day = Duration.days(1);
/** Any occurrence at all. No executions or invocations in a period is the normal idle state. */
const anyOccurrence: AlarmRule = {
  threshold: 1, comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, treatMissingData: TreatMissingData.NOT_BREACHING,
};
/**
 * SES puts an account under review at a 5% bounce rate (SES Developer Guide, "Sending review
 * process FAQs"); a network's list of leads and reviewers is small and known, so anything near
 * it means wrong addresses to fix before SES pauses sending.
 */
const bounceRatePercent = 5;

class OperationsAlarms extends Construct {
  readonly topic: Topic;
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: OperationsAlarmsProps) {
    super(scope, id);
    const { config } = props;
    const names = resourceNames(config);
    this.topic = new Topic(this, 'Topic', { topicName: names.alarmTopic, enforceSSL: true });
    if (config.alarmEmail !== undefined) this.topic.addSubscription(new EmailSubscription(config.alarmEmail));
    else Annotations.of(this).addWarningV2('accredit:no-alarm-email', `No alarmEmail for stage ${config.stage}: the alarms reach nobody (set "stages.${config.stage}.alarmEmail" in cdk.json)`);

    for (const name of props.stateMachineNames) {
      this.addAlarm(`${name}-failed`, stateMachineMetric(name, 'ExecutionsFailed', fiveMinutes), `An execution of ${name} failed`);
      this.addAlarm(`${name}-timed-out`, stateMachineMetric(name, 'ExecutionsTimedOut', fiveMinutes), `An execution of ${name} timed out`);
    }
    for (const name of props.functionNames) {
      this.addAlarm(`${name}-errors`, functionErrors(name, fiveMinutes), `${name} returned an error`);
    }
    this.addAlarm(`${names.scheduleDeadLetterQueue}-not-empty`, queueDepth(names.scheduleDeadLetterQueue, fiveMinutes),
      'A schedule could not deliver (a follow-up cycle did not start, or the reminder sweep was not invoked): read the message in the queue, start the cycle by hand, then delete the message');
    if (props.hasApi) {
      this.addAlarm(`${config.prefix}-api-5xx`, handlerMetric(config, CustomMetric.apiServerErrors, 'Sum', fiveMinutes),
        'The HTTP API answered with a server error (5xx); the http-api function logs the error');
    }
    this.addAlarm(`${names.configurationSet}-bounce-rate`, this.bounceRate(names.configurationSet),
      `More than ${bounceRatePercent}% of the emails sent in a day bounced: check the contact addresses of services and reviewers`,
      { ...anyOccurrence, threshold: bounceRatePercent, comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD });
    if (props.hasReminderSweep) {
      this.addAlarm(`${config.prefix}-sweep-not-reported`, handlerMetric(config, CustomMetric.tasksDue, 'SampleCount', day),
        'The reminder sweep reported no TasksDue figure today: it did not run or failed, so no reminders went out',
        { threshold: 1, comparisonOperator: ComparisonOperator.LESS_THAN_THRESHOLD, treatMissingData: TreatMissingData.BREACHING });
    }
    this.addAlarm(`${names.handOverDeadLetterQueue}-not-empty`, queueDepth(names.handOverDeadLetterQueue, fiveMinutes),
      'A hand-over to the workflow (a submission, extension or withdrawal) was not delivered after its retries: a cycle waits for it. Read the message, then resume the cycle');
  }

  private bounceRate(configurationSetName: string): MathExpression {
    return new MathExpression({
      expression: 'IF(sent > 0, 100 * bounced / sent, 0)',
      usingMetrics: { sent: emailEvents(configurationSetName, 'Send', day), bounced: emailEvents(configurationSetName, 'Bounce', day) },
      label: 'Bounce rate (%)',
      period: day,
    });
  }

  private addAlarm(alarmName: string, metric: IMetric, description: string, rule: AlarmRule = anyOccurrence): void {
    const alarm = new Alarm(this, alarmName, { alarmName, alarmDescription: description, metric, evaluationPeriods: 1, ...rule });
    alarm.addAlarmAction(new SnsAction(this.topic));
    this.alarms.push(alarm);
  }
}

export { OperationsAlarms, bounceRatePercent };
export type { OperationsAlarmsProps };
