// The custom metrics the dashboard reads. Handlers emit them with Powertools Metrics (EMF) in
// the namespace POWERTOOLS_METRICS_NAMESPACE; Powertools adds the `service` dimension itself.
const CustomMetric = {
  /** Count, dimension `cycleStage`: a cycle entered that stage (enrolment, self-review, ...). */
  cycleStageEntered: 'CycleStageEntered',
  /**
   * Gauge from the daily sweep: cycles currently open. Emitted once per stage with the
   * `cycleStage` dimension (the dashboard's stacked panel) and once without it, the total, which
   * the "sweep did not report" alarm watches: an alarm cannot read a SEARCH expression.
   */
  openCycles: 'OpenCycles',
  /** Gauge from the daily sweep: open human tasks past their deadline. */
  overdueTasks: 'OverdueTasks',
  /** Count: reminder emails sent before a deadline. */
  remindersSent: 'RemindersSent',
  /** Count: escalation emails sent after a missed deadline. */
  escalationsSent: 'EscalationsSent',
  /**
   * Count: an HTTP API response with a 5xx status. Middy's error handler turns a thrown error
   * into a 500 response, so Lambda's Errors metric never counts it.
   */
  apiServerErrors: 'ApiServerErrors',
} as const;
type CustomMetric = (typeof CustomMetric)[keyof typeof CustomMetric];

/** The dimension that splits cycle metrics by review stage (not the deployment stage). */
const cycleStageDimension = 'cycleStage';
const serviceDimension = 'service';

export { CustomMetric, cycleStageDimension, serviceDimension };
