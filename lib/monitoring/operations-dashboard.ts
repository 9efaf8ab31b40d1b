// What an admin opens first: where the cycles are, what is overdue, what reminders went out,
// what failed, and whether API answers, emails and schedules reached people. Built from names, so it needs nothing exported by the other stacks.
import { Duration } from 'aws-cdk-lib';
import {
  Dashboard, GraphWidget, MathExpression, SingleValueWidget, TextWidget,
} from 'aws-cdk-lib/aws-cloudwatch';
import type { IMetric, IWidget } from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';
import type { StageConfig } from '../config/stage-config.ts';
import { resourceNames } from '../config/resource-names.ts';
import { CustomMetric, cycleStageDimension, serviceDimension } from '#contracts/custom-metrics';
import { emailEvents, functionErrors, handlerMetric, queueDepth, stateMachineMetric } from './service-metrics.ts';

interface OperationsDashboardProps {
  config: StageConfig;
  functionNames: readonly string[];
  stateMachineNames: readonly string[];
  hasApi: boolean;
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
    this.dashboard.addWidgets(...this.deliveryWidgets(props));
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
      // Open and overdue cycles are the staff board's (it reads the cycles); the sweep counts only what is due (issue 14).
      new GraphWidget({
        title: 'Cycles entering each stage per day',
        left: [this.byCycleStage(config, CustomMetric.cycleStageEntered, 'Sum', '')],
        stacked: true,
        width: 24,
      }),
    ];
  }

  private reminderWidgets(config: StageConfig): IWidget[] {
    const due = handlerMetric(config, CustomMetric.tasksDue, 'Maximum', day);
    return [
      new SingleValueWidget({ title: 'Tasks due a reminder (latest sweep)', metrics: [due], width: 6 }),
      new GraphWidget({ title: 'Tasks due a reminder per day', left: [due], width: 6 }),
      new GraphWidget({
        title: 'Reminders and escalations sent per day',
        left: [
          handlerMetric(config, CustomMetric.remindersSent, 'Sum', day).with({ label: 'Reminders' }),
          handlerMetric(config, CustomMetric.escalationsSent, 'Sum', day).with({ label: 'Escalations' }),
        ],
        width: 12,
      }),
    ];
  }

  /** Whether what the workflow meant to happen reached people: API answers, emails, schedules. */
  private deliveryWidgets(props: OperationsDashboardProps): IWidget[] {
    const { config } = props;
    const names = resourceNames(config);
    const emails = (['Send', 'Delivery', 'Bounce', 'Complaint', 'Reject'] as const)
      .map((event) => emailEvents(names.configurationSet, event, day).with({ label: event }));
    return [
      ...(props.hasApi ? [new GraphWidget({
        title: 'API server errors (5xx)', left: [handlerMetric(config, CustomMetric.apiServerErrors, 'Sum', fiveMinutes).with({ label: '5xx' })], width: 8,
      })] : []),
      new GraphWidget({ title: 'Emails per day (SES events)', left: emails, width: 8 }),
      new GraphWidget({
        title: 'Schedules not delivered (dead-letter queue)',
        left: [queueDepth(names.scheduleDeadLetterQueue, fiveMinutes).with({ label: 'Messages' })],
        width: 8,
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
