// AWS service metrics addressed by resource name, not by construct, so the monitoring stack
// depends on no other stack's exports.
import type { Duration } from 'aws-cdk-lib';
import { Metric } from 'aws-cdk-lib/aws-cloudwatch';
import { regionalArn } from '../arns.ts';

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

/** Messages waiting in a queue (a dead-letter queue holds only what failed). */
const queueMessagesVisible = (queueName: string, period: Duration): Metric =>
  new Metric({ namespace: 'AWS/SQS', metricName: 'ApproximateNumberOfMessagesVisible', dimensionsMap: { QueueName: queueName }, statistic: 'Maximum', period });

export { stateMachineMetric, functionErrors, queueMessagesVisible };
