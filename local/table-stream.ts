// Feeds the application table's stream to a stream-triggered function, as a Lambda event source
// mapping does on AWS: DynamoDB Local keeps a real DynamoDB stream, read here with the DynamoDB
// Streams API from the oldest record (TRIM_HORIZON) on, filtered as the catalogue says, in order
// per shard (a child shard only once its parent is read to its end), and a batch's failed records
// retried (from the first failure) until they succeed.
//
// Like the event source mapping, the reader keeps its place as the sequence number of the last
// record it has processed (handed over, or dropped by the filter), not as an iterator: an iterator
// that expires (15 minutes after it was handed out) or reads before the trim point is replaced by
// one AFTER_SEQUENCE_NUMBER that record (TRIM_HORIZON if none yet), so no record is delivered
// twice or skipped. DynamoDB Local needs this: its sequence numbers count the writes to every
// table, and GetRecords answers TrimmedDataAccessException to an iterator positioned below the
// shard's oldest record, which is what TRIM_HORIZON hands out while the shard is still empty
// (the shard's starting sequence number) once any other table was written before this one.
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  ListStreamsCommand,
} from '@aws-sdk/client-dynamodb-streams';
import type { _Record as StreamRecord, Shard } from '@aws-sdk/client-dynamodb-streams';

interface StreamFilter {
  eventName: string;
  sortKeyPrefix: string;
}

type StreamInvoke = (event: { Records: unknown[] }) => Promise<unknown>;

/** The part of the DynamoDB Streams client the reader uses (a test can hand in its own). */
type StreamsApi = Pick<DynamoDBStreamsClient, 'send' | 'destroy'>;

interface TableStreamOptions {
  endpoint: string;
  region: string;
  tableName: string;
  filter: StreamFilter;
  invoke: StreamInvoke;
  /** Pause between polls of an idle stream, and before retrying failed records. */
  pollMs?: number;
  /** Most records per GetRecords (its Limit; DynamoDB Streams allows up to 1000, the default). */
  pageSize?: number;
  log?: (message: string, error?: unknown) => void;
  /** The Streams client to read with; by default one for `endpoint`. */
  client?: StreamsApi;
}

interface TableStreamReader {
  /** Resolves once every record on the stream when called has been handed to the function and succeeded. */
  drain(): Promise<void>;
  stop(): Promise<void>;
}

/** Where the reader is in one shard. */
interface ShardPlace {
  parentId?: string;
  /** The iterator to read with next; undefined: get one from `lastSequence`. */
  iterator?: string;
  /** Whether `iterator` came from GetShardIterator AFTER_SEQUENCE_NUMBER and has not read yet. */
  freshAfter: boolean;
  /** The sequence number of the last record processed (delivered or filtered out). */
  lastSequence?: string;
  /** Read to its end (closed, NextShardIterator null), or gone from the stream. */
  done: boolean;
}

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const errorName = (error: unknown) => (error instanceof Error ? error.name : '');

const matches = (record: StreamRecord, filter: StreamFilter): boolean => {
  const sortKey = record.dynamodb?.Keys?.sk;
  return record.eventName === filter.eventName && sortKey !== undefined && 'S' in sortKey && String(sortKey.S).startsWith(filter.sortKeyPrefix);
};

/** The sequence numbers of the records the function reported as failed (ReportBatchItemFailures). */
const failedIds = (response: unknown): string[] => {
  const failures = (response as { batchItemFailures?: Array<{ itemIdentifier?: string }> } | null)?.batchItemFailures ?? [];
  return failures.map((failure) => String(failure.itemIdentifier));
};

/** Parents before children: a shard's depth in its lineage, among the shards known. */
const lineageOrder = (places: Map<string, ShardPlace>): string[] => {
  const depth = (shardId: string, seen = new Set<string>()): number => {
    const parentId = places.get(shardId)?.parentId;
    if (!parentId || !places.has(parentId) || seen.has(parentId)) return 0;
    seen.add(shardId);
    return depth(parentId, seen) + 1;
  };
  return [...places.keys()].map((shardId, index) => ({ shardId, index, depth: depth(shardId) })).sort((a, b) => a.depth - b.depth || a.index - b.index).map(({ shardId }) => shardId);
};

