// Cycle records written straight into the table with the data layer's key shapes (BatchWrite, 25
// at a time): a board with hundreds of cycles in a second, without walking any execution. Used by
// the board's integration test and bench/board.bench.ts.
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { cycleKey, cycleListingSortKey, cyclesOfNetworkPartition } from '../../functions/commons/helpers/table-keys.ts';

const STAGES = ['self-review', 'peer-review-scheduling', 'manual-allocation', 'visit', 'peer-ratings', 'factual-accuracy', 'committee-decision'] as const;
const DAY_MS = 86_400_000;

interface SeedOptions {
  networkId: string;
  count: number;
  /** The workflow's "now": deadlines and last changes are spread around it. */
  now: Date;
  cohorts?: readonly string[];
  prefix?: string;
}

/** A deterministic spread: every 7th cycle overdue, every 5th untouched for 30 days, stages in turn. */
const seededCycle = (options: SeedOptions, index: number) => {
  const cohorts = options.cohorts ?? ['c1', 'c2', 'c3', 'c4'];
  const cohortId = cohorts[index % cohorts.length];
  const stage = STAGES[index % STAGES.length];
  const serviceId = `${options.prefix ?? 'seed'}-${String(index).padStart(4, '0')}`;
  const cycleId = `${cohortId}--${serviceId}`;
  const overdue = index % 7 === 3;
  const deadline = new Date(options.now.getTime() + (overdue ? -(1 + (index % 5)) : 2 + (index % 40)) * DAY_MS).toISOString();
  const updatedAt = new Date(options.now.getTime() - (index % 5 === 0 ? 30 : index % 3) * DAY_MS).toISOString();
  return {
    ...cycleKey(cycleId),
    itemType: 'cycle',
    gsi1pk: cyclesOfNetworkPartition(options.networkId),
    gsi1sk: cycleListingSortKey(cohortId, stage, cycleId),
    cycleId,
    serviceId,
    serviceName: `Ward ${String((index * 7919) % 10_000).padStart(4, '0')}`,
    organisationId: `org-${index % 50}`,
    networkId: options.networkId,
    networkName: 'Seeded network',
    cohortId,
    membershipType: 'accreditation',
    startDate: '2025-01-06',
    stage,
    status: overdue ? 'overdue' : 'awaiting-submission',
    currentDeadline: deadline,
    executionArn: `arn:aws:states:us-east-1:000000000000:execution:seeded:${cycleId}`,
    // What a real cycle also carries, so a read that does not project pays for it.
    timetable: STAGES.map((milestone, step) => ({ stage: milestone, startsOn: '2025-01-06', dueOn: `2025-0${1 + step}-28` })),
    contacts: { serviceLead: [`lead@${serviceId}.example.org`], committee: ['committee@example.org'] },
    createdAt: '2025-01-06T09:00:00.000Z',
    updatedAt,
  };
};

/** Writes one BatchWrite of up to 25 items, again with whatever DynamoDB hands back unprocessed. */
const writeBatch = async (table: DynamoDBDocumentClient, tableName: string, items: readonly Record<string, unknown>[]) => {
  let requests: Record<string, unknown[]> | undefined = { [tableName]: items.map((Item) => ({ PutRequest: { Item } })) };
  while (requests && Object.keys(requests).length > 0) {
    const result = await table.send(new BatchWriteCommand({ RequestItems: requests as never }));
    requests = result.UnprocessedItems as Record<string, unknown[]> | undefined;
  }
};

const PARALLEL_BATCHES = 4;

const seedCycles = async (table: DynamoDBDocumentClient, tableName: string, options: SeedOptions) => {
  const items = Array.from({ length: options.count }, (_unused, index) => seededCycle(options, index));
  const batches = Array.from({ length: Math.ceil(items.length / 25) }, (_unused, index) => items.slice(index * 25, index * 25 + 25));
  for (let start = 0; start < batches.length; start += PARALLEL_BATCHES) {
    await Promise.all(batches.slice(start, start + PARALLEL_BATCHES).map((batch) => writeBatch(table, tableName, batch)));
  }
  return items;
};

export { seedCycles };
export type { SeedOptions };
