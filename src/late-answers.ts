// An answer the workflow can no longer take, known before anything is recorded. A step held until
// the visit day (window `until-visit` in workflow-steps.ts) is ended by the workflow when that day
// begins: its task times out and the visit goes ahead. From then on an answer to it is too late,
// whatever the stored task still says, so it is refused before it is recorded as received.
import { WORKFLOW_STEPS, isCallbackStage } from './workflow-steps.ts';

/** Why an answer at `at` to `stage` (due at the instant `dueAt`) is too late; undefined when it is not known to be. */
const lateAnswerReason = (stage: string, dueAt: string | undefined, at: Date): string | undefined => {
  if (!isCallbackStage(stage) || WORKFLOW_STEPS[stage].window.kind !== 'until-visit' || dueAt === undefined) return undefined;
  if (at.getTime() < Date.parse(dueAt)) return undefined;
  return `The visit day began at ${dueAt}: the ${stage} step ended then and the visit can no longer be cancelled; nothing was recorded but this refusal`;
};

export { lateAnswerReason };
