import { describe, expect, it } from 'vitest';
import { StepActor, reviewerRefusal, serviceUserRefusal, stepActorOf } from '#core/step-actors';
import { lateAnswerReason } from '#core/late-answers';

const team = [
  { reviewerId: 'lead-a', role: 'lead' },
  { reviewerId: 'peer-a', role: 'professional' },
  { reviewerId: 'expert-a', role: 'expert-by-experience' },
];

describe('Rule: who inside the owning group completes a step', () => {
  it.each([
    ['peer-ratings', StepActor.leadReviewer],
    ['reviewer-acceptance', StepActor.invitedReviewer],
    ['self-review', StepActor.serviceLead],
    ['peer-review-scheduling', StepActor.owningGroup],
    ['visit', StepActor.owningGroup],
    ['no-such-step', StepActor.owningGroup],
  ])('%s is completed by %s', (stage, actor) => {
    // Assess
    expect(stepActorOf(stage)).toBe(actor);
  });

  it.each([
    ['the lead submits the peer ratings', 'peer-ratings', 'lead-a', team, undefined, undefined],
    ['a professional peer submits the peer ratings', 'peer-ratings', 'peer-a', team, undefined, StepActor.leadReviewer],
    ['a team with no lead', 'peer-ratings', 'peer-a', team.slice(1), undefined, StepActor.leadReviewer],
    ['a reviewer answers their own invitation', 'reviewer-acceptance', 'peer-a', [], 'peer-a', undefined],
    ['a reviewer answers a colleague\'s invitation', 'reviewer-acceptance', 'peer-a', [], 'lead-a', StepActor.invitedReviewer],
  ])('%s: refused by rule %s', (_label, stage, reviewerId, seats, invited, rule) => {
    // Act
    const refusal = reviewerRefusal(stage, reviewerId, seats, invited);
    // Assess
    expect(refusal?.rule).toBe(rule);
  });

  it('names the lead and the refused reviewer', () => {
    // Act
    const refusal = reviewerRefusal('peer-ratings', 'peer-a', team);
    // Assess
    expect(refusal?.message).toMatch(/Only the lead reviewer \(lead-a\) may submit the peer-ratings.*reviewer peer-a is not the lead/);
  });
});

describe('Rule: the self-review is submitted by the service lead', () => {
  const leads = ['Ward.Manager@Trust.example.nhs.uk'];
  it.each([
    ['the lead, whatever the case of the email', 'self-review', 'ward.manager@trust.example.nhs.uk', leads, undefined],
    ['a colleague at the same service', 'self-review', 'nurse@trust.example.nhs.uk', leads, StepActor.serviceLead],
    ['a user whose token has no email', 'self-review', undefined, leads, StepActor.serviceLead],
    ['anyone at the service when no lead was enrolled', 'self-review', 'nurse@trust.example.nhs.uk', [], undefined],
    ['a colleague offering visit dates (not personal)', 'peer-review-scheduling', 'nurse@trust.example.nhs.uk', leads, undefined],
  ])('%s: refused by rule %s', (_label, stage, email, leadEmails, rule) => {
    // Act
    const refusal = serviceUserRefusal(stage, email, leadEmails);
    // Assess
    expect(refusal?.rule).toBe(rule);
  });

  it('names the lead and says the colleague may still save answers', () => {
    // Act
    const refusal = serviceUserRefusal('self-review', 'nurse@trust.example.nhs.uk', ['lead@trust.example.nhs.uk']);
    // Assess
    expect(refusal?.message).toMatch(/Only the service lead \(lead@trust\.example\.nhs\.uk\) may submit the self-review.*nurse@trust\.example\.nhs\.uk may save answers but not submit/);
  });
});

describe('Rule: an answer the workflow can no longer take', () => {
  const visitDay = '2027-03-10T00:00:00.000Z';
  it.each([
    ['a cancellation before the visit day', 'visit', '2027-03-09T23:59:59.000Z', false],
    ['a cancellation as the visit day begins', 'visit', visitDay, true],
    ['a cancellation after the visit day', 'visit', '2027-03-12T09:00:00.000Z', true],
    ['a self-review after its deadline (overdue, not ended)', 'self-review', '2027-03-12T09:00:00.000Z', false],
  ])('%s is late: %s', (_label, stage, at, late) => {
    // Act
    const reason = lateAnswerReason(stage, visitDay, new Date(at));
    // Assess
    expect(reason !== undefined).toBe(late);
  });
});
