import '../../../support/function-env.ts';
import { describe, expect, it } from 'vitest';
import { factualAccuracyOf } from '#commons/data/factual-accuracy';
import type { CycleRecord, ReportRecord } from '#commons/helpers/records';

const cycle = (factualAccuracy?: unknown) => ({ cycleId: 'c--s', ...(factualAccuracy === undefined ? {} : { factualAccuracy }) }) as unknown as CycleRecord;
const report = (factualAccuracy?: unknown) => ({ factualAccuracy }) as unknown as ReportRecord;

describe('Function: factualAccuracyOf', () => {
  it.each([
    { case: 'no answer yet', stored: { cycle: undefined, report: undefined }, expected: { outcome: 'open', corrections: [] } },
    {
      case: "today's cycle record: one corrections text",
      stored: { cycle: { outcome: 'corrections', respondedBy: 'Ward manager', corrections: 'The unit has 14 beds' }, report: undefined },
      expected: { outcome: 'corrections', respondedBy: 'Ward manager', corrections: [{ text: 'The unit has 14 beds' }] },
    },
    { case: 'an acceptance, with an empty text', stored: { cycle: { outcome: 'accepted', corrections: '' }, report: undefined }, expected: { outcome: 'accepted', corrections: [] } },
    {
      case: 'corrections per section on the report record, which wins over the cycle',
      stored: { cycle: { outcome: 'accepted' }, report: { outcome: 'corrections', corrections: [{ section: 'Summary', text: '14 beds' }, { text: ' ' }, 'Visit on 3 September'] } },
      expected: { outcome: 'corrections', corrections: [{ section: 'Summary', text: '14 beds' }, { text: 'Visit on 3 September' }] },
    },
  ])('reads $case', ({ stored, expected }) => {
    // Act
    const view = factualAccuracyOf(stored.report === undefined ? undefined : report(stored.report), cycle(stored.cycle));

    // Assess
    expect(view).toEqual(expected);
  });

  it('reads the corrections the factual-accuracy step writes beside the answer on the report record (record-stage-outcome/report-corrections.ts)', () => {
    // Prepare: the answer without its corrections, the corrections per section beside it.
    const written = { factualAccuracy: { outcome: 'corrections', respondedBy: 'Ward manager', closedOn: '2025-03-03' }, corrections: [{ section: 'summary', text: 'The unit has 14 beds' }] } as unknown as ReportRecord;

    // Act
    const view = factualAccuracyOf(written, cycle({ outcome: 'corrections', corrections: [{ section: 'summary', text: 'The unit has 14 beds' }] }));

    // Assess
    expect(view).toEqual({ outcome: 'corrections', respondedBy: 'Ward manager', corrections: [{ section: 'summary', text: 'The unit has 14 beds' }] });
  });

  it('reads an acceptance written on the report record with an empty corrections list, not the cycle\'s older text', () => {
    // Act
    const view = factualAccuracyOf(
      { factualAccuracy: { outcome: 'accepted' }, corrections: [] } as unknown as ReportRecord,
      cycle({ outcome: 'accepted', corrections: 'stale' }),
    );

    // Assess
    expect(view).toEqual({ outcome: 'accepted', corrections: [] });
  });
});
