// How allocation reads a network's reviewer pool (issue 14; issue 12 defect 10): one Query, paged,
// eventually consistent, and only the attributes allocation uses, availability ranges included.
import '../../../support/function-env.ts';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { poolForAllocation } from '#commons/data/reviewer-pool';

const dynamo = mockClient(DynamoDBDocumentClient);

describe('Function: poolForAllocation', () => {
  afterEach(() => {
    dynamo.reset();
  });

  it('reads every page eventually consistent, projecting the allocation attributes only', async () => {
    // Prepare
    dynamo
      .on(QueryCommand)
      .resolvesOnce({ Items: [{ id: 'R1', 'visits#c1': 2 }], LastEvaluatedKey: { pk: 'NETWORK#n', sk: 'REVIEWER#R1' } })
      .resolvesOnce({ Items: [{ id: 'R2' }] });

    // Act
    const pool = await poolForAllocation('n', 'c1');

    // Assess: the cohort's visit counter comes apart from the reviewer the core sees.
    const queries = dynamo.commandCalls(QueryCommand).map((call) => call.args[0].input);
    expect(pool.reviewers).toEqual([{ id: 'R1' }, { id: 'R2' }]);
    expect([...pool.visits]).toEqual([['R1', 2]]);
    expect(queries).toHaveLength(2);
    expect(queries[1]?.ExclusiveStartKey).toEqual({ pk: 'NETWORK#n', sk: 'REVIEWER#R1' });
    for (const query of queries) {
      expect(query.ConsistentRead).toBe(false);
      expect(query.KeyConditionExpression).toBe('pk = :pk AND begins_with(sk, :prefix)');
      const projected = (query.ProjectionExpression ?? '').split(', ').map((name) => query.ExpressionAttributeNames?.[name]);
      expect(projected).toEqual(expect.arrayContaining(['visits#c1', 'id', 'roles', 'availableOn', 'available', 'unavailable', 'conflicts', 'reviewsThisYear', 'name', 'email']));
      expect(projected).not.toContain('updatedAt');
    }
  });
});
