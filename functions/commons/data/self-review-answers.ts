// The self-review's saved answers, one item per standard under the cycle (`SELF_REVIEW#<standardId>`),
// so several people of the service can answer different standards at once without a lost update,
// and the self-review page reads them with one Query. Each save is conditional on the version the
// person started from; a failed condition returns the stored item (ALL_OLD), which names who
// changed it and when. Drafts carry their own who and when; the audit trail records the submission.
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { SelfReviewAnswer } from '#core/self-review';
import { documentClient } from '../clients/dynamodb.ts';
import { tableName } from '../env.ts';
import { StaleAnswerError } from '../errors.ts';
import { isConditionalCheckFailure } from '../helpers/conditions.ts';
import { cycleKey } from '../helpers/table-keys.ts';
import { queryAll } from './query.ts';

const ANSWER_PREFIX = 'SELF_REVIEW#';
const answerKey = (cycleId: string, standardId: string) => ({ pk: cycleKey(cycleId).pk, sk: `${ANSWER_PREFIX}${standardId}` });

type AnswerFields = Pick<SelfReviewAnswer, 'rating' | 'comment' | 'evidence'>;

const answerOf = (item: Record<string, unknown>): SelfReviewAnswer => ({
  standardId: String(item.standardId),
  ...(item.rating ? { rating: item.rating as SelfReviewAnswer['rating'] } : {}),
  ...(item.comment ? { comment: String(item.comment) } : {}),
  ...(Array.isArray(item.evidence) && item.evidence.length > 0 ? { evidence: item.evidence as SelfReviewAnswer['evidence'] } : {}),
  version: Number(item.version),
  savedBy: String(item.savedBy),
  savedAt: String(item.savedAt),
});

/**
 * Saves one standard's answer as version `basedOnVersion + 1`. `basedOnVersion` 0 means "no answer
 * yet". Throws StaleAnswerError naming the stored answer's saver when someone saved in between.
 */
const saveAnswer = async (cycleId: string, standardId: string, fields: AnswerFields, basedOnVersion: number, savedBy: string, at: Date): Promise<SelfReviewAnswer> => {
  const answer: SelfReviewAnswer = { standardId, ...fields, version: basedOnVersion + 1, savedBy, savedAt: at.toISOString() };
  try {
    await documentClient.send(
      new PutCommand({
        TableName: tableName,
        Item: { ...answerKey(cycleId, standardId), itemType: 'self-review-answer', cycleId, ...answer },
        ConditionExpression: basedOnVersion === 0 ? 'attribute_not_exists(pk)' : 'version = :based',
        ...(basedOnVersion === 0 ? {} : { ExpressionAttributeValues: { ':based': basedOnVersion } }),
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
  } catch (error) {
    if (!isConditionalCheckFailure(error)) throw error;
    const stored = error.Item ? unmarshall(error.Item as Record<string, AttributeValue>) : undefined;
    // No stored item: the person claimed a version that never existed.
    const current = stored ? answerOf(stored) : { version: 0, savedBy: 'nobody', savedAt: 'never' };
    throw new StaleAnswerError(standardId, { version: current.version, savedBy: current.savedBy, savedAt: current.savedAt }, { cause: error });
  }
  return answer;
};

/** Every saved answer of the cycle's self-review. */
const listAnswers = async (cycleId: string): Promise<SelfReviewAnswer[]> =>
  (
    await queryAll({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': cycleKey(cycleId).pk, ':prefix': ANSWER_PREFIX },
    })
  ).map(answerOf);

export { listAnswers, saveAnswer };
