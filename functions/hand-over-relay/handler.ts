// The relay of the transactional outbox: every hand-over written to the table reaches this
// function through the table's stream (on AWS a DynamoDB Streams event source mapping filtered to
// new hand-overs; locally the same records read from DynamoDB Local's stream). It delivers each
// one (usually the API already has, and this finds it settled) and reports the ones Step Functions
// could not take yet as batch item failures, so only those are retried.
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import middy from '@middy/core';
import type { Context, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { HAND_OVER_PREFIX } from '#commons/data/hand-overs';
import { deliverHandOver } from '#commons/helpers/deliver-hand-over';
import { logger } from '#commons/powertools/logger';

const processor = new BatchProcessor(EventType.DynamoDBStreams);

/** The hand-over a stream record announces, or undefined for any other record (the filter should keep those away). */
const handOverOf = (record: DynamoDBRecord): { cycleId: string; handOverId: string } | undefined => {
  if (record.eventName !== 'INSERT' || !record.dynamodb?.NewImage) return undefined;
  const item = unmarshall(record.dynamodb.NewImage as Record<string, AttributeValue>);
  if (typeof item.sk !== 'string' || !item.sk.startsWith(HAND_OVER_PREFIX)) return undefined;
  return { cycleId: String(item.cycleId), handOverId: String(item.handOverId) };
};

const relayRecord = async (record: DynamoDBRecord): Promise<void> => {
  const handOver = handOverOf(record);
  if (!handOver) return;
  const delivery = await deliverHandOver(handOver.cycleId, handOver.handOverId);
  if (delivery === 'pending') throw new Error(`Hand-over ${handOver.handOverId} of ${handOver.cycleId} is still held by another deliverer`);
  logger.info('Hand-over settled', { ...handOver, delivery });
};

const relayHandOvers = async (event: DynamoDBStreamEvent, context: Context) =>
  processPartialResponse(event, relayRecord, processor, { context });

const handler = middy(relayHandOvers).use(injectLambdaContext(logger));

export { handler, handOverOf, relayHandOvers };
