import '../../../support/function-env.ts';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { allocateTeam } from '../../../../functions/allocate-review-team/handler.ts';
import { useClockSource, useSystemClock } from '#commons/clock';
import { BookingContendedError, CycleWithdrawnError, MissingStepRecordError } from '#commons/errors';
import { startOfUkDay } from '#core/uk-time';
import { allocationKey, cycleKey, networkKey, taskKey } from '#commons/helpers/table-keys';
import { EXECUTION_ARN, networkRecord, taskRecord } from '../../../support/function-fixtures.ts';
import { CYCLE_ID, allocationRecord, cycleWithDeadlines } from '../../../support/workflow-fixtures.ts';

const dynamo = mockClient(DynamoDBDocumentClient);
const DATES = ['2025-06-10', '2025-06-11', '2025-06-17'];

const reviewer = (id: string, roles: string[], organisationId: string, extra: Record<string, unknown> = {}) => ({
  id, name: `Reviewer ${id}`, email: `${id}@example.org`, networkId: 'ccqi-accreditation-example', serviceId: `home-${id}`, organisationId, roles, availableOn: DATES, reviewsThisYear: 0, updatedAt: '2025-01-01T00:00:00.000Z', ...extra,
});
const POOL = [
  reviewer('lead-a', ['lead'], 'org-a', { leadTrainingExpiresOn: '2030-01-01' }),
  reviewer('peer-b', ['professional'], 'org-b'),
  reviewer('expert-c', ['expert-by-experience'], 'org-c'),
];

const event = (mode: 'automatic' | 'manual' | 'replacement' = 'automatic') => ({ cycleId: CYCLE_ID, executionArn: EXECUTION_ARN, occurrenceId: 'run/AllocateReviewTeam@2025-05-20T09:00:00.000Z#4', mode });
const transactItems = () => dynamo.commandCalls(TransactWriteCommand)[0].args[0].input.TransactItems ?? [];

