import { afterEach, describe, expect, it, vi } from 'vitest';
import { CustomMetric, cycleStageDimension } from '#contracts/custom-metrics';

// Powertools prints EMF through the global console in dev mode; metrics stay on with DISABLED=false.
const loadMetrics = async (namespace: string | undefined) => {
  vi.resetModules();
  vi.stubEnv('POWERTOOLS_DEV', 'true');
  vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'false');
  vi.stubEnv('POWERTOOLS_METRICS_NAMESPACE', namespace);
  return import('#commons/powertools/metrics');
};

const emittedDocuments = (spy: { mock: { calls: unknown[][] } }) =>
  spy.mock.calls.map((call: unknown[]) => JSON.parse(String(call[0])) as Record<string, unknown>);

describe('Helper: metrics', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  it.each(['enrolment', 'self-review', 'committee-decision'])('emits CycleStageEntered with cycleStage=%s', async (stage) => {
    // Prepare
    const spy = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const { recordStageEntered } = await loadMetrics('accreditation-test');

    // Act
    recordStageEntered(stage);

    // Assess
    const [document] = emittedDocuments(spy);
    expect(document).toMatchObject({ [cycleStageDimension]: stage, [CustomMetric.cycleStageEntered]: 1 });
    expect(JSON.stringify(document)).toContain('accreditation-test');
  });

  it('emits the sweep\'s TasksDue even when nothing is due (the alarm\'s heartbeat), without a stage', async () => {
    // Prepare
    const spy = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const { metrics, recordCount } = await loadMetrics('accreditation-test');

    // Act
    recordCount(CustomMetric.tasksDue, 0);
    metrics.publishStoredMetrics();

    // Assess
    const documents = emittedDocuments(spy);
    expect(documents.map((document) => [document[cycleStageDimension], document[CustomMetric.tasksDue]])).toEqual([[undefined, 0]]);
  });

  it('is switched off without a namespace (no CloudWatch to read it)', async () => {
    // Prepare
    const spy = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const { metricsEnabled, recordStageEntered } = await loadMetrics(undefined);

    // Act
    recordStageEntered('visit');

    // Assess
    expect(metricsEnabled).toBe(false);
    expect(spy).not.toHaveBeenCalled();
  });
});
