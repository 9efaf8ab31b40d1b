import '../../../support/function-env.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { draftReport } from '../../../../functions/draft-report/handler.ts';
import { addWorkingDays } from '#core/calendar';
import { parseStandardsCsv } from '#core/standards';
import { useClockSource, useSystemClock } from '#commons/clock';
import { StandardsNotFoundError } from '#commons/errors';
import { dueAtOf } from '#commons/helpers/stage-labels';
import { cycleKey, networkKey, standardsKey, taskKey } from '#commons/helpers/table-keys';
import { mockCyclePartition } from '../../../support/cycle-partition.ts';
import { EXECUTION_ARN, exampleNetworkDir, networkRecord, taskRecord } from '../../../support/function-fixtures.ts';
import { CYCLE_ID, cycleWithDeadlines } from '../../../support/workflow-fixtures.ts';

const dynamo = mockClient(DynamoDBDocumentClient);
const standards = parseStandardsCsv(readFileSync(join(exampleNetworkDir, 'standards.csv'), 'utf8'), 'standards.csv', { version: '2025.1' });
const TODAY = '2025-07-01';

const event = () => ({ cycleId: CYCLE_ID, executionArn: EXECUTION_ARN, occurrenceId: 'run/DraftReport@2025-07-01T09:00:00.000Z#9' });
const transactItems = () => dynamo.commandCalls(TransactWriteCommand)[0].args[0].input.TransactItems ?? [];
const peerRatings = (notMet: string[]) => standards.standards.map((standard) => ({ standardId: standard.id, rating: notMet.includes(standard.id) ? 'not-met' : 'met' }));
const typeOneIds = standards.standards.filter((standard) => standard.type === 1).map((standard) => standard.id);

const selfReviewTask = taskRecord({ status: 'submitted', submission: { ratings: { [typeOneIds[0]]: 'met', unknown: 'met' } } });

describe('Function: draft-report', () => {
  beforeEach(() => {
    dynamo.reset();
    dynamo.on(GetCommand).resolves({});
    dynamo.on(GetCommand, { Key: networkKey('ccqi-accreditation-example') }).resolves({ Item: networkRecord() });
    dynamo.on(GetCommand, { Key: standardsKey('ccqi-accreditation-example', standards.versionId) }).resolves({ Item: { networkId: 'ccqi-accreditation-example', ...standards, importedAt: '2025-01-01T00:00:00.000Z' } });
    mockCyclePartition(dynamo, CYCLE_ID, cycleWithDeadlines({ standardsVersionId: standards.versionId }), selfReviewTask);
    dynamo.on(TransactWriteCommand).resolves({});
    useClockSource(() => new Date(`${TODAY}T09:00:00.000Z`));
  });
  afterEach(() => useSystemClock());

  it.each([
    { notMet: [], outcome: 'accredited' },
    { notMet: [typeOneIds[0]], outcome: 'deferred' },
  ])('scores the ratings against the cycle\'s standards and recommends $outcome with its reasons', async ({ notMet, outcome }) => {
    // Prepare
    mockCyclePartition(dynamo, CYCLE_ID, cycleWithDeadlines({ standardsVersionId: standards.versionId }), selfReviewTask, taskRecord({ stage: 'peer-ratings', status: 'submitted', submission: { ratings: peerRatings(notMet) } }));

    // Act
    await draftReport(event());

    // Assess
    const [cycle, report, audit] = transactItems();
    expect(report.Put?.Item).toMatchObject({ standardsVersionId: standards.versionId, recommendation: { outcome } });
    expect(String(report.Put?.Item?.html)).toContain('<');
    expect(String(report.Put?.Item?.text)).toContain('Riverside Adolescent Unit');
    expect(audit.Put?.Item).toMatchObject({ type: 'draft-report-stored', detail: { recommendation: outcome } });
    const deadlines = Object.values(cycle.Update?.ExpressionAttributeValues ?? {}).find((value) => typeof value === 'object' && value !== null && 'factual-accuracy' in value) as Record<string, string>;
    expect(deadlines['factual-accuracy']).toBe(dueAtOf(addWorkingDays(TODAY, 10)));
  });

  it('gives a developmental member a report without a recommended outcome', async () => {
    // Prepare
    mockCyclePartition(dynamo, CYCLE_ID, cycleWithDeadlines({ standardsVersionId: standards.versionId, membershipType: 'developmental' }), selfReviewTask, taskRecord({ stage: 'peer-ratings', submission: { ratings: peerRatings([]) } }));

    // Act
    await draftReport(event());

    // Assess
    expect(transactItems()[1].Put?.Item).toMatchObject({ recommendation: { outcome: null } });
  });

  it('fails with StandardsNotFound when the standards version the cycle started with is not stored', async () => {
    // Prepare
    dynamo.on(GetCommand, { Key: standardsKey('ccqi-accreditation-example', standards.versionId) }).resolves({});

    // Act
    const result = draftReport(event());

    // Assess
    await expect(result).rejects.toThrow(StandardsNotFoundError);
  });
});
