import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { addWorkingDays, isWorkingDay } from '#core/calendar';
import type { Duration } from '#core/duration';
import { UnknownMembershipTypeError } from '#core/errors';
import { addDays } from '#core/iso-date';
import type { NetworkConfig } from '#core/network-config';
import { parseNetworkConfig } from '#core/network-config-file';
import { appealDeadline, buildTimetable, deferralDeadline } from '#core/timetable';
import { renderTimetableText } from '#core/timetable-text';
import { MembershipType, RecipientRole, Stage } from '#core/vocabulary';

const exampleConfig = (name: string): NetworkConfig =>
  parseNetworkConfig(readFileSync(new URL(`../../../examples/networks/${name}/network.yaml`, import.meta.url), 'utf8'), 'network.yaml');
const ccqi = exampleConfig('ccqi-accreditation-example');
const mindAndBody = exampleConfig('mind-and-body-example');

const withEnrolment = (enrolment: Duration): NetworkConfig => ({
  ...ccqi,
  stageDurations: { ...ccqi.stageDurations, accreditation: { ...ccqi.stageDurations.accreditation!, enrolment } },
});

describe('Function: buildTimetable', () => {
  it.each([
    [ccqi, MembershipType.Accreditation, ['enrolment', 'self-review', 'peer-review-scheduling', 'visit', 'factual-accuracy', 'committee-decision']],
    [ccqi, MembershipType.Developmental, ['enrolment', 'self-review', 'peer-review-scheduling', 'visit', 'factual-accuracy']],
    [mindAndBody, MembershipType.Developmental, ['enrolment', 'self-review', 'peer-review-scheduling', 'visit', 'factual-accuracy']],
  ])('lists the stages in order (%#: %s)', (config, membershipType, stages) => {
    // Act
    const timetable = buildTimetable({ startDate: '2026-09-07', membershipType, config });
    // Assess
    expect(timetable.map((milestone) => milestone.stage)).toEqual(stages);
  });

  it.each([
    ['2026-12-18', { weeks: 1 }, '2026-12-29', 'lands on Christmas Day; 28th is the Boxing Day substitute'],
    ['2026-03-27', { weeks: 1 }, '2026-04-07', 'lands on Good Friday; Easter Monday follows'],
    ['2026-03-30', { weeks: 1 }, '2026-04-07', 'lands on Easter Monday'],
    ['2026-11-20', { days: 1 }, '2026-11-23', 'lands on a Saturday'],
    ['2026-11-20', { days: 2 }, '2026-11-23', 'lands on a Sunday'],
    ['2026-12-23', { workingDays: 2 }, '2026-12-29', 'working days skip Christmas'],
    ['2026-11-20', { weeks: 1 }, '2026-11-27', 'a working day stays'],
  ] as [string, Duration, string, string][])('from %s, an enrolment of %j is due %s (%s)', (startDate, enrolment, dueOn) => {
    // Prepare
    const config = withEnrolment(enrolment);
    // Act
    const [first] = buildTimetable({ startDate, membershipType: MembershipType.Accreditation, config });
    // Assess
    expect(first.dueOn).toBe(dueOn);
  });

  it('opens on the next working day when the cohort starts on a weekend', () => {
    // Act
    const [first] = buildTimetable({ startDate: '2026-11-21', membershipType: MembershipType.Accreditation, config: ccqi });
    // Assess
    expect(first.opensOn).toBe('2026-11-23');
  });

  it.each(Array.from({ length: 60 }, (_, i) => addDays('2026-01-05', i * 11)))(
    'starting %s: every date is a working day and each stage follows the last',
    (startDate) => {
      // Act
      const timetable = buildTimetable({ startDate, membershipType: MembershipType.Accreditation, config: ccqi });
      // Assess
      for (const [i, milestone] of timetable.entries()) {
        expect(isWorkingDay(milestone.opensOn) && isWorkingDay(milestone.dueOn)).toBe(true);
        expect(milestone.dueOn > milestone.opensOn).toBe(true);
        if (i > 0 && milestone.stage !== Stage.FactualAccuracy) expect(milestone.opensOn).toBe(addWorkingDays(timetable[i - 1].dueOn, 1));
        for (const reminder of milestone.reminders) expect(isWorkingDay(reminder.on)).toBe(true);
      }
    },
  );

  it('puts the factual-accuracy check 10 working days after the draft, which follows the visit by the drafting time', () => {
    // Act
    const timetable = buildTimetable({ startDate: '2026-09-07', membershipType: MembershipType.Accreditation, config: ccqi });
    // Assess
    const visit = timetable.find((m) => m.stage === Stage.Visit)!;
    const factualAccuracy = timetable.find((m) => m.stage === Stage.FactualAccuracy)!;
    expect(factualAccuracy.opensOn).toBe(addWorkingDays(visit.dueOn, 15));
    expect(factualAccuracy.dueOn).toBe(addWorkingDays(factualAccuracy.opensOn, 10));
  });

  it('sends reminders 28/14/7/1 working days before, never before the stage opens, then the escalation ladder', () => {
    // Act
    const timetable = buildTimetable({ startDate: '2026-09-07', membershipType: MembershipType.Accreditation, config: ccqi });
    // Assess
    const selfReview = timetable.find((m) => m.stage === Stage.SelfReview)!;
    expect(selfReview.reminders).toEqual([
      ...[28, 14, 7, 1].map((offset) => ({ on: addWorkingDays(selfReview.dueOn, -offset), kind: 'before', offsetWorkingDays: offset, recipientRole: RecipientRole.ServiceLead })),
      ...[
        [1, RecipientRole.ServiceLead],
        [5, RecipientRole.OrganisationQiLead],
        [10, RecipientRole.NetworkManager],
      ].map(([offset, recipientRole]) => ({ on: addWorkingDays(selfReview.dueOn, offset as number), kind: 'escalation', offsetWorkingDays: offset, recipientRole })),
    ]);
    const enrolment = timetable.find((m) => m.stage === Stage.Enrolment)!;
    expect(enrolment.reminders.filter((r) => r.kind === 'before').map((r) => r.offsetWorkingDays)).toEqual([14, 7, 1]);
  });

  it.each([
    [Stage.FactualAccuracy, []],
    [Stage.CommitteeDecision, []],
    [Stage.Visit, [RecipientRole.NetworkManager]],
  ])('escalates %s to %j only (silence in factual accuracy is acceptance)', (stage, recipients) => {
    // Act
    const timetable = buildTimetable({ startDate: '2026-09-07', membershipType: MembershipType.Accreditation, config: ccqi });
    // Assess
    const milestone = timetable.find((m) => m.stage === stage)!;
    expect(milestone.reminders.filter((r) => r.kind === 'escalation').map((r) => r.recipientRole)).toEqual(recipients);
  });

  it('moves later stages when staff extend a deadline', () => {
    // Prepare
    const plain = buildTimetable({ startDate: '2026-09-07', membershipType: MembershipType.Accreditation, config: ccqi });
    const extendedTo = addWorkingDays(plain[1].dueOn, 10);
    // Act
    const extended = buildTimetable({ startDate: '2026-09-07', membershipType: MembershipType.Accreditation, config: ccqi, dueDateOverrides: { [Stage.SelfReview]: extendedTo } });
    // Assess
    expect(extended[1].dueOn).toBe(extendedTo);
    expect(extended[2].opensOn).toBe(addWorkingDays(extendedTo, 1));
    expect(extended[0]).toEqual(plain[0]);
  });

  it('refuses a membership type the network does not offer', () => {
    // Act / Assess
    expect(() => buildTimetable({ startDate: '2026-09-07', membershipType: MembershipType.Accreditation, config: mindAndBody })).toThrow(UnknownMembershipTypeError);
  });
});

