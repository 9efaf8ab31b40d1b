// What the last review left, per standard: the previous plan's actions with their PDSA ramp and the
// run chart of each linked measure, for the self-review of an interim review or a renewal.
import { describe, expect, it } from 'vitest';
import { lastReviewCandidates, lastReviewOf } from '#core/last-review';
import type { PreviousAction, PreviousMeasure } from '#core/last-review';
import type { MeasureDefinition } from '#core/measure';
import type { PdsaCycle } from '#core/pdsa';

const action = (id: string, standardIds: string[], pdsaCycles: PdsaCycle[] = [], status: PreviousAction['status'] = 'in-progress'): PreviousAction => ({
  id,
  title: `Action ${id}`,
  owner: 'Ward manager',
  dueOn: '2026-03-31',
  status,
  proposalIds: standardIds.map((standardId) => `standard:${standardId}`),
  standardIds,
  pdsaCycles,
});

const pdsa = (id: string, plannedOn: string, decision?: 'adopt' | 'adapt' | 'abandon', actedOn = plannedOn): PdsaCycle => ({
  id,
  plan: { on: plannedOn, changeIdea: 'Checklist', prediction: 'Better' },
  ...(decision ? { do: { on: plannedOn, whatHappened: 'Tried' }, study: { on: actedOn, comparedWithPrediction: 'As predicted' }, act: { on: actedOn, decision } } : {}),
});

const definition: MeasureDefinition = { name: 'Care plans reviewed in 7 days', definition: 'Reviewed over discharged', kind: 'proportion', numerator: 'Reviewed', denominator: 'Discharged', improvement: 'increase' };
/** Six months below the median, then six above: a shift the run chart names. */
const shifted = [30, 31, 29, 30, 32, 31, 40, 41, 42, 40, 43, 41].map((value, index) => ({ on: `2025-${String(index + 1).padStart(2, '0')}-01`, value }));
const measure = (measureId: string, actionId: string | undefined, points = shifted): PreviousMeasure => ({ measureId, definition, ...(actionId ? { actionId } : {}), points });

