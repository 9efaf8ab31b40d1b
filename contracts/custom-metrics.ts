// The custom metrics the dashboard reads. Handlers emit them with Powertools Metrics (EMF) in
// the namespace POWERTOOLS_METRICS_NAMESPACE; Powertools adds the `service` dimension itself.
const CustomMetric = {
  /** Count, dimension `cycleStage`: a cycle entered that stage (enrolment, self-review, ...). */
  cycleStageEntered: 'CycleStageEntered',
  /** Gauge from the daily sweep, dimension `cycleStage`: cycles currently in that stage. */
  openCycles: 'OpenCycles',
  /** Gauge from the daily sweep: open human tasks past their deadline. */
  overdueTasks: 'OverdueTasks',
  /** Count: reminder emails sent before a deadline. */
  remindersSent: 'RemindersSent',
  /** Count: escalation emails sent after a missed deadline. */
  escalationsSent: 'EscalationsSent',
} as const;
type CustomMetric = (typeof CustomMetric)[keyof typeof CustomMetric];

/** The dimension that splits cycle metrics by review stage (not the deployment stage). */
const cycleStageDimension = 'cycleStage';
const serviceDimension = 'service';

export { CustomMetric, cycleStageDimension, serviceDimension };