describe('Function: allocate-review-team', () => {
  beforeEach(() => {
    dynamo.reset();
    dynamo.on(GetCommand).resolves({});
    dynamo.on(GetCommand, { Key: cycleKey(CYCLE_ID) }).resolves({ Item: cycleWithDeadlines() });
    dynamo.on(GetCommand, { Key: networkKey('ccqi-accreditation-example') }).resolves({ Item: networkRecord() });
    dynamo.on(GetCommand, { Key: taskKey(CYCLE_ID, 'peer-review-scheduling') }).resolves({
      Item: taskRecord({ stage: 'peer-review-scheduling', status: 'submitted', submission: { offeredBy: 'Lead', dates: DATES, hostAddress: '1 High Street' } }),
    });
    dynamo.on(QueryCommand).resolves({ Items: [] });
    dynamo.on(QueryCommand, { IndexName: undefined, ExpressionAttributeValues: { ':prefix': 'REVIEWER#' } }).resolves({ Items: POOL });
    dynamo.on(TransactWriteCommand).resolves({});
    useClockSource(() => new Date('2025-05-20T09:00:00.000Z'));
  });
  afterEach(() => useSystemClock());

  it('allocates a team that keeps every hard rule and stores it with the cycle change and its audit event', async () => {
    // Prepare
    dynamo.on(GetCommand, { Key: allocationKey(CYCLE_ID) }).resolves({ Item: allocationRecord() });

    // Act
    const result = await allocateTeam(event());

    // Assess
    expect(result.feasible).toBe(true);
    const [cycle, allocation, audit] = transactItems();
    expect(cycle.Update?.ExpressionAttributeValues).toMatchObject({ ':stage': 'reviewer-acceptance' });
    expect(allocation.Put?.Item).toMatchObject({ status: 'invited', date: DATES[0], hostAddress: '1 High Street' });
    expect(allocation.Put?.Item?.gsi1pk).toBeUndefined();
    expect((allocation.Put?.Item?.team as { reviewerId: string; email: string }[]).map((member) => member.reviewerId).sort()).toEqual(['expert-c', 'lead-a', 'peer-b']);
    expect(audit.Put?.Item).toMatchObject({ type: 'team-allocated' });
    const deadlines = Object.values(cycle.Update?.ExpressionAttributeValues ?? {}).find((value) => typeof value === 'object' && value !== null && 'visit' in value) as Record<string, string>;
    expect(deadlines.visit).toBe(startOfUkDay(DATES[0]));
  });

  it('books each member for the day with a conditional Put, and counts the visit on their pool item (issue 14)', async () => {
    // Prepare
    dynamo.on(GetCommand, { Key: allocationKey(CYCLE_ID) }).resolves({ Item: allocationRecord({ status: 'cancelled' }) });

    // Act
    await allocateTeam(event());

    // Assess
    const items = transactItems();
    const bookings = items.filter((item) => item.Put?.Item?.itemType === 'booking').map((item) => item.Put!);
    expect(bookings.map((put) => put.Item?.reviewerId).sort()).toEqual(['expert-c', 'lead-a', 'peer-b']);
    for (const put of bookings) {
      expect(put.Item).toMatchObject({ pk: `BOOKINGS#ccqi-accreditation-example#cohort-2025#${DATES[0]}`, sk: `BOOKED#${put.Item?.reviewerId}`, cycleId: CYCLE_ID, date: DATES[0] });
      expect(put.ConditionExpression).toBe('attribute_not_exists(pk) OR cycleId = :cycleId');
    }
    const counted = items.filter((item) => item.Update?.UpdateExpression === 'ADD #visits :delta').map((item) => item.Update!);
    expect(counted.map((update) => [update.Key?.sk, update.ExpressionAttributeNames?.['#visits'], update.ExpressionAttributeValues?.[':delta']]).sort()).toEqual([
      ['REVIEWER#expert-c', 'visits#cohort-2025', 1],
      ['REVIEWER#lead-a', 'visits#cohort-2025', 1],
      ['REVIEWER#peer-b', 'visits#cohort-2025', 1],
    ]);
  });

  it('decides again without a reviewer another allocation booked for the day meanwhile (the race, issue 14)', async () => {
    // Prepare: a second lead; the first transaction loses lead-a's day to another cycle.
    dynamo.on(QueryCommand, { IndexName: undefined, ExpressionAttributeValues: { ':prefix': 'REVIEWER#' } }).resolves({ Items: [...POOL, reviewer('lead-z', ['lead'], 'org-z', { leadTrainingExpiresOn: '2030-01-01' })] });
    dynamo.on(GetCommand, { Key: allocationKey(CYCLE_ID) }).resolves({ Item: allocationRecord({ status: 'cancelled' }) });
    dynamo
      .on(QueryCommand, { ExpressionAttributeValues: { ':pk': `BOOKINGS#ccqi-accreditation-example#cohort-2025#${DATES[0]}`, ':prefix': 'BOOKED#' } })
      .resolvesOnce({ Items: [] })
      .resolves({ Items: [{ reviewerId: 'lead-a', cycleId: 'cohort-2025--other' }] });
    let refusedOnce = false;
    dynamo.on(TransactWriteCommand).callsFake((input: { TransactItems: { Put?: { Item?: Record<string, unknown> } }[] }) => {
      if (refusedOnce) return {};
      refusedOnce = true;
      const reasons = input.TransactItems.map((item) => (item.Put?.Item?.reviewerId === 'lead-a' ? { Code: 'ConditionalCheckFailed' } : { Code: 'None' }));
      throw new TransactionCanceledException({ message: 'Transaction cancelled', $metadata: {}, CancellationReasons: reasons });
    });

    // Act
    const result = await allocateTeam(event());

    // Assess
    expect(result.feasible).toBe(true);
    const attempts = dynamo.commandCalls(TransactWriteCommand).map((call) => call.args[0].input.TransactItems ?? []);
    expect(attempts).toHaveLength(2);
    const teamOf = (items: (typeof attempts)[number]) => (items[1].Put?.Item?.team as { reviewerId: string }[]).map((member) => member.reviewerId).sort();
    expect(teamOf(attempts[0])).toContain('lead-a');
    expect(teamOf(attempts[1])).toEqual(['expert-c', 'lead-z', 'peer-b']);
    // The first decision reads the days eventually consistent; the one after a refusal, consistently.
    const dayReads = dynamo.commandCalls(QueryCommand).map((call) => call.args[0].input).filter((input) => String(input.ExpressionAttributeValues?.[':pk']).startsWith('BOOKINGS#'));
    expect(dayReads.map((input) => input.ConsistentRead)).toEqual([false, false, false, true, true, true]);
  });

  it('changes nothing on a retried step whose cycle already recorded it, even if its chosen days are taken now', async () => {
    // Prepare: the cycle's condition refuses (this occurrence is recorded), and so does a booking.
    dynamo.on(GetCommand, { Key: allocationKey(CYCLE_ID) }).resolves({ Item: allocationRecord({ status: 'cancelled' }) });
    dynamo.on(TransactWriteCommand).callsFake((input: { TransactItems: { Put?: { Item?: Record<string, unknown> } }[] }) => {
      const reasons = input.TransactItems.map((item, index) =>
        index === 0 ? { Code: 'ConditionalCheckFailed', Item: marshall(cycleWithDeadlines()) } : item.Put?.Item?.reviewerId === 'lead-a' ? { Code: 'ConditionalCheckFailed' } : { Code: 'None' },
      );
      throw new TransactionCanceledException({ message: 'Transaction cancelled', $metadata: {}, CancellationReasons: reasons });
    });

    // Act
    const result = await allocateTeam(event());

    // Assess
    expect(result.feasible).toBe(true);
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(1);
  });

  it('fails with a named error when every attempt loses a reviewer\'s day to another allocation', async () => {
    // Prepare
    dynamo.on(GetCommand, { Key: allocationKey(CYCLE_ID) }).resolves({ Item: allocationRecord({ status: 'cancelled' }) });
    dynamo.on(TransactWriteCommand).callsFake((input: { TransactItems: { Put?: { Item?: Record<string, unknown> } }[] }) => {
      const reasons = input.TransactItems.map((item) => (item.Put?.Item?.itemType === 'booking' ? { Code: 'TransactionConflict' } : { Code: 'None' }));
      throw new TransactionCanceledException({ message: 'Transaction cancelled', $metadata: {}, CancellationReasons: reasons });
    });

    // Act
    const result = allocateTeam(event());

    // Assess
    await expect(result).rejects.toThrow(BookingContendedError);
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(4);
  });

  it('writes the lead reviewer\'s address on the cycle with the team, for the reminders reviewers are owed (issue 10, defect 2)', async () => {
    // Prepare
    dynamo.on(GetCommand, { Key: allocationKey(CYCLE_ID) }).resolves({ Item: allocationRecord() });

    // Act
    await allocateTeam(event());

    // Assess
    const [cycle] = transactItems();
    const contacts = Object.values(cycle.Update?.ExpressionAttributeValues ?? {}).find((value) => typeof value === 'object' && value !== null && 'serviceLead' in value);
    expect(contacts).toEqual({ ...cycleWithDeadlines().contacts, leadReviewer: ['lead-a@example.org'] });
  });

  it('records why no team could be formed, and sends the cycle to staff', async () => {
    // Prepare: the only lead works for the host's organisation.
    dynamo.on(QueryCommand, { IndexName: undefined, ExpressionAttributeValues: { ':prefix': 'REVIEWER#' } }).resolves({ Items: [reviewer('lead-a', ['lead'], 'org-1', { leadTrainingExpiresOn: '2030-01-01' }), ...POOL.slice(1)] });
    dynamo.on(GetCommand, { Key: allocationKey(CYCLE_ID) }).resolves({ Item: allocationRecord({ status: 'no-feasible-team' }) });

    // Act
    const result = await allocateTeam(event());

    // Assess
    expect(result.feasible).toBe(false);
    const [cycle, allocation, audit] = transactItems();
    expect(cycle.Update?.ExpressionAttributeValues).toMatchObject({ ':stage': 'manual-allocation' });
    expect(allocation.Put?.Item).toMatchObject({ status: 'no-feasible-team', exclusions: [expect.objectContaining({ reviewerId: 'lead-a', rule: 'same-organisation' })] });
    expect(audit.Put?.Item).toMatchObject({ type: 'no-feasible-team' });
  });

  it('records in the audit which reviewers were ruled out and why, also when a team was found', async () => {
    // Prepare: a second lead works for the host's organisation.
    dynamo.on(QueryCommand, { IndexName: undefined, ExpressionAttributeValues: { ':prefix': 'REVIEWER#' } }).resolves({ Items: [...POOL, reviewer('lead-home', ['lead'], 'org-1', { leadTrainingExpiresOn: '2030-01-01' })] });
    dynamo.on(GetCommand, { Key: allocationKey(CYCLE_ID) }).resolves({ Item: allocationRecord() });

    // Act
    await allocateTeam(event());

    // Assess
    expect(transactItems()[2].Put?.Item?.detail).toMatchObject({
      exclusions: 1,
      exclusionsByRule: { 'same-organisation': 1 },
      excluded: [{ reviewerId: 'lead-home', rule: 'same-organisation', detail: expect.stringContaining('org-1') }],
    });
  });

  const handPicked = (team: { reviewerId: string; role: string }[], extra: Record<string, unknown> = {}) =>
    dynamo.on(GetCommand, { Key: taskKey(CYCLE_ID, 'manual-allocation') }).resolves({
      Item: taskRecord({ stage: 'manual-allocation', status: 'submitted', submission: { allocatedBy: 'Network manager', date: DATES[2], team, ...extra } }),
    });
  const FULL_TEAM = [{ reviewerId: 'lead-a', role: 'lead' }, { reviewerId: 'peer-b', role: 'professional' }, { reviewerId: 'expert-c', role: 'expert-by-experience' }];

  it('stores the team staff allocated by hand', async () => {
    // Prepare
    handPicked(FULL_TEAM);
    dynamo.on(GetCommand, { Key: allocationKey(CYCLE_ID) }).resolves({ Item: allocationRecord() });

    // Act
    const result = await allocateTeam(event('manual'));

    // Assess
    expect(result.feasible).toBe(true);
    expect(transactItems()[1].Put?.Item).toMatchObject({ status: 'invited', allocatedBy: 'Network manager', date: DATES[2], team: [{ reviewerId: 'lead-a', role: 'lead', email: 'lead-a@example.org' }, {}, {}] });
  });

  it('refuses a hand-picked lead from the host organisation and sends the cycle back to staff with the reason', async () => {
    // Prepare: lead-a works for org-1, the host's organisation (issue 10, defect 1).
    dynamo.on(QueryCommand, { IndexName: undefined, ExpressionAttributeValues: { ':prefix': 'REVIEWER#' } }).resolves({ Items: [reviewer('lead-a', ['lead'], 'org-1', { leadTrainingExpiresOn: '2030-01-01' }), ...POOL.slice(1)] });
    handPicked(FULL_TEAM);
    dynamo.on(GetCommand, { Key: allocationKey(CYCLE_ID) }).resolves({ Item: allocationRecord({ status: 'no-feasible-team' }) });

    // Act
    const result = await allocateTeam(event('manual'));

    // Assess
    expect(result.feasible).toBe(false);
    const [cycle, allocation, audit] = transactItems();
    expect(cycle.Update?.ExpressionAttributeValues).toMatchObject({ ':stage': 'manual-allocation' });
    expect(allocation.Put?.Item).toMatchObject({ status: 'no-feasible-team', exclusions: [expect.objectContaining({ reviewerId: 'lead-a', rule: 'same-organisation' })] });
    expect(audit.Put?.Item).toMatchObject({ type: 'no-feasible-team', detail: { refused: [expect.objectContaining({ reviewerId: 'lead-a', rule: 'same-organisation' })] } });
  });

  it('accepts a broken rule the network lets staff override, with the reason in the audit', async () => {
    // Prepare
    dynamo.on(GetCommand, { Key: networkKey('ccqi-accreditation-example') }).resolves({ Item: { ...networkRecord(), config: { ...networkRecord().config, reviewTeam: { ...networkRecord().config.reviewTeam, overridableRules: ['same-organisation'] } } } });
    dynamo.on(QueryCommand, { IndexName: undefined, ExpressionAttributeValues: { ':prefix': 'REVIEWER#' } }).resolves({ Items: [reviewer('lead-a', ['lead'], 'org-1', { leadTrainingExpiresOn: '2030-01-01' }), ...POOL.slice(1)] });
    handPicked(FULL_TEAM, { overrides: [{ reviewerId: 'lead-a', rule: 'same-organisation', reason: 'Different site; agreed with the chair' }] });
    dynamo.on(GetCommand, { Key: allocationKey(CYCLE_ID) }).resolves({ Item: allocationRecord() });

    // Act
    const result = await allocateTeam(event('manual'));

    // Assess
    expect(result.feasible).toBe(true);
    expect(transactItems()[2].Put?.Item).toMatchObject({
      type: 'team-allocated',
      detail: { overridden: [{ reviewerId: 'lead-a', rule: 'same-organisation', reason: 'Different site; agreed with the chair' }], exclusionsByRule: { 'same-organisation': 1 } },
    });
  });

  describe('a declined invitation (issue 10, defect 3)', () => {
    const invited = (extra: Record<string, unknown> = {}) =>
      allocationRecord({
        status: 'declined',
        date: DATES[0],
        team: [
          { reviewerId: 'lead-a', role: 'lead', name: 'Reviewer lead-a', email: 'lead-a@example.org', organisationId: 'org-a' },
          { reviewerId: 'peer-b', role: 'professional', name: 'Reviewer peer-b', email: 'peer-b@example.org', organisationId: 'org-b' },
          { reviewerId: 'expert-c', role: 'expert-by-experience', name: 'Reviewer expert-c', email: 'expert-c@example.org', organisationId: 'org-c' },
        ],
        acceptedBy: ['lead-a'],
        declinedBy: ['expert-c'],
        ...extra,
      });

    it('replaces the decliner from the pool and invites only the newcomer', async () => {
      // Prepare
      dynamo.on(QueryCommand, { IndexName: undefined, ExpressionAttributeValues: { ':prefix': 'REVIEWER#' } }).resolves({ Items: [...POOL, reviewer('expert-d', ['expert-by-experience'], 'org-d')] });
      dynamo.on(GetCommand, { Key: allocationKey(CYCLE_ID) }).resolvesOnce({ Item: invited() }).resolves({ Item: invited({ status: 'invited' }) });

      // Act
      const result = await allocateTeam(event('replacement'));

      // Assess
      expect(result).toMatchObject({ feasible: true, confirmed: false });
      const [cycle, allocation, audit] = transactItems();
      expect(cycle.Update?.ExpressionAttributeValues).toMatchObject({ ':stage': 'reviewer-acceptance' });
      expect(allocation.Put?.Item).toMatchObject({ status: 'invited', date: DATES[0], acceptedBy: ['lead-a'], declinedBy: ['expert-c'], toInvite: ['expert-d'] });
      expect((allocation.Put?.Item?.team as { reviewerId: string }[]).map((m) => m.reviewerId)).toEqual(['lead-a', 'peer-b', 'expert-d']);
      expect(audit.Put?.Item).toMatchObject({ type: 'team-allocated', detail: { mode: 'replacement', declined: ['expert-c'], added: ['expert-d'] } });
    });

    it('goes to staff when nobody can replace a decliner the team needs, saying who declined and who was ruled out', async () => {
      // Prepare: the only other expert works for the host's organisation.
      dynamo.on(QueryCommand, { IndexName: undefined, ExpressionAttributeValues: { ':prefix': 'REVIEWER#' } }).resolves({ Items: [...POOL, reviewer('expert-d', ['expert-by-experience'], 'org-1')] });
      dynamo.on(GetCommand, { Key: allocationKey(CYCLE_ID) }).resolvesOnce({ Item: invited() }).resolves({ Item: invited({ status: 'no-feasible-team' }) });

      // Act
      const result = await allocateTeam(event('replacement'));

      // Assess
      expect(result.feasible).toBe(false);
      const [cycle, allocation] = transactItems();
      expect(cycle.Update?.ExpressionAttributeValues).toMatchObject({ ':stage': 'manual-allocation' });
      expect(allocation.Put?.Item).toMatchObject({
        status: 'no-feasible-team',
        declinedBy: ['expert-c'],
        exclusions: [expect.objectContaining({ reviewerId: 'expert-d', rule: 'same-organisation' })],
        shortfall: [{ date: DATES[0], role: 'expert-by-experience', needed: 1, available: 0 }],
      });
    });
  });

  it.each([
    { case: 'the cycle was withdrawn', setup: () => dynamo.on(GetCommand, { Key: cycleKey(CYCLE_ID) }).resolves({ Item: cycleWithDeadlines({ status: 'withdrawn' }) }), error: CycleWithdrawnError },
    { case: 'no dates were offered', setup: () => dynamo.on(GetCommand, { Key: taskKey(CYCLE_ID, 'peer-review-scheduling') }).resolves({}), error: MissingStepRecordError },
  ])('fails with a named error when $case', async ({ setup, error }) => {
    // Prepare
    setup();

    // Act
    const result = allocateTeam(event());

    // Assess
    await expect(result).rejects.toThrow(error);
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });
});