describe('Function: lastReviewOf', () => {
  it('lists each standard an action answered, in standard order (1.2 before 1.10), with the actions answering it', () => {
    // Prepare
    const actions = [action('A1', ['1.10']), action('A2', ['1.2', '1.10']), action('A3', [])];
    // Act
    const last = lastReviewOf(actions, []);
    // Assess
    expect(last.standards.map((standard) => [standard.standardId, standard.actions.map((entry) => entry.actionId)])).toEqual([
      ['1.2', ['A2']],
      ['1.10', ['A1', 'A2']],
    ]);
    expect(last.otherActions.map((entry) => entry.actionId)).toEqual(['A3']);
  });

  it.each([
    { name: 'no PDSA cycle', cycles: [], expected: { cycles: 0, ramp: 'testing' } },
    { name: 'one cycle still open', cycles: [pdsa('P1', '2025-05-01')], expected: { cycles: 1, ramp: 'testing' } },
    {
      name: 'adapted, then adopted',
      cycles: [pdsa('P2', '2025-06-01', 'adopt', '2025-06-20'), pdsa('P1', '2025-05-01', 'adapt', '2025-05-20')],
      expected: { cycles: 2, ramp: 'adopted', lastAct: { decision: 'adopt', on: '2025-06-20' } },
    },
    {
      name: 'abandoned, then a new change being tested',
      cycles: [pdsa('P1', '2025-05-01', 'abandon', '2025-05-20'), pdsa('P2', '2025-06-01')],
      expected: { cycles: 2, ramp: 'testing', lastAct: { decision: 'abandon', on: '2025-05-20' } },
    },
  ])('gives the PDSA ramp as a count, its state and the last Act decision: $name', ({ cycles, expected }) => {
    // Act
    const last = lastReviewOf([action('A1', ['1.1'], cycles)], []);
    // Assess
    expect(last.standards[0].actions[0].pdsa).toEqual(expected);
  });

  it.each([
    { cycles: [], status: 'not-started' as const, words: { status: 'Not started (due 31 March 2026)', pdsa: 'None logged' } },
    {
      cycles: [pdsa('P1', '2025-05-01', 'adapt', '2025-05-20'), pdsa('P2', '2025-06-01', 'adopt', '2025-06-03')],
      status: 'done' as const,
      words: { status: 'Done (due 31 March 2026)', pdsa: '2 cycles, change adopted; last Act: adopt on 3 June 2025' },
    },
  ])('says it in words for the page: $words.pdsa', ({ cycles, status, words }) => {
    // Act
    const [entry] = lastReviewOf([action('A1', ['1.1'], cycles, status)], []).standards[0].actions;
    // Assess
    expect(entry.words).toEqual({ ...words, line: `A1: Action A1 (${words.status.replace(/ \(due .*\)$/, '')}, owner Ward manager; PDSA: ${words.pdsa})` });
  });

  it('draws the run chart of each measure linked to the action, with its signals in words, and leaves other measures out', () => {
    // Prepare
    const actions = [action('A1', ['1.1'], [], 'done')];
    const measures = [measure('care-plans', 'A1'), measure('unlinked', undefined), measure('other-action', 'A9')];
    // Act
    const [entry] = lastReviewOf(actions, measures).standards[0].actions;
    // Assess
    expect(entry).toMatchObject({ actionId: 'A1', title: 'Action A1', owner: 'Ward manager', dueOn: '2026-03-31', status: 'done' });
    expect(entry.measures.map((linked) => linked.measureId)).toEqual(['care-plans']);
    expect(entry.measures[0].runChart?.svg).toMatch(/^<svg [^>]*role="img"/);
    expect(entry.measures[0].runChart?.summary).toContain('Shift: 6 points above the median');
  });

  it('names a linked measure without data and draws no chart for it', () => {
    // Act
    const [entry] = lastReviewOf([action('A1', ['1.1'])], [measure('new', 'A1', [])]).standards[0].actions;
    // Assess
    expect(entry.measures).toEqual([{ measureId: 'new', name: 'Care plans reviewed in 7 days', points: 0 }]);
  });

  it('gives every chart its own element ids when one action is shown under two standards', () => {
    // Act
    const last = lastReviewOf([action('A1', ['1.1', '2.3'])], [measure('care-plans', 'A1')]);
    // Assess
    const ids = last.standards.flatMap((standard) => standard.actions.flatMap((entry) => entry.measures.flatMap((linked) => [...(linked.runChart?.svg ?? '').matchAll(/ id="([^"]+)"/g)].map((match) => match[1]))));
    expect(ids.length).toBeGreaterThan(2);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('is empty when the previous cycle had no plan', () => {
    expect(lastReviewOf([], [measure('care-plans', undefined)])).toEqual({ standards: [], otherActions: [] });
  });
});

describe('Function: lastReviewCandidates', () => {
  const bookedBy = {
    cycleId: 'qi--svc-1',
    followUpCycles: [
      { cycleId: 'interim-review-2027-04--svc-1', startDate: '2027-04-10' },
      { cycleId: 'renewal-2028-10--svc-1', startDate: '2028-10-10' },
    ],
  };

  it.each([
    { name: 'an interim review: the accrediting cycle', followUp: bookedBy.followUpCycles[0], expected: ['qi--svc-1'] },
    { name: 'a renewal: the interim review booked with it, then the accrediting cycle', followUp: bookedBy.followUpCycles[1], expected: ['interim-review-2027-04--svc-1', 'qi--svc-1'] },
    { name: 'a cycle the record does not list: the accrediting cycle', followUp: { cycleId: 'other--svc-1', startDate: '2027-01-01' }, expected: ['qi--svc-1'] },
  ])('gives $name', ({ followUp, expected }) => {
    expect(lastReviewCandidates(followUp, bookedBy)).toEqual(expected);
  });

  it('gives the accrediting cycle alone when it lists no follow-ups', () => {
    expect(lastReviewCandidates({ cycleId: 'renewal-2028-10--svc-1', startDate: '2028-10-10' }, { cycleId: 'qi--svc-1' })).toEqual(['qi--svc-1']);
  });
});
