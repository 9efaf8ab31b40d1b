// The committee's and the service's decision-stage reads: the committee pack (GET
// /cycles/{id}/committee-pack, its shape is src/committee-pack.ts), the standards deferral evidence
// may be sent for (GET /cycles/{id}/unmet-standards) and a step's task, when it exists.
import type { CommitteePack } from '#core/committee-pack';
import { ApiError } from './client.ts';
import type { Api } from './client.ts';

interface StepTask {
  stage: string;
  status: string;
  dueAt?: string;
  submittedAt?: string;
  submittedBy?: string;
}

interface UnmetStandard {
  id: string;
  section: string;
  type: number;
  text: string;
  blocking: boolean;
}

interface UnmetStandards {
  decision: string | null;
  decisionReason: string | null;
  standards: UnmetStandard[];
}

const cyclePath = (cycleId: string): string => `/cycles/${encodeURIComponent(cycleId)}`;

/** The step's task, or undefined when it has not opened yet (404). */
const loadStepTask = async (api: Api, cycleId: string, stage: string): Promise<StepTask | undefined> =>
  api.get<{ task: StepTask }>(`${cyclePath(cycleId)}/tasks/${encodeURIComponent(stage)}`).then(
    ({ body }) => body.task,
    (error: unknown) => {
      if (error instanceof ApiError && error.status === 404) return undefined;
      throw error;
    },
  );

const loadCommitteePack = async (api: Api, cycleId: string): Promise<CommitteePack> => (await api.get<{ pack: CommitteePack }>(`${cyclePath(cycleId)}/committee-pack`)).body.pack;

const loadUnmetStandards = async (api: Api, cycleId: string): Promise<UnmetStandards> => (await api.get<UnmetStandards>(`${cyclePath(cycleId)}/unmet-standards`)).body;

/** Open for an answer: open, or overdue and still waiting for it. */
const isOpen = (task: StepTask | undefined): boolean => task?.status === 'open' || task?.status === 'overdue';

export { cyclePath, isOpen, loadCommitteePack, loadStepTask, loadUnmetStandards };
export type { CommitteePack, StepTask, UnmetStandard, UnmetStandards };
