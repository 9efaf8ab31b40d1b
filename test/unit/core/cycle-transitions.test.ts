import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Announcement, StageOutcome, cycleTransition } from '#core/cycle-transitions';
import type { TransitionInput } from '#core/cycle-transitions';
import { parseNetworkConfig } from '#core/network-config-file';
import { renewalDates } from '#core/renewal';
import { stepDueAt } from '#core/step-deadlines';
import { buildTimetable } from '#core/timetable';
import { AutomaticStage, CallbackStage, CycleStatus, MembershipType, Outcome } from '#core/vocabulary';

const yaml = readFileSync(new URL('../../../examples/networks/ccqi-accreditation-example/network.yaml', import.meta.url), 'utf8');
const config = parseNetworkConfig(yaml, 'network.yaml');
const timetable = buildTimetable({ startDate: '2026-09-07', membershipType: MembershipType.Accreditation, config });
const TODAY = '2027-03-01';

const input = (overrides: Partial<TransitionInput> = {}, cycle: Partial<TransitionInput['cycle']> = {}): TransitionInput => ({
  stage: CallbackStage.committeeDecision,
  outcome: StageOutcome.decided,
  cycle: { membershipType: MembershipType.Accreditation, timetable, deadlines: { 'self-review': '2026-12-04T23:59:59.999Z' }, visitDate: '2027-01-12', appeals: 0, ...cycle },
  config,
  today: TODAY,
  ...overrides,
});
const decided = (outcome: string, cycle: Partial<TransitionInput['cycle']> = {}) =>
  input({ submission: { outcome, reason: 'As minuted', decidedBy: 'Chair' } }, cycle);
const dueAt = (step: CallbackStage) => stepDueAt(step, { config, membershipType: MembershipType.Accreditation, opensOn: TODAY, timetable, visitDate: '2027-01-12' });

describe('Function: cycleTransition', () => {
  it.each([
    { label: 'accredited: finished, with the renewal dates', given: decided(Outcome.Accredited), stage: AutomaticStage.closed, status: CycleStatus.accredited, finished: true },
    { label: 'deferred: the deferral window opens', given: decided(Outcome.Deferred), stage: CallbackStage.committeeDecision, status: CycleStatus.deferred, finished: false },
    { label: 'not accredited, first time: the appeal window opens', given: decided(Outcome.NotAccredited), stage: CallbackStage.committeeDecision, status: CycleStatus.notAccredited, finished: false },
    { label: 'not accredited after an appeal: finished', given: decided(Outcome.NotAccredited, { appeals: 1 }), stage: AutomaticStage.closed, status: CycleStatus.notAccredited, finished: true },
    { label: 'developmental report issued: finished', given: input({ stage: 'report', outcome: StageOutcome.reportIssued }), stage: AutomaticStage.closed, status: CycleStatus.reportIssued, finished: true },
    { label: 'appeal window closed unused: finished', given: input({ stage: CallbackStage.appeal, outcome: StageOutcome.appealWindowClosed }), stage: AutomaticStage.closed, status: CycleStatus.notAccredited, finished: true },
    { label: 'evidence missing, appeal still possible', given: input({ stage: CallbackStage.deferralEvidence, outcome: StageOutcome.evidenceMissing }), stage: CallbackStage.deferralEvidence, status: CycleStatus.notAccredited, finished: false },
    { label: 'evidence missing after an appeal: finished', given: input({ stage: CallbackStage.deferralEvidence, outcome: StageOutcome.evidenceMissing }, { appeals: 1 }), stage: AutomaticStage.closed, status: CycleStatus.notAccredited, finished: true },
    { label: 'a missed deadline: overdue at the same stage', given: input({ stage: CallbackStage.selfReview, outcome: StageOutcome.overdue }), stage: CallbackStage.selfReview, status: CycleStatus.overdue, finished: false },
    { label: 'a cancelled visit: back to offering dates', given: input({ stage: CallbackStage.visit, outcome: StageOutcome.visitCancelled, submission: { reason: 'Flood' } }), stage: CallbackStage.peerReviewScheduling, status: CycleStatus.active, finished: false },
    { label: 'a lapsed team: staff allocate by hand', given: input({ stage: CallbackStage.reviewerAcceptance, outcome: StageOutcome.teamLapsed }), stage: CallbackStage.manualAllocation, status: CycleStatus.active, finished: false },
    { label: 'an appeal lodged: decided again', given: input({ stage: CallbackStage.appeal, outcome: StageOutcome.appealLodged }), stage: CallbackStage.appeal, status: CycleStatus.appealing, finished: false },
  ])('$label', ({ given, stage, status, finished }) => {
    // Act
    const transition = cycleTransition(given);
    // Assess
    expect(transition).toMatchObject({ stage, status, finished });
  });

  it.each([
    { decision: Outcome.Accredited, field: 'renewalOn', expected: renewalDates(TODAY).renewalOn },
    { decision: Outcome.Deferred, field: 'deadlines', expected: expect.objectContaining({ 'deferral-evidence': dueAt(CallbackStage.deferralEvidence), 'self-review': '2026-12-04T23:59:59.999Z' }) },
    { decision: Outcome.NotAccredited, field: 'deadlines', expected: expect.objectContaining({ appeal: dueAt(CallbackStage.appeal) }) },
  ])('a decision $decision records who decided, why, and sets $field', ({ decision, field, expected }) => {
    // Act
    const transition = cycleTransition(decided(decision));
    // Assess
    expect(transition.set).toMatchObject({ decision, decisionReason: 'As minuted', decidedBy: 'Chair', decidedOn: TODAY });
    expect(transition.set[field]).toEqual(expected);
    expect(transition).toMatchObject({ decision, reason: 'As minuted', announce: Announcement.outcome });
  });

  it('counts a deferral and an appeal', () => {
    // Act
    const deferred = cycleTransition(decided(Outcome.Deferred));
    const appealed = cycleTransition(input({ stage: CallbackStage.appeal, outcome: StageOutcome.appealLodged }));
    // Assess
    expect(deferred.add).toEqual({ deferrals: 1 });
    expect(appealed.add).toEqual({ appeals: 1 });
  });

  it.each([
    { shape: 'per section', corrections: [{ section: 'unmet-standards', text: 'Audit done in March' }, { section: 'summary', text: '12 beds' }] },
    { shape: 'as one text (the body before issue 9)', corrections: 'Audit done in March' },
  ])('records factual-accuracy corrections sent $shape as corrections per section, in the report\'s order', ({ corrections }) => {
    // Act
    const transition = cycleTransition(input({ stage: CallbackStage.factualAccuracy, outcome: StageOutcome.factualAccuracyAnswered, submission: { respondedBy: 'Ward manager', accepted: false, corrections } }));
    // Assess
    expect(transition.set.factualAccuracy).toEqual({
      outcome: 'corrections',
      respondedBy: 'Ward manager',
      corrections: typeof corrections === 'string' ? [{ section: 'whole-report', text: corrections }] : [corrections[1], corrections[0]],
      closedOn: TODAY,
    });
  });

  it('records an unanswered factual-accuracy check as deemed accepted and closes its task', () => {
    // Act
    const transition = cycleTransition(input({ stage: CallbackStage.factualAccuracy, outcome: StageOutcome.factualAccuracyDeemedAccepted }));
    // Assess
    expect(transition.set.factualAccuracy).toEqual({ outcome: 'deemed-accepted', closedOn: TODAY });
    expect(transition.closesTask).toBe(true);
    expect(transition.set.deadlines).toMatchObject({ 'committee-decision': dueAt(CallbackStage.committeeDecision) });
  });

  it('forgets the cancelled visit date and announces the cancellation', () => {
    // Act
    const transition = cycleTransition(input({ stage: CallbackStage.visit, outcome: StageOutcome.visitCancelled, submission: { reason: 'Flood' } }));
    // Assess
    expect(transition.set).toMatchObject({ cancelledVisitDate: '2027-01-12', visitDate: null });
    expect(transition).toMatchObject({ announce: Announcement.visitCancelled, reason: 'Flood' });
  });
});

