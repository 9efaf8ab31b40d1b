// Issue 11 item 5: the alarms that were missing (API 5xx, bounce rate, the sweep's heartbeat, schedule
// dead letters), the SES event destination they read, and where alarm emails go.
import { beforeAll, describe, expect, it } from 'vitest';
import { Match } from 'aws-cdk-lib/assertions';
import { functionCatalogue } from '#contracts/function-catalogue';
import { CustomMetric } from '#contracts/custom-metrics';
import { listAslFiles } from '../../lib/workflow/asl-files.ts';
import { synthDeployment } from './synth-deployment.ts';
import type { SynthesizedDeployment } from './synth-deployment.ts';

describe('Monitoring', () => {
  let synthesized: SynthesizedDeployment;
  let prefix: string;
  beforeAll(() => {
    synthesized = synthDeployment('dev');
    prefix = synthesized.config.prefix;
  });

  const alarmNamed = (name: string) => {
    const [alarm] = Object.values(synthesized.templates.monitoring.findResources('AWS::CloudWatch::Alarm', { Properties: { AlarmName: name } }));
    if (alarm === undefined) throw new Error(`No alarm ${name}`);
    return alarm.Properties;
  };

  it('alarms on any API 5xx, counted by the handlers (Lambda Errors never sees a 500 response)', () => {
    // Act
    const alarm = alarmNamed(`${prefix}-api-5xx`);
    // Assess
    expect(alarm).toMatchObject({
      Namespace: `AccreditationCycle/dev`,
      MetricName: CustomMetric.apiServerErrors,
      Dimensions: [{ Name: 'service', Value: 'accreditation-cycle' }],
      Statistic: 'Sum',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
  });

  it('publishes the configuration set\'s sends, bounces and complaints to CloudWatch, by configuration set', () => {
    // Assess
    synthesized.templates.notifications.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      ConfigurationSetName: Match.anyValue(),
      EventDestination: Match.objectLike({
        Enabled: true,
        MatchingEventTypes: Match.arrayWith(['send', 'bounce', 'complaint']),
        CloudWatchDestination: {
          DimensionConfigurations: [{ DimensionName: 'ses:configuration-set', DimensionValueSource: 'messageTag', DefaultDimensionValue: `${prefix}-emails` }],
        },
      }),
    });
  });

  it('alarms when more than 5% of a day\'s emails bounce, from those published events', () => {
    // Act
    const alarm = alarmNamed(`${prefix}-emails-bounce-rate`);
    const metricIds = (alarm.Metrics as { Id: string; MetricStat?: { Metric: { Namespace: string; MetricName: string; Dimensions: unknown[] } } }[])
      .filter((metric) => metric.MetricStat !== undefined)
      .map((metric) => [metric.MetricStat?.Metric.Namespace, metric.MetricStat?.Metric.MetricName, metric.MetricStat?.Metric.Dimensions]);
    // Assess
    expect(alarm).toMatchObject({ Threshold: 5, ComparisonOperator: 'GreaterThanThreshold' });
    expect(metricIds).toEqual(expect.arrayContaining([
      ['AWS/SES', 'Send', [{ Name: 'ses:configuration-set', Value: `${prefix}-emails` }]],
      ['AWS/SES', 'Bounce', [{ Name: 'ses:configuration-set', Value: `${prefix}-emails` }]],
    ]));
  });

  it('alarms on a day without the sweep\'s TasksDue figure (missing data breaches)', () => {
    // Act
    const alarm = alarmNamed(`${prefix}-sweep-not-reported`);
    // Assess
    expect(alarm).toMatchObject({
      MetricName: CustomMetric.tasksDue,
      Statistic: 'SampleCount',
      Period: 86_400,
      ComparisonOperator: 'LessThanThreshold',
      Threshold: 1,
      TreatMissingData: 'breaching',
    });
  });

  it('alarms while a schedule\'s undelivered invocation waits in the dead-letter queue', () => {
    // Act
    const alarm = alarmNamed(`${prefix}-schedule-dead-letters-not-empty`);
    // Assess
    expect(alarm).toMatchObject({
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: `${prefix}-schedule-dead-letters` }],
      Threshold: 1,
    });
  });

  it('alarms while a hand-over to the workflow waits undelivered in its dead-letter queue', () => {
    // Act
    const alarm = alarmNamed(`${prefix}-hand-overs-dlq-not-empty`);
    // Assess
    expect(alarm).toMatchObject({ Namespace: 'AWS/SQS', MetricName: 'ApproximateNumberOfMessagesVisible', Dimensions: [{ Name: 'QueueName', Value: `${prefix}-hand-overs-dlq` }], Threshold: 1 });
  });

  it('sends every alarm to the topic, which the stage\'s alarm email subscribes to', () => {
    // Act
    const alarms = Object.values(synthesized.templates.monitoring.findResources('AWS::CloudWatch::Alarm'));
    // Assess: 2 per state machine, 1 per function, then the two dead-letter queues (schedules, hand-overs), 5xx, bounce rate and the sweep's TasksDue.
    expect(alarms).toHaveLength(2 * listAslFiles().length + functionCatalogue.length + 5);
    const [topicId] = Object.keys(synthesized.templates.monitoring.findResources('AWS::SNS::Topic'));
    for (const alarm of alarms) expect(alarm.Properties.AlarmActions).toEqual([{ Ref: topicId }]);
    synthesized.templates.monitoring.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ops@example.org' });
  });

  it('shows tasks due, API 5xx, emails and undelivered schedules on the dashboard', () => {
    // Act
    const [dashboard] = Object.values(synthesized.templates.monitoring.findResources('AWS::CloudWatch::Dashboard'));
    const body = JSON.stringify(dashboard.Properties.DashboardBody);
    // Assess
    for (const title of ['Tasks due a reminder (latest sweep)', 'API server errors (5xx)', 'Emails per day (SES events)', 'Schedules not delivered (dead-letter queue)']) {
      expect(body).toContain(title);
    }
  });
});
