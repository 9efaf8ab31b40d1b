// A function triggered by the application table's stream (the hand-over relay of the outbox,
// DESIGN §2): an event source mapping filtered as the catalogue says, so the function is invoked
// only for new hand-overs; partial batch responses, so one hand-over Step Functions cannot take
// yet does not hold back the others; and a dead-letter queue that keeps the record of any
// hand-over still undelivered after the retries (the monitoring stack alarms on it by name).
import { Duration } from 'aws-cdk-lib';
import { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { FilterCriteria, FilterRule, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { StringParameter } from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import type { FunctionSpec } from '#contracts/function-catalogue';
import { acknowledge } from '../nag.ts';

interface TableStreamTriggerProps {
  fn: IFunction;
  spec: FunctionSpec;
  tableName: string;
  /** SSM parameter the data stack writes the stream ARN to (a stream ARN cannot be derived from a name). */
  streamArnParameterName: string;
  deadLetterQueueName: string;
}

class TableStreamTrigger extends Construct {
  readonly deadLetterQueue: Queue;

  constructor(scope: Construct, id: string, props: TableStreamTriggerProps) {
    super(scope, id);
    const filter = props.spec.streamFilter;
    if (!filter) throw new Error(`Catalogue function ${props.spec.name} is triggered by the table stream but has no streamFilter`);
    const table = TableV2.fromTableAttributes(this, 'Table', {
      tableName: props.tableName,
      tableStreamArn: StringParameter.valueForStringParameter(this, props.streamArnParameterName),
    });
    this.deadLetterQueue = new Queue(this, 'DeadLetterQueue', {
      queueName: props.deadLetterQueueName,
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // The longest SQS keeps a message: time for a person to read what was not handed over.
      retentionPeriod: Duration.days(14),
    });
    acknowledge(this.deadLetterQueue, 'AwsSolutions-SQS3', 'This queue is itself the dead-letter destination of the stream trigger');
    props.fn.addEventSource(
      new DynamoEventSource(table, {
        // A relay that was down starts from the oldest record kept (24 hours), not from now.
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: 10,
        reportBatchItemFailures: true,
        bisectBatchOnError: true,
        retryAttempts: 20,
        onFailure: new SqsDlq(this.deadLetterQueue),
        filters: [
          FilterCriteria.filter({
            eventName: FilterRule.isEqual(filter.eventName),
            dynamodb: { Keys: { sk: { S: FilterRule.beginsWith(filter.sortKeyPrefix) } } },
          }),
        ],
      }),
    );
  }
}

export { TableStreamTrigger };
export type { TableStreamTriggerProps };
