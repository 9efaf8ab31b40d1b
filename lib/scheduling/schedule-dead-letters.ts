// Where EventBridge Scheduler puts an invocation it could not deliver after its retries: a
// one-off schedule with ActionAfterCompletion DELETE is gone once it fires, so for a follow-up
// cycle that failed to start this queue holds the only trace (its input, target and error).
import { Duration } from 'aws-cdk-lib';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { StageConfig } from '../config/stage-config.ts';
import { resourceNames } from '../config/resource-names.ts';
import { acknowledge } from '../nag.ts';

interface ScheduleDeadLettersProps {
  config: StageConfig;
}

class ScheduleDeadLetters extends Construct {
  readonly queue: Queue;

  constructor(scope: Construct, id: string, props: ScheduleDeadLettersProps) {
    super(scope, id);
    const { config } = props;
    this.queue = new Queue(this, 'Queue', {
      queueName: resourceNames(config).scheduleDeadLetterQueue,
      // SQS's longest retention: the time an operator has to start the cycle by hand.
      retentionPeriod: Duration.days(14),
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      removalPolicy: config.removalPolicy,
    });
    acknowledge(this.queue, 'AwsSolutions-SQS3',
      'This queue is the dead-letter queue of the EventBridge Scheduler schedules; a message here is read by a person (the alarm says so), never redriven automatically.');
  }
}

export { ScheduleDeadLetters };
export type { ScheduleDeadLettersProps };
