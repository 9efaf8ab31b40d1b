// Physical names derived from the stage. Stacks find each other's resources by these names
// rather than through CloudFormation exports, so any stack can be updated or replaced alone
// (an exported value in use cannot change).
import { Aws } from 'aws-cdk-lib';
import type { StageConfig } from './stage-config.ts';

/** The state machine whose executions the API starts and whose task tokens it completes. */
const cycleStateMachine = 'accreditation-cycle';

const resourceNames = (config: StageConfig) => ({
  table: `${config.prefix}-data`,
  /** Evidence files (issue 9); bucket names are global, so the account and region are part of it. */
  evidenceBucket: `${config.prefix}-evidence-${Aws.ACCOUNT_ID}-${Aws.REGION}`,
  /** SSM parameter holding the table's stream ARN, read by the stack of the stream-triggered function. */
  tableStreamArnParameter: `/${config.prefix}/table-stream-arn`,
  handOverDeadLetterQueue: `${config.prefix}-hand-overs-dlq`,
  function: (catalogueName: string) => `${config.prefix}-${catalogueName}`,
  stateMachine: (aslName: string) => `${config.prefix}-${aslName}`,
  cycleStateMachine: `${config.prefix}-${cycleStateMachine}`,
  configurationSet: `${config.prefix}-emails`,
  scheduleGroup: `${config.prefix}-cycle-starts`,
  scheduleDeadLetterQueue: `${config.prefix}-schedule-dead-letters`,
  alarmTopic: `${config.prefix}-alarms`,
  dashboard: `${config.prefix}-accreditation-cycles`,
});
type ResourceNames = ReturnType<typeof resourceNames>;

export { resourceNames, cycleStateMachine };
export type { ResourceNames };
