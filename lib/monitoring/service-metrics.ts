// Metrics addressed by resource name, not by construct, so the monitoring stack depends on no
// other stack's exports: AWS service metrics and the handlers' own (Powertools EMF) metrics.
import type { Duration } from 'aws-cdk-lib';
import { Metric } from 'aws-cdk-lib/aws-cloudwatch';
import { serviceDimension } from '#contracts/custom-metrics';
import { regionalArn } from '../arns.ts';
import type { StageConfig } from '../config/stage-config.ts';
import { configurationSetDimension } from '../notifications/email-sending.ts';

const stateMachineMetric = (stateMachineName: string, metricName: string, period: Duration): Metric =>
  new Metric({
    namespace: 'AWS/States',
    metricName,
    dimensionsMap: { StateMachineArn: regionalArn('states', `stateMachine:${stateMachineName}`) },
    statistic: 'Sum',
    period,
  });

const functionErrors = (functionName: string, period: Duration): Metric =>
  new Metric({ namespace: 'AWS/Lambda', metricName: 'Errors', dimensionsMap: { FunctionName: functionName }, statistic: 'Sum', period });

/** Messages waiting in a queue (SQS publishes it every 5 minutes). */
const queueDepth = (queueName: string, period: Duration): Metric =>
  new Metric({
    namespace: 'AWS/SQS', metricName: 'ApproximateNumberOfMessagesVisible', dimensionsMap: { QueueName: queueName }, statistic: 'Maximum', period,
  });

/** SES event publishing to CloudWatch: one metric per event type (Send, Bounce, Complaint, ...). */
const emailEvents = (configurationSetName: string, event: 'Send' | 'Delivery' | 'Bounce' | 'Complaint' | 'Reject', period: Duration): Metric =>
  new Metric({ namespace: 'AWS/SES', metricName: event, dimensionsMap: { [configurationSetDimension]: configurationSetName }, statistic: 'Sum', period });

/** A handler metric without extra dimensions; Powertools adds `service` to every metric. */
const handlerMetric = (config: StageConfig, metricName: string, statistic: string, period: Duration): Metric =>
  new Metric({
    namespace: config.powertools.metricsNamespace,
    metricName,
    dimensionsMap: { [serviceDimension]: config.powertools.serviceName },
    statistic,
    period,
  });

export { emailEvents, functionErrors, handlerMetric, queueDepth, stateMachineMetric };
