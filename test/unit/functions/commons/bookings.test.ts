// A cycle's bookings follow its team (issue 14): what a re-made allocation writes, and how a
// reviewer's two counters on one pool item go into one transaction.
import '../../../support/function-env.ts';
import { describe, expect, it } from 'vitest';
import { bookingChanges, mergeUpdates } from '#commons/data/bookings';

const visit = { networkId: 'n', cohortId: 'c', cycleId: 'c--host', hostServiceId: 'host', hostOrganisationId: 'host-org' };
const member = (reviewerId: string, serviceId?: string) => ({ reviewerId, role: 'professional' as const, ...(serviceId ? { serviceId } : {}) });

describe('Function: bookingChanges', () => {
  it('books the newcomer, gives up the decliner\'s place and moves both visit counts, leaving the others as they are', () => {
    // Prepare
    const before = { date: '2025-06-10', team: [member('A', 'svc-a'), member('B'), member('C')] };
    const after = { date: '2025-06-10', team: [member('A', 'svc-a'), member('B'), member('E', 'svc-e')] };

    // Act
    const items = bookingChanges(visit, before, after, (id) => id !== 'gone');

    // Assess
    expect(items.map((item) => (item.Put ? ['put', item.Put.Item?.sk] : item.Delete ? ['delete', item.Delete.Key?.sk] : ['count', item.Update?.Key?.sk, item.Update?.ExpressionAttributeValues?.[':delta']]))).toEqual([
      ['put', 'BOOKED#E'],
      ['delete', 'BOOKED#C'],
      ['count', 'REVIEWER#E', 1],
      ['count', 'REVIEWER#C', -1],
    ]);
    expect(items[0].Put?.Item).toMatchObject({ pk: 'BOOKINGS#n#c#2025-06-10', cycleId: 'c--host', gsi1pk: 'NETWORK#n#COHORT#c#VISITORS#svc-e', gsi1sk: 'HOST#host#2025-06-10#E' });
  });

  it('gives up every place of a team that no longer holds the day, without counting for a reviewer who left the pool', () => {
    // Act
    const items = bookingChanges(visit, { date: '2025-06-10', team: [member('A'), member('gone')] }, undefined, (id) => id !== 'gone');

    // Assess
    expect(items.filter((item) => item.Delete)).toHaveLength(2);
    expect(items.filter((item) => item.Update).map((item) => item.Update?.Key?.sk)).toEqual(['REVIEWER#A']);
  });
});

describe('Function: mergeUpdates', () => {
  it('makes a reviewer\'s load count and visit count one Update of their pool item', () => {
    // Prepare
    const key = { pk: 'NETWORK#n', sk: 'REVIEWER#A' };
    const load = { Update: { TableName: 't', Key: key, UpdateExpression: 'SET reviewsThisYear = reviewsThisYear - :one', ConditionExpression: 'attribute_exists(pk)', ExpressionAttributeValues: { ':one': 1 } } };
    const visits = { Update: { TableName: 't', Key: key, UpdateExpression: 'ADD #visits :delta', ConditionExpression: 'attribute_exists(pk)', ExpressionAttributeNames: { '#visits': 'visits#c' }, ExpressionAttributeValues: { ':delta': -1 } } };
    const other = { Put: { TableName: 't', Item: { pk: 'x', sk: 'y' } } };

    // Act
    const merged = mergeUpdates([load, other, visits]);

    // Assess
    expect(merged).toEqual([
      { Update: { TableName: 't', Key: key, UpdateExpression: 'SET reviewsThisYear = reviewsThisYear - :one ADD #visits :delta', ConditionExpression: 'attribute_exists(pk)', ExpressionAttributeNames: { '#visits': 'visits#c' }, ExpressionAttributeValues: { ':one': 1, ':delta': -1 } } },
      other,
    ]);
  });
});
