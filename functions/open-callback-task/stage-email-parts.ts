// What every stage email is made of: its recipients, template and data, and the parts they share.
import { EmailTemplate } from '#core/email-templates';
import type { CallbackStage as CallbackStageValue } from '#core/vocabulary';
import { WORKFLOW_STEPS } from '#core/workflow-steps';
import { taskLink } from '#commons/helpers/emails';
import type { EmailAttachment } from '#commons/helpers/emails';
import type { CycleRecord } from '#commons/helpers/records';
import { stageLabel } from '#commons/helpers/stage-labels';

interface StageEmail {
  to: string[];
  template: EmailTemplate;
  data: Record<string, unknown>;
  attachments?: EmailAttachment[];
}

const base = (cycle: CycleRecord) => ({ serviceName: cycle.serviceName, networkName: cycle.networkName, cycleId: cycle.cycleId });
const staffOf = (cycle: CycleRecord): string[] => cycle.contacts.networkStaff ?? cycle.contacts.committee;

const taskOpened = (cycle: CycleRecord, stage: CallbackStageValue, dueOn: string, to: string[]): StageEmail => ({
  to,
  template: WORKFLOW_STEPS[stage].email,
  data: { ...base(cycle), stage, stageLabel: stageLabel(stage), dueOn, link: taskLink(cycle.cycleId, stage) },
});

export { base, staffOf, taskOpened };
export type { StageEmail };
