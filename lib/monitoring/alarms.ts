// Alarms that need a person: any failed or timed-out cycle execution and any handler error.
// A review cycle has no retries left once an execution fails, so one failure is worth a page.
import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import type { Metric } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import type { StageConfig } from '../config/stage-config.ts';
import { resourceNames } from '../config/resource-names.ts';
import { functionErrors, queueMessagesVisible, stateMachineMetric } from './service-metrics.ts';

interface OperationsAlarmsProps {
  config: StageConfig;
  functionNames: readonly string[];
  stateMachineNames: readonly string[];
}

const fiveMinutes = Duration.minutes(5);

class OperationsAlarms extends Construct {
  readonly topic: Topic;
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: OperationsAlarmsProps) {
    super(scope, id);
    const { config } = props;
    this.topic = new Topic(this, 'Topic', { topicName: resourceNames(config).alarmTopic, enforceSSL: true });
    if (config.alarmEmail !== undefined) this.topic.addSubscription(new EmailSubscription(config.alarmEmail));

    for (const name of props.stateMachineNames) {
      this.addAlarm(`${name}-failed`, stateMachineMetric(name, 'ExecutionsFailed', fiveMinutes), `An execution of ${name} failed`);
      this.addAlarm(`${name}-timed-out`, stateMachineMetric(name, 'ExecutionsTimedOut', fiveMinutes), `An execution of ${name} timed out`);
    }
    for (const name of props.functionNames) {
      this.addAlarm(`${name}-errors`, functionErrors(name, fiveMinutes), `${name} returned an error`);
    }
    const handOvers = resourceNames(config).handOverDeadLetterQueue;
    this.addAlarm(`${handOvers}-messages`, queueMessagesVisible(handOvers, fiveMinutes), 'A hand-over to the workflow was not delivered after its retries: a cycle waits for it');
  }

  private addAlarm(alarmName: string, metric: Metric, description: string): void {
    const alarm = new Alarm(this, alarmName, {
      alarmName,
      alarmDescription: description,
      metric,
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      // No executions or invocations in a period is the normal idle state, not a fault.
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(new SnsAction(this.topic));
    this.alarms.push(alarm);
  }
}

export { OperationsAlarms };
export type { OperationsAlarmsProps };
