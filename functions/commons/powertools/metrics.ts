// Custom metrics for the operations dashboard (names and dimension in contracts/custom-metrics.ts),
// written as CloudWatch embedded metric format by Powertools Metrics and flushed by the middy
// middleware `publishMetrics()`.
//
// The namespace is POWERTOOLS_METRICS_NAMESPACE, which every deployed function gets from CDK
// (lib/functions/project-function.ts). Where it is not set (the local app, unit tests) there is no
// CloudWatch to read the metrics, so they are switched off rather than printed to stdout under
// Powertools' "default_namespace", where the dashboard would never find them.
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import type middy from '@middy/core';
import { CustomMetric, cycleStageDimension } from '#contracts/custom-metrics';

const namespace = process.env.POWERTOOLS_METRICS_NAMESPACE?.trim() ?? '';
const metricsEnabled = namespace !== '' && process.env.POWERTOOLS_METRICS_DISABLED !== 'true';

type MetricUnitValue = (typeof MetricUnit)[keyof typeof MetricUnit];

const metrics = new Metrics({ namespace: namespace || 'metrics-disabled' });

/** Emitted at once with its own dimension set: one invocation may touch several stages. */
const emitPerStage = (name: CustomMetric, stage: string, value: number, unit: MetricUnitValue): void => {
  if (!metricsEnabled) return;
  const single = metrics.singleMetric();
  single.addDimension(cycleStageDimension, stage);
  single.addMetric(name, unit, value);
};

/** A cycle entered a review stage (enrolment, self-review, ...). */
const recordStageEntered = (stage: string): void =>
  emitPerStage(CustomMetric.cycleStageEntered, stage, 1, MetricUnit.Count);

/** A count without the stage dimension (RemindersSent, EscalationsSent, TasksDue). */
const recordCount = (name: CustomMetric, value: number): void => {
  if (!metricsEnabled) return;
  metrics.addMetric(name, MetricUnit.Count, value);
};

/** The middy middleware that flushes what `recordCount` buffered, even when the handler throws. */
// Without metrics, a no-op step: middy refuses a middleware with no before/after/onError.
const noMetrics: middy.MiddlewareObj = { after: async () => undefined };
const publishMetrics = (): middy.MiddlewareObj => (metricsEnabled ? (logMetrics(metrics) as middy.MiddlewareObj) : noMetrics);

export { metrics, metricsEnabled, publishMetrics, recordCount, recordStageEntered };