describe('Property: the transition table', () => {
  const outcomes = fc.constantFrom(...Object.values(StageOutcome));
  const decisions = fc.constantFrom(...Object.values(Outcome));
  const anyInput = fc.record({
    outcome: outcomes,
    decision: decisions,
    appeals: fc.nat({ max: 2 }),
    membershipType: fc.constantFrom(...Object.values(MembershipType)),
    stage: fc.constantFrom('report', ...Object.values(CallbackStage)),
  });
  const transitionOf = ({ outcome, decision, appeals, membershipType, stage }: { outcome: StageOutcome; decision: Outcome; appeals: number; membershipType: MembershipType; stage: string }) =>
    cycleTransition(input({ stage, outcome, submission: { outcome: decision, reason: 'r', decidedBy: 'Chair', accepted: true } }, { appeals, membershipType }));

  it('a cycle is finished exactly when it sits at the closed stage, and then its status is an outcome', () => {
    fc.assert(
      fc.property(anyInput, (given) => {
        const transition = transitionOf(given);
        expect(transition.finished).toBe(transition.stage === AutomaticStage.closed);
        if (transition.finished) expect([CycleStatus.accredited, CycleStatus.notAccredited, CycleStatus.reportIssued]).toContain(transition.status);
      }),
    );
  });

  it('an appeal is offered at most once: after one, Not accredited is final', () => {
    fc.assert(
      fc.property(anyInput, (given) => {
        const transition = transitionOf({ ...given, appeals: given.appeals + 1 });
        if (transition.status === CycleStatus.notAccredited) expect(transition.finished).toBe(true);
      }),
    );
  });

  it('an announced outcome always names its decision, except a developmental report', () => {
    fc.assert(
      fc.property(anyInput, (given) => {
        const transition = transitionOf(given);
        if (transition.announce === Announcement.outcome && transition.status !== CycleStatus.reportIssued) expect(transition.decision).toBeDefined();
      }),
    );
  });
});
