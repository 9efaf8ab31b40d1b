// What the host's date-offer page reads: the step (GET /cycles/{id}/tasks/peer-review-scheduling),
// the visit window and the API's today (GET /cycles/{id}/visit-window), and the service's name.
import type { VisitWindow } from '#core/visit-dates';
import type { Api } from './client.ts';

interface ServiceTask {
  stage: string;
  status: string;
  dueAt?: string;
  submittedAt?: string;
  submittedBy?: string;
  submission?: Record<string, unknown>;
}

interface DateOfferData {
  task?: ServiceTask;
  /** The UK date the API counts as today: the offer is checked against it. */
  today: string;
  window?: VisitWindow;
  serviceName?: string;
}

const cyclePath = (cycleId: string): string => `/cycles/${encodeURIComponent(cycleId)}`;

/** The step of `stage`, or undefined while it has not opened (404). */
const loadServiceTask = async (api: Api, cycleId: string, stage: string): Promise<ServiceTask | undefined> =>
  api.get<{ task: ServiceTask }>(`${cyclePath(cycleId)}/tasks/${stage}`).then(
    ({ body }) => body.task,
    (error: unknown) => {
      if ((error as { status?: number }).status === 404) return undefined;
      throw error;
    },
  );

const loadDateOffer = async (api: Api, cycleId: string): Promise<DateOfferData> => {
  const [task, window, cycle] = await Promise.all([
    loadServiceTask(api, cycleId, 'peer-review-scheduling'),
    api.get<{ today: string; window?: VisitWindow }>(`${cyclePath(cycleId)}/visit-window`),
    api.get<{ cycle: { serviceName?: string } }>(cyclePath(cycleId)),
  ]);
  return { task, today: window.body.today, ...(window.body.window ? { window: window.body.window } : {}), serviceName: cycle.body.cycle.serviceName };
};

export { cyclePath, loadDateOffer, loadServiceTask };
export type { DateOfferData, ServiceTask };
