// The single application table: on-demand, point-in-time recovery, and in prod protected from
// deletion both by DynamoDB and by CloudFormation.
import { AttributeType, Billing, ProjectionType, StreamViewType, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { INDEX_PROJECTIONS } from '../../contracts/index-projections.ts';
import { StringParameter } from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import type { StageConfig } from '../config/stage-config.ts';
import { resourceNames } from '../config/resource-names.ts';
import { tableDesign } from './table-design.ts';

interface ApplicationTableProps {
  config: StageConfig;
}

const stringKey = (name: string) => ({ name, type: AttributeType.STRING });

class ApplicationTable extends Construct {
  readonly table: TableV2;

  constructor(scope: Construct, id: string, props: ApplicationTableProps) {
    super(scope, id);
    const { config } = props;
    this.table = new TableV2(this, 'Table', {
      tableName: resourceNames(config).table,
      partitionKey: stringKey(tableDesign.partitionKey),
      sortKey: stringKey(tableDesign.sortKey),
      // A review network's traffic is a few writes an hour with bursts at cohort launch:
      // on-demand costs nothing idle, where provisioned capacity bills every hour.
      billing: Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: config.deletionProtection,
      removalPolicy: config.removalPolicy,
      timeToLiveAttribute: tableDesign.timeToLiveAttribute,
      // The hand-over relay reads new hand-overs from the stream (the outbox, DESIGN §2).
      dynamoStream: StreamViewType.NEW_IMAGE,
      globalSecondaryIndexes: tableDesign.globalIndexes.map((index) => ({
        indexName: index.indexName,
        partitionKey: stringKey(index.partitionKey),
        sortKey: stringKey(index.sortKey),
        // Only what the index's queries read (issue 14): a cycle change no longer copies the whole item.
        projectionType: ProjectionType.INCLUDE,
        nonKeyAttributes: [...INDEX_PROJECTIONS[index.indexName]],
      })),
    });
    // Other stacks find resources by name; a stream ARN carries a creation time, so it is published here.
    new StringParameter(this, 'StreamArn', {
      parameterName: resourceNames(config).tableStreamArnParameter,
      stringValue: this.table.tableStreamArn ?? '',
      description: 'Stream of the application table (read by the hand-over relay)',
    });
  }
}

export { ApplicationTable };
export type { ApplicationTableProps };
