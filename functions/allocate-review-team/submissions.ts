// The answers of earlier steps that an allocation works from: the host's date offer and, when
// staff allocate by hand, their team (with any overrides of the network's overridable rules).
import type { RuleOverride } from '#core/allocation-check';
import type { ReviewerRole } from '#core/vocabulary';
import { MissingStepRecordError } from '#commons/errors';
import { getTask } from '#commons/helpers/records';
import { CallbackStage } from '#core/vocabulary';

interface DateOffer {
  offeredBy: string;
  dates: string[];
  hostAddress?: string;
}

interface ManualTeam {
  allocatedBy: string;
  date: string;
  team: { reviewerId: string; role: ReviewerRole }[];
  note?: string;
  overrides?: RuleOverride[];
}

interface Submissions {
  [CallbackStage.peerReviewScheduling]: DateOffer;
  [CallbackStage.manualAllocation]: ManualTeam;
}

const submissionOf = async <S extends keyof Submissions>(cycleId: string, stage: S): Promise<Submissions[S]> => {
  const task = await getTask(cycleId, stage);
  if (!task?.submission) throw new MissingStepRecordError(cycleId, `${stage} submission`);
  return task.submission as unknown as Submissions[S];
};

export { submissionOf };
export type { DateOffer, ManualTeam };
