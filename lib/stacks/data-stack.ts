import { Stack } from 'aws-cdk-lib';
import type { StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { StageConfig } from '../config/stage-config.ts';
import { ApplicationTable } from '../data/application-table.ts';
import { EvidenceBucket } from '../data/evidence-bucket.ts';

interface DataStackProps extends StackProps {
  config: StageConfig;
}

class DataStack extends Stack {
  readonly table: ApplicationTable;
  readonly evidence: EvidenceBucket;

  constructor(scope: Construct, id: string, props: DataStackProps) {
    super(scope, id, props);
    this.table = new ApplicationTable(this, 'Data', { config: props.config });
    this.evidence = new EvidenceBucket(this, 'Evidence', { config: props.config });
  }
}

export { DataStack };
export type { DataStackProps };
