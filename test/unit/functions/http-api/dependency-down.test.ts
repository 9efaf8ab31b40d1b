// A dependency that is down or busy answers 503 with Retry-After, never 500 (issue 12: a 500 on a
// cohort launch right after a restart).
import '../../../support/function-env.ts';
import { ProvisionedThroughputExceededException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { DependencyUnavailableError } from '#commons/clients/dependency-errors';
import { apiHandlerFor } from '../../../../functions/http-api/api-handler.ts';
import { buildHttpApiEvent } from '../../../../local/http-api-event.ts';
import { lambdaContext } from '../../../../local/lambda-context.ts';

const named = (name: string, extra: Record<string, unknown> = {}) => Object.assign(new Error(`${name} happened`), { name, ...extra });
const cancelled = (...codes: string[]) =>
  new TransactionCanceledException({ message: 'Transaction cancelled', $metadata: {}, CancellationReasons: codes.map((Code) => ({ Code })) });
const metadata = { $metadata: {} };

const answerTo = async (error: Error) => {
  const { handler } = apiHandlerFor([
    {
      method: 'POST',
      path: '/cohorts/{cohortId}/launch',
      handle: async () => {
        throw error;
      },
    },
  ]);
  return handler(buildHttpApiEvent({ method: 'POST', url: '/cohorts/c-1/launch' }), lambdaContext('http-api'));
};

describe('Function: http-api errors of a dependency', () => {
  it.each([
    ['DynamoDB refusing connections (renamed by the client)', new DependencyUnavailableError('DynamoDB could not be reached (ECONNREFUSED)')],
    ['a connection reset not renamed', named('Error', { code: 'ECONNRESET' })],
    ['Step Functions throttling', named('ThrottlingException')],
    ['DynamoDB over its throughput', new ProvisionedThroughputExceededException({ message: 'slow down', ...metadata })],
    ['a 503 from a dependency', named('ServiceUnavailable')],
    ['a transaction cancelled for a conflict', cancelled('None', 'TransactionConflict')],
    ['a transient error wrapped as the cause of another', new Error('launch failed', { cause: named('ThrottlingException') })],
  ])('answers 503 with Retry-After for %s', async (_label, error) => {
    // Act
    const result = await answerTo(error);

    // Assess
    expect(result.statusCode).toBe(503);
    expect(result.headers?.['Retry-After']).toBe('5');
    expect(JSON.parse(String(result.body))).toMatchObject({ error: 'ServiceUnavailable', retryAfterSeconds: 5 });
  });

  it.each([
    ['a failed condition', cancelled('ConditionalCheckFailed', 'None')],
    ['a bug', new TypeError('x is undefined')],
  ])('still answers 500 for %s', async (_label, error) => {
    // Act
    const result = await answerTo(error);

    // Assess
    expect(result.statusCode).toBe(500);
    expect(result.headers?.['Retry-After']).toBeUndefined();
  });
});