describe('Functions: deferralDeadline, appealDeadline', () => {
  it.each([
    ['2026-06-10', '2026-12-10', '2026-06-25'],
    ['2026-06-26', '2026-12-29', '2026-07-13'],
  ])('a decision on %s: evidence by %s (6 months), appeal by %s (15 days)', (decidedOn, deferral, appeal) => {
    // Act
    const dates = [deferralDeadline(decidedOn, ccqi), appealDeadline(decidedOn, ccqi)];
    // Assess
    expect(dates).toEqual([deferral, appeal]);
  });

  it('has none for a developmental-only network', () => {
    // Act / Assess
    expect(deferralDeadline('2026-06-10', mindAndBody)).toBeUndefined();
  });
});

describe('Function: renderTimetableText', () => {
  it('prints every stage window and every reminder date of the dry run', () => {
    // Prepare
    const timetable = buildTimetable({ startDate: '2026-09-07', membershipType: MembershipType.Accreditation, config: ccqi });
    // Act
    const text = renderTimetableText(timetable);
    // Assess
    const lines = text.split('\n');
    expect(lines).toHaveLength(timetable.length + timetable.reduce((n, m) => n + m.reminders.length, 0));
    expect(lines[0]).toBe(`Enrolment: Mon 2026-09-07 to Mon ${timetable[0].dueOn}`);
    for (const m of timetable) for (const r of m.reminders) expect(text).toContain(r.on);
  });
});
