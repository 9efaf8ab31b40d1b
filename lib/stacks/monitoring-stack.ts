import { Stack } from 'aws-cdk-lib';
import type { StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { StageConfig } from '../config/stage-config.ts';
import { OperationsAlarms } from '../monitoring/alarms.ts';
import { OperationsDashboard } from '../monitoring/operations-dashboard.ts';

interface MonitoringStackProps extends StackProps {
  config: StageConfig;
  functionNames: readonly string[];
  stateMachineNames: readonly string[];
  hasApi: boolean;
  hasReminderSweep: boolean;
}

class MonitoringStack extends Stack {
  readonly dashboard: OperationsDashboard;
  readonly alarms: OperationsAlarms;

  constructor(scope: Construct, id: string, props: MonitoringStackProps) {
    super(scope, id, props);
    const { config, functionNames, stateMachineNames, hasApi, hasReminderSweep } = props;
    this.dashboard = new OperationsDashboard(this, 'Dashboard', { config, functionNames, stateMachineNames, hasApi });
    this.alarms = new OperationsAlarms(this, 'Alarms', { config, functionNames, stateMachineNames, hasApi, hasReminderSweep });
  }
}

export { MonitoringStack };
export type { MonitoringStackProps };
