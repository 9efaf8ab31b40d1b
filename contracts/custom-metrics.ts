// The custom metrics the dashboard reads. Handlers emit them with Powertools Metrics (EMF) in
// the namespace POWERTOOLS_METRICS_NAMESPACE; Powertools adds the `service` dimension itself.
const CustomMetric = {
  /** Count, dimension `cycleStage`: a cycle entered that stage (enrolment, self-review, ...). */
  cycleStageEntered: 'CycleStageEntered',
  /**
   * Gauge from the daily sweep: the tasks and actions due a reminder or escalation that day (what
   * it read). Written every run, even when 0, so the "sweep did not report" alarm watches it. The
   * sweep no longer counts all open work (issue 14: its reads grow with what is due, not with what
   * is open); the staff board lists open, overdue and stuck cycles.
   */
  tasksDue: 'TasksDue',
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
