import { describe, expect, it } from 'vitest';
import { CALLBACK_STAGES, Group, RecipientRole } from '#core/vocabulary';
import { EmailTemplate } from '#core/email-templates';
import { EscalationMode, WORKFLOW_STEPS, reminderRuleOf, stepOwnerOf } from '#core/workflow-steps';

describe('Table: workflow steps', () => {
  it('has one row per human step of the workflow', () => {
    // Assess
    expect(Object.keys(WORKFLOW_STEPS).sort()).toEqual([...CALLBACK_STAGES].sort());
  });

  it.each([
    ['self-review', Group.service, RecipientRole.ServiceLead, EscalationMode.ladder, EmailTemplate.taskOpened],
    ['peer-review-scheduling', Group.service, RecipientRole.ServiceLead, EscalationMode.ladder, EmailTemplate.taskOpened],
    ['reviewer-acceptance', Group.reviewer, RecipientRole.LeadReviewer, EscalationMode.none, EmailTemplate.reviewInvitation],
    ['manual-allocation', Group.staff, RecipientRole.NetworkManager, EscalationMode.none, EmailTemplate.noFeasibleTeam],
    ['visit', Group.service, RecipientRole.LeadReviewer, EscalationMode.networkOnly, EmailTemplate.visitConfirmed],
    ['peer-ratings', Group.reviewer, RecipientRole.LeadReviewer, EscalationMode.networkOnly, EmailTemplate.taskOpened],
    ['factual-accuracy', Group.service, RecipientRole.ServiceLead, EscalationMode.none, EmailTemplate.draftReport],
    ['committee-decision', Group.committee, RecipientRole.NetworkManager, EscalationMode.none, EmailTemplate.committeePack],
    ['deferral-evidence', Group.service, RecipientRole.ServiceLead, EscalationMode.none, EmailTemplate.deferralEvidenceRequest],
    ['appeal', Group.service, RecipientRole.ServiceLead, EscalationMode.none, EmailTemplate.appealWindowOpened],
  ])('%s: owned by %s, reminds the %s, escalates %s, opens with %s', (stage, owner, reminded, escalation, email) => {
    // Act
    const rule = reminderRuleOf(stage);
    // Assess
    expect(stepOwnerOf(stage)).toBe(owner);
    expect(rule).toMatchObject({ reminded, escalation });
    expect(WORKFLOW_STEPS[stage as keyof typeof WORKFLOW_STEPS].email).toBe(email);
  });

  it.each([
    ['enrolment', RecipientRole.ServiceLead, EscalationMode.ladder],
    ['an unknown stage', RecipientRole.ServiceLead, EscalationMode.ladder],
  ])('%s is reminded like a service step', (stage, reminded, escalation) => {
    // Assess
    expect(reminderRuleOf(stage)).toMatchObject({ reminded, escalation });
    expect(stepOwnerOf(stage)).toBeUndefined();
  });
});
