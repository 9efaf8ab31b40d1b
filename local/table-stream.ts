// Feeds the application table's stream to a stream-triggered function, as a Lambda event source
// mapping does on AWS: DynamoDB Local keeps a real DynamoDB stream, read here with the DynamoDB
// Streams API from the oldest record (TRIM_HORIZON) on, filtered as the catalogue says, in order
// per shard, and a batch's failed records retried (from the first failure) until they succeed.
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  ListStreamsCommand,
  ExpiredIteratorException,
} from '@aws-sdk/client-dynamodb-streams';
import type { _Record as StreamRecord } from '@aws-sdk/client-dynamodb-streams';

interface StreamFilter {
  eventName: string;
  sortKeyPrefix: string;
}

type StreamInvoke = (event: { Records: unknown[] }) => Promise<unknown>;

interface TableStreamOptions {
  endpoint: string;
  region: string;
  tableName: string;
  filter: StreamFilter;
  invoke: StreamInvoke;
  /** Pause between polls of an idle shard, and before retrying failed records. */
  pollMs?: number;
  log?: (message: string, error?: unknown) => void;
}

interface TableStreamReader {
  /** Resolves once every record on the stream when called has been handed to the function and succeeded. */
  drain(): Promise<void>;
  stop(): Promise<void>;
}

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const matches = (record: StreamRecord, filter: StreamFilter): boolean => {
  const sortKey = record.dynamodb?.Keys?.sk;
  return record.eventName === filter.eventName && sortKey !== undefined && 'S' in sortKey && String(sortKey.S).startsWith(filter.sortKeyPrefix);
};

/** The sequence numbers of the records the function reported as failed (ReportBatchItemFailures). */
const failedIds = (response: unknown): string[] => {
  const failures = (response as { batchItemFailures?: Array<{ itemIdentifier?: string }> } | null)?.batchItemFailures ?? [];
  return failures.map((failure) => String(failure.itemIdentifier));
};

const startTableStream = async (options: TableStreamOptions): Promise<TableStreamReader> => {
  const pollMs = options.pollMs ?? 100;
  const log = options.log ?? ((message, error) => console.warn(`[table-stream] ${message}`, error instanceof Error ? error.message : ''));
  const client = new DynamoDBStreamsClient({ endpoint: options.endpoint, region: options.region, credentials });
  const { Streams = [] } = await client.send(new ListStreamsCommand({ TableName: options.tableName }));
  const streamArn = Streams[0]?.StreamArn;
  if (!streamArn) throw new Error(`Table ${options.tableName} has no stream; local/app-table.ts enables one`);

  let stopped = false;
  /** Passes over the shards begun so far, and the last one that found no record: `drain()` compares them. */
  let passesBegun = 0;
  let lastEmptyPass = -1;
  const iterators = new Map<string, string | undefined>();

  const toEvent = (records: StreamRecord[]) => ({
    Records: records.map((record) => ({ ...record, eventSourceARN: streamArn })),
  });

  /** Hands the records to the function until none fails; returns once all have succeeded (or on stop). */
  const deliver = async (records: StreamRecord[]): Promise<void> => {
    let remaining = records;
    while (remaining.length > 0 && !stopped) {
      let failed: string[];
      try {
        failed = failedIds(await options.invoke(toEvent(remaining)));
      } catch (error) {
        log('the stream function failed; retrying the batch', error);
        failed = [String(remaining[0].dynamodb?.SequenceNumber)];
      }
      if (failed.length === 0) return;
      // As Lambda does with ReportBatchItemFailures: resume from the first failed record.
      const first = remaining.findIndex((record) => failed.includes(String(record.dynamodb?.SequenceNumber)));
      remaining = first < 0 ? [] : remaining.slice(first);
      await sleep(pollMs * 5);
    }
  };

  const refreshShards = async () => {
    const { StreamDescription } = await client.send(new DescribeStreamCommand({ StreamArn: streamArn }));
    for (const shard of StreamDescription?.Shards ?? []) {
      if (!shard.ShardId || iterators.has(shard.ShardId)) continue;
      const { ShardIterator } = await client.send(
        new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shard.ShardId, ShardIteratorType: 'TRIM_HORIZON' }),
      );
      iterators.set(shard.ShardId, ShardIterator);
    }
  };

  const pollOnce = async (): Promise<boolean> => {
    await refreshShards();
    let found = false;
    for (const [shardId, iterator] of iterators) {
      if (!iterator || stopped) continue;
      try {
        const { Records = [], NextShardIterator } = await client.send(new GetRecordsCommand({ ShardIterator: iterator }));
        const wanted = Records.filter((record) => matches(record, options.filter));
        if (wanted.length > 0) {
          found = true;
          await deliver(wanted);
        }
        iterators.set(shardId, NextShardIterator);
      } catch (error) {
        if (!(error instanceof ExpiredIteratorException)) throw error;
        iterators.delete(shardId);
      }
    }
    return found;
  };

  const loop = (async () => {
    while (!stopped) {
      const pass = passesBegun;
      passesBegun += 1;
      try {
        if (!(await pollOnce())) lastEmptyPass = pass;
      } catch (error) {
        if (!stopped) log('reading the stream failed; trying again', error);
      }
      await sleep(pollMs);
    }
  })();

  return {
    drain: async () => {
      // A pass begun after the call that found nothing: every record written before it was delivered.
      const after = passesBegun;
      while (!stopped && lastEmptyPass < after) await sleep(pollMs / 2);
    },
    stop: async () => {
      stopped = true;
      await loop;
      client.destroy();
    },
  };
};

export { startTableStream };
export type { StreamFilter, TableStreamReader };