const startTableStream = async (options: TableStreamOptions): Promise<TableStreamReader> => {
  const pollMs = options.pollMs ?? 100;
  const pageSize = options.pageSize ?? 1000;
  const log = options.log ?? ((message, error) => console.warn(`[table-stream] ${message}`, error instanceof Error ? error.message : ''));
  const client: StreamsApi = options.client ?? new DynamoDBStreamsClient({ endpoint: options.endpoint, region: options.region, credentials });
  const { Streams = [] } = await client.send(new ListStreamsCommand({ TableName: options.tableName }));
  const streamArn = Streams[0]?.StreamArn;
  if (!streamArn) throw new Error(`Table ${options.tableName} has no stream; local/app-table.ts enables one`);

  let stopped = false;
  /** Passes over the shards begun so far, and the last one that read every shard to its end: `drain()` compares them. */
  let passesBegun = 0;
  let lastCaughtUpPass = -1;
  const places = new Map<string, ShardPlace>();

  const toEvent = (records: StreamRecord[]) => ({
    Records: records.map((record) => ({ ...record, eventSourceARN: streamArn })),
  });

  /** Hands the records to the function until none fails; false if stopped first. */
  const deliver = async (records: StreamRecord[]): Promise<boolean> => {
    let remaining = records;
    while (remaining.length > 0) {
      if (stopped) return false;
      let failed: string[];
      try {
        failed = failedIds(await options.invoke(toEvent(remaining)));
      } catch (error) {
        log('the stream function failed; retrying the batch', error);
        failed = [String(remaining[0].dynamodb?.SequenceNumber)];
      }
      if (failed.length === 0) return true;
      // As Lambda does with ReportBatchItemFailures: resume from the first failed record.
      const first = remaining.findIndex((record) => failed.includes(String(record.dynamodb?.SequenceNumber)));
      remaining = first < 0 ? [] : remaining.slice(first);
      if (remaining.length > 0) await sleep(pollMs * 5);
    }
    return true;
  };

  const describeShards = async (): Promise<Shard[]> => {
    const shards: Shard[] = [];
    let ExclusiveStartShardId: string | undefined;
    do {
      const { StreamDescription } = await client.send(new DescribeStreamCommand({ StreamArn: streamArn, ExclusiveStartShardId }));
      shards.push(...(StreamDescription?.Shards ?? []));
      ExclusiveStartShardId = StreamDescription?.LastEvaluatedShardId;
    } while (ExclusiveStartShardId);
    return shards;
  };

  const refreshShards = async () => {
    const shards = await describeShards();
    const listed = new Set<string>();
    for (const shard of shards) {
      if (!shard.ShardId) continue;
      listed.add(shard.ShardId);
      if (!places.has(shard.ShardId)) places.set(shard.ShardId, { parentId: shard.ParentShardId, freshAfter: false, done: false });
    }
    // A shard past its 24 hours leaves the stream; its records went with it.
    for (const [shardId, place] of places) if (!listed.has(shardId)) place.done = true;
  };

  /** An iterator just after the last record processed, or at the oldest record if none was. */
  const iteratorFor = async (shardId: string, place: ShardPlace, from: 'last' | 'oldest'): Promise<void> => {
    const after = from === 'last' ? place.lastSequence : undefined;
    const { ShardIterator } = await client.send(
      new GetShardIteratorCommand(
        after
          ? { StreamArn: streamArn, ShardId: shardId, ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: after }
          : { StreamArn: streamArn, ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' },
      ),
    );
    place.iterator = ShardIterator;
    place.freshAfter = after !== undefined;
  };

  /** A lost place in the shard: the next iterator starts after the last record processed. */
  const trimmedNote = (shardId: string, place: ShardPlace) =>
    `records after ${place.lastSequence} in ${shardId} were trimmed before they were read; going on from the oldest record left`;

  /** Gets the shard an iterator if it has none; false if the shard has left the stream. */
  const ensureIterator = async (shardId: string, place: ShardPlace): Promise<boolean> => {
    if (place.iterator) return true;
    try {
      await iteratorFor(shardId, place, 'last');
    } catch (error) {
      if (errorName(error) === 'ResourceNotFoundException') return false;
      if (errorName(error) !== 'TrimmedDataAccessException') throw error;
      log(trimmedNote(shardId, place));
      await iteratorFor(shardId, place, 'oldest');
    }
    return true;
  };

  /**
   * One GetRecords on the shard (again with a new iterator if that one expired or was trimmed), its
   * wanted records delivered. True if the shard may hold more than was read (a full page, or stopped
   * before the end): a page short of the limit read the shard to its end as it stood then.
   */
  const readShard = async (shardId: string, place: ShardPlace): Promise<boolean> => {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      if (!(await ensureIterator(shardId, place))) {
        place.done = true;
        return false;
      }
      let page;
      try {
        page = await client.send(new GetRecordsCommand({ ShardIterator: place.iterator, Limit: pageSize }));
      } catch (error) {
        const name = errorName(error);
        if (name === 'ResourceNotFoundException') {
          place.done = true;
          return false;
        }
        if (name === 'ExpiredIteratorException') {
          place.iterator = undefined;
          continue;
        }
        if (name !== 'TrimmedDataAccessException') throw error;
        // Read again just after the last record processed (from the oldest record if none was);
        // if that place is itself trimmed, the records after it are lost: go on from the oldest left.
        if (place.freshAfter) {
          log(trimmedNote(shardId, place));
          await iteratorFor(shardId, place, 'oldest');
        } else place.iterator = undefined;
        continue;
      }
      const { Records = [], NextShardIterator } = page;
      const wanted = Records.filter((record) => matches(record, options.filter));
      if (wanted.length > 0 && !(await deliver(wanted))) return true;
      if (Records.length > 0) place.lastSequence = Records.at(-1)?.dynamodb?.SequenceNumber ?? place.lastSequence;
      place.iterator = NextShardIterator;
      place.freshAfter = false;
      // No next iterator: the shard is closed and read to its end; its children come next.
      if (!NextShardIterator) place.done = true;
      return Records.length >= pageSize;
    }
    throw new Error(`could not get a usable iterator for ${shardId}`);
  };

  /** One pass: each shard whose parent is read to its end (or unknown), parents first; whether any may hold more. */
  const pollOnce = async (): Promise<boolean> => {
    await refreshShards();
    let more = false;
    for (const shardId of lineageOrder(places)) {
      const place = places.get(shardId);
      if (!place || place.done || stopped) continue;
      const parent = place.parentId ? places.get(place.parentId) : undefined;
      if (parent && !parent.done) continue;
      if (await readShard(shardId, place)) more = true;
    }
    return more;
  };

  const loop = (async () => {
    while (!stopped) {
      const pass = passesBegun;
      passesBegun += 1;
      let more = false;
      try {
        more = await pollOnce();
        if (!more) lastCaughtUpPass = pass;
      } catch (error) {
        if (!stopped) log('reading the stream failed; trying again', error);
      }
      // Straight on while there is more to read; a pause once the stream is caught up.
      if (!more) await sleep(pollMs);
    }
  })();

  return {
    drain: async () => {
      // A pass begun after the call that read every shard to its end: every record written before it was processed.
      const after = passesBegun;
      while (!stopped && lastCaughtUpPass < after) await sleep(pollMs / 2);
    },
    stop: async () => {
      stopped = true;
      await loop;
      client.destroy();
    },
  };
};

export { startTableStream };
export type { StreamFilter, StreamsApi, TableStreamReader };
