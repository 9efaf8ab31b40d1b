// What an admin opens first: where the cycles are, what is overdue, what reminders went out,
// and what failed. Built from names, so it needs nothing exported by the other stacks.
import { Duration } from 'aws-cdk-lib';
import {
  Dashboard, GraphWidget, MathExpression, Metric, SingleValueWidget, TextWidget,
} from 'aws-cdk-lib/aws-cloudwatch';
import type { IMetric, IWidget } from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';
import type { StageConfig } from '../config/stage-config.ts';
import { resourceNames } from '../config/resource-names.ts';
import { CustomMetric, cycleStageDimension, serviceDimension } from '#contracts/custom-metrics';
import { functionErrors, stateMachineMetric } from './service-metrics.ts';

interface OperationsDashboardProps {
  config: StageConfig;
  functionNames: readonly string[];
  stateMachineNames: readonly string[];
}

const day = Duration.days(1);
const fiveMinutes = Duration.minutes(5);

class OperationsDashboard extends Construct {
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: OperationsDashboardProps) {
    super(scope, id);
    const { config } = props;
    this.dashboard = new Dashboard(this, 'Dashboard', {
      dashboardName: resourceNames(config).dashboard,
      defaultInterval: Duration.days(30),
    });
    this.dashboard.addWidgets(new TextWidget({
      markdown: `# Accreditation cycles (${config.stage})\nCycles by stage, overdue tasks and reminders come from the handlers (namespace \`${config.powertools.metricsNamespace}\`); failures from Step Functions and Lambda.`,
      width: 24,
      height: 2,
    }));
    this.dashboard.addWidgets(...this.cycleWidgets(config));
    this.dashboard.addWidgets(...this.reminderWidgets(config));
    this.dashboard.addWidgets(...this.failureWidgets(props));
  }

  private customMetric(config: StageConfig, metricName: string, statistic: string): Metric {
    return new Metric({
      namespace: config.powertools.metricsNamespace,
      metricName,
      dimensionsMap: { [serviceDimension]: config.powertools.serviceName },
      statistic,
      period: day,
    });
  }

  /** One line per review stage, whatever stages the handlers report. */
  private byCycleStage(config: StageConfig, metricName: string, statistic: string, label: string): MathExpression {
    const schema = `{${config.powertools.metricsNamespace},${cycleStageDimension},${serviceDimension}}`;
    return new MathExpression({
      expression: `SEARCH('${schema} MetricName="${metricName}"', '${statistic}', 86400)`,
      label,
      period: day,
    });
  }

  private cycleWidgets(config: StageConfig): IWidget[] {
    return [
      new GraphWidget({
        title: 'Open cycles by stage (daily sweep)',
        left: [this.byCycleStage(config, CustomMetric.openCycles, 'Maximum', '')],
        stacked: true,
        width: 12,
      }),
      new GraphWidget({
        title: 'Cycles entering each stage per day',
        left: [this.byCycleStage(config, CustomMetric.cycleStageEntered, 'Sum', '')],
        width: 12,
      }),
    ];
  }

  private reminderWidgets(config: StageConfig): IWidget[] {
    const overdue = this.customMetric(config, CustomMetric.overdueTasks, 'Maximum');
    return [
      new SingleValueWidget({ title: 'Overdue tasks (latest sweep)', metrics: [overdue], width: 6 }),
      new GraphWidget({ title: 'Overdue tasks', left: [overdue], width: 6 }),
      new GraphWidget({
        title: 'Reminders and escalations sent per day',
        left: [
          this.customMetric(config, CustomMetric.remindersSent, 'Sum').with({ label: 'Reminders' }),
          this.customMetric(config, CustomMetric.escalationsSent, 'Sum').with({ label: 'Escalations' }),
        ],
        width: 12,
      }),
    ];
  }

  private failureWidgets(props: OperationsDashboardProps): IWidget[] {
    const executionMetrics: IMetric[] = props.stateMachineNames.flatMap((name) => [
      stateMachineMetric(name, 'ExecutionsFailed', fiveMinutes).with({ label: `${name} failed` }),
      stateMachineMetric(name, 'ExecutionsTimedOut', fiveMinutes).with({ label: `${name} timed out` }),
      stateMachineMetric(name, 'ExecutionsAborted', fiveMinutes).with({ label: `${name} aborted` }),
    ]);
    const errorMetrics: IMetric[] = props.functionNames.map((name) => functionErrors(name, fiveMinutes).with({ label: name }));
    return [
      new GraphWidget({ title: 'Failed executions', left: executionMetrics, width: 12 }),
      new GraphWidget({ title: 'Handler errors', left: errorMetrics, width: 12 }),
    ];
  }
}

export { OperationsDashboard };
export type { OperationsDashboardProps };
