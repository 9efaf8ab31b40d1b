// The action plan a review gives, and the PDSA cycles under its actions.
import { describe, expect, it } from 'vitest';
import { newActionProblem, overdueActions, proposalsNotTakenUp, proposeActions } from '#core/action-plan';
import type { ActionPlan } from '#core/action-plan';
import { nextPhase, phaseProblem, rampOf } from '#core/pdsa';
import type { PdsaCycle } from '#core/pdsa';

const report = {
  unmetByType: [
    { type: 1 as const, label: 'Type 1', standards: [{ id: 'CP-1', section: 'Care planning', text: 'Care plans are reviewed weekly' }] },
    { type: 2 as const, label: 'Type 2', standards: [{ id: 'CP-4', section: 'Care planning', text: 'Patients hold a copy of their plan' }] },
  ],
  areasForDevelopment: ['Discharge letters reach GPs within 24 hours'],
};

describe('proposeActions', () => {
  it('proposes one action per unmet standard, essential first, then one per area for development', () => {
    expect(proposeActions(report).map(({ id, source }) => [id, source.kind])).toEqual([
      ['standard:CP-1', 'not-met-standard'],
      ['standard:CP-4', 'not-met-standard'],
      ['development:1', 'area-for-development'],
    ]);
  });
});

describe('an action plan', () => {
  const plan: ActionPlan = { proposals: proposeActions(report), actions: [] };
  const merged = { id: 'a1', title: 'Weekly care-plan reviews with the patient', owner: 'Ward manager', dueOn: '2027-06-30', proposalIds: ['standard:CP-1', 'standard:CP-4'] };

  it('merges two proposals into one action and shows what is not taken up', () => {
    expect(newActionProblem(plan, merged, '2027-03-01')).toBeUndefined();
    const withAction: ActionPlan = { ...plan, actions: [{ ...merged, status: 'not-started' }] };
    expect(proposalsNotTakenUp(withAction).map((proposal) => proposal.id)).toEqual(['development:1']);
  });

  it('refuses a proposal answered twice, an unknown proposal, a past due date and a repeated id', () => {
    const withAction: ActionPlan = { ...plan, actions: [{ ...merged, status: 'not-started' }] };
    expect(newActionProblem(withAction, { ...merged, id: 'a2', proposalIds: ['standard:CP-4'] }, '2027-03-01')).toMatch(/already answered by action a1/);
    expect(newActionProblem(plan, { ...merged, proposalIds: ['standard:NOPE'] }, '2027-03-01')).toMatch(/No proposal standard:NOPE/);
    expect(newActionProblem(plan, merged, '2027-07-01')).toMatch(/in the past/);
    expect(newActionProblem(withAction, { ...merged, proposalIds: [] }, '2027-03-01')).toMatch(/already exists/);
  });

  it('an open action past its due date is overdue; a done one is not', () => {
    const actions = [
      { ...merged, status: 'in-progress' as const },
      { ...merged, id: 'a2', proposalIds: [], status: 'done' as const },
    ];
    expect(overdueActions({ ...plan, actions }, '2027-07-01').map((action) => action.id)).toEqual(['a1']);
    expect(overdueActions({ ...plan, actions }, '2027-06-30')).toEqual([]);
  });
});

describe('PDSA cycles', () => {
  const planned: PdsaCycle = { id: 'p1', plan: { on: '2027-03-01', changeIdea: 'Review plans at the Monday huddle', prediction: '80% reviewed within 7 days' } };

  it('records the phases in order, never before the one they follow', () => {
    expect(nextPhase(planned)).toBe('do');
    expect(phaseProblem(planned, 'study', '2027-03-10')).toMatch(/do phase comes next/);
    expect(phaseProblem(planned, 'do', '2027-02-28')).toMatch(/before the plan phase/);
    expect(phaseProblem(planned, 'do', '2027-03-08')).toBeUndefined();
    const acted: PdsaCycle = {
      ...planned,
      do: { on: '2027-03-08', whatHappened: 'Two huddles missed' },
      study: { on: '2027-04-01', comparedWithPrediction: '60%, below the 80% predicted' },
      act: { on: '2027-04-02', decision: 'adapt', nextSteps: 'Move the review to the daily handover' },
    };
    expect(nextPhase(acted)).toBeUndefined();
    expect(phaseProblem(acted, 'act', '2027-04-03')).toMatch(/finished/);
  });

  it('a ramp is testing until its latest cycle adopts or abandons the change', () => {
    const adapted: PdsaCycle = { ...planned, do: { on: '2027-03-08', whatHappened: '' }, study: { on: '2027-04-01', comparedWithPrediction: '' }, act: { on: '2027-04-02', decision: 'adapt' } };
    const second: PdsaCycle = { id: 'p2', plan: { on: '2027-04-05', changeIdea: 'Daily handover', prediction: '85%' } };
    expect(rampOf([second, adapted])).toMatchObject({ state: 'testing', cycles: [{ id: 'p1' }, { id: 'p2' }] });
    const adopted = { ...second, do: { on: '2027-04-12', whatHappened: '' }, study: { on: '2027-05-03', comparedWithPrediction: '' }, act: { on: '2027-05-04', decision: 'adopt' as const } };
    expect(rampOf([adapted, adopted]).state).toBe('adopted');
  });
});
