// The action plan's data module (issue 13): the sweep's read of due actions is a key range of its own
// partition, up to today (issue 14: reads proportional to what is due, never a whole partition of open
// work), keys only so the index's projection cannot hide what it needs; the sweep's move of an action's
// reminder date never overwrites a change the service saved meanwhile.
import '../../../support/function-env.ts';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { actionsDueBy, moveActionReminder } from '#commons/data/action-plan';
import type { ActionRecord } from '#commons/data/action-plan';

const dynamo = mockClient(DynamoDBDocumentClient);

const action: ActionRecord = {
  cycleId: 'c1',
  actionId: 'A2',
  title: 'Audit care plans',
  owner: 'Ward manager',
  dueOn: '2025-05-06',
  status: 'in-progress',
  proposalIds: [],
  standardIds: [],
  openedOn: '2025-04-01',
  version: 3,
  createdBy: 'A',
  createdAt: '2025-04-01T09:00:00.000Z',
  updatedBy: 'A',
  updatedAt: '2025-04-01T09:00:00.000Z',
};

describe('Function: commons/data/action-plan', () => {
  beforeEach(() => dynamo.reset());

  it('reads the actions due by a day with a key range on the open-actions partition, keys only, every page', async () => {
    // Prepare
    dynamo
      .on(QueryCommand)
      .resolvesOnce({ Items: [{ pk: 'CYCLE#c1', sk: 'ACTION#A2' }], LastEvaluatedKey: { pk: 'CYCLE#c1' } })
      .resolvesOnce({ Items: [{ pk: 'CYCLE#c2', sk: 'ACTION#A10' }] });
    // Act
    const due = await actionsDueBy('2025-04-24');
    // Assess
    expect(due).toEqual([
      { cycleId: 'c1', actionId: 'A2' },
      { cycleId: 'c2', actionId: 'A10' },
    ]);
    const [first] = dynamo.commandCalls(QueryCommand).map((call) => call.args[0].input);
    expect(first).toMatchObject({
      IndexName: 'open-tasks',
      KeyConditionExpression: 'gsi2pk = :open AND gsi2sk <= :through',
      ExpressionAttributeValues: { ':open': 'ACTIONS#OPEN', ':through': '2025-04-24~' },
      ProjectionExpression: 'pk, sk',
    });
    expect(first.FilterExpression).toBeUndefined();
  });

  it('moves an action to its next reminder date only while it is as the sweep read it, and ignores a change saved meanwhile', async () => {
    // Prepare
    dynamo.on(UpdateCommand).rejectsOnce(new ConditionalCheckFailedException({ message: 'changed', $metadata: {} }));
    // Act
    await moveActionReminder(action, '2025-05-05');
    // Assess
    const [update] = dynamo.commandCalls(UpdateCommand).map((call) => call.args[0].input);
    expect(update.ConditionExpression).toBe('#version = :version AND dueOn = :dueOn');
    expect(update.ExpressionAttributeValues).toMatchObject({ ':version': 3, ':dueOn': '2025-05-06', ':gsi2sk': '2025-05-05#CYCLE#c1#ACTION#A2', ':gsi2pk': 'ACTIONS#OPEN' });
  });
});
