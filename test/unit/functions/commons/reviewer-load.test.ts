import '../../../support/function-env.ts';
import { DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { StoredRecordInvalidError } from '#commons/errors';
import { releaseReviewerLoad, reviewerLoadUpdates } from '#commons/helpers/reviewer-load';
import { reviewerKey } from '#commons/helpers/table-keys';

const dynamo = mockClient(DynamoDBDocumentClient);
const CYCLE = 'c1--svc';
const NETWORK = 'net';
const place = (reviewerId: string, status = 'counted') => ({ pk: `CYCLE#${CYCLE}`, sk: `LOAD#${reviewerId}`, cycleId: CYCLE, networkId: NETWORK, reviewerId, status });
const reviewersTouched = (items: { Update?: { Key?: Record<string, unknown> } }[]) =>
  items.filter((item) => String(item.Update?.Key?.sk ?? '').startsWith('REVIEWER#')).map((item) => String(item.Update?.Key?.sk));

describe('Function: reviewerLoadUpdates', () => {
  beforeEach(() => {
    dynamo.reset();
    dynamo.on(GetCommand).resolves({ Item: { reviewsThisYear: 2 } });
  });

  it.each([
    { label: 'nobody counted yet: everyone', places: [], expected: ['REVIEWER#lead-a', 'REVIEWER#peer-a'] },
    { label: 'lead-a counted already (a re-confirmed team): only peer-a', places: [place('lead-a')], expected: ['REVIEWER#peer-a'] },
    { label: 'lead-a released by a cancelled visit (rebooked): both again', places: [place('lead-a', 'released')], expected: ['REVIEWER#lead-a', 'REVIEWER#peer-a'] },
  ])('counts a place once per reviewer and cycle: $label', async ({ places, expected }) => {
    // Prepare
    dynamo.on(QueryCommand).resolves({ Items: places });
    // Act
    const items = await reviewerLoadUpdates(NETWORK, CYCLE, ['lead-a', 'peer-a']);
    // Assess
    expect(reviewersTouched(items)).toEqual(expected);
    expect(items.filter((item) => item.Put).map((item) => item.Put?.ConditionExpression)).toEqual(expected.map(() => 'attribute_not_exists(pk) OR #status = :released'));
  });

  it('releases each counted place of a cancelled visit, and not below zero', async () => {
    // Prepare
    dynamo.on(QueryCommand).resolves({ Items: [place('lead-a'), place('peer-a'), place('gone', 'released')] });
    dynamo.on(GetCommand, { Key: reviewerKey(NETWORK, 'peer-a') }).resolves({ Item: { reviewsThisYear: 0 } });
    // Act
    const items = await releaseReviewerLoad(CYCLE);
    // Assess
    expect(reviewersTouched(items)).toEqual(['REVIEWER#lead-a']);
    expect(items.filter((item) => String(item.Update?.Key?.sk).startsWith('LOAD#')).map((item) => item.Update?.Key?.sk)).toEqual(['LOAD#lead-a', 'LOAD#peer-a']);
  });

  it('names the record and field of a stored place that is not one', async () => {
    // Prepare
    dynamo.on(QueryCommand).resolves({ Items: [{ ...place('lead-a'), status: 'maybe' }] });
    // Act
    const read = reviewerLoadUpdates(NETWORK, CYCLE, ['lead-a']);
    // Assess
    await expect(read).rejects.toThrow(StoredRecordInvalidError);
    await expect(reviewerLoadUpdates(NETWORK, CYCLE, ['lead-a'])).rejects.toThrow(/reviewer place .*LOAD#lead-a.* at status/);
  });
});
