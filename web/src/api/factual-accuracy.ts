// What the service's factual-accuracy page reads: the step (its deadline), the draft report
// (GET /cycles/{id}/report, open to whoever may read the cycle) and the service's name.
import type { Correction } from '#core/report-corrections';
import type { Api } from './client.ts';
import { cyclePath, loadServiceTask } from './date-offer.ts';
import type { ServiceTask } from './date-offer.ts';

interface DraftReport {
  preparedOn: string;
  html: string;
  summary: string;
  version?: string;
  corrections?: Correction[];
  factualAccuracy?: { outcome: string; respondedBy?: string; closedOn: string };
}

interface FactualAccuracyData {
  task?: ServiceTask;
  report?: DraftReport;
  serviceName?: string;
}

const loadFactualAccuracy = async (api: Api, cycleId: string): Promise<FactualAccuracyData> => {
  const [task, report, cycle] = await Promise.all([
    loadServiceTask(api, cycleId, 'factual-accuracy'),
    api.get<{ report: DraftReport }>(`${cyclePath(cycleId)}/report`).then(
      ({ body }) => body.report,
      (error: unknown) => {
        if ((error as { status?: number }).status === 404) return undefined;
        throw error;
      },
    ),
    api.get<{ cycle: { serviceName?: string } }>(cyclePath(cycleId)),
  ]);
  return { task, report, serviceName: cycle.body.cycle.serviceName };
};

export { loadFactualAccuracy };
export type { DraftReport, FactualAccuracyData };
