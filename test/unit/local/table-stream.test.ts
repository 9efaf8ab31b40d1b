// The local stream reader's place-keeping, against a scripted DynamoDB Streams API: shard rollover
// (a child shard read only once its parent is read to its end), an iterator that expires while a
// batch is being delivered, and records trimmed before they were read. DynamoDB Local rolls shards
// over only after 4 hours and expires iterators after 15 minutes, so these cases are scripted here;
// test/integration/table-stream.test.ts reads DynamoDB Local itself.
import {
  DescribeStreamCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  ListStreamsCommand,
} from '@aws-sdk/client-dynamodb-streams';
import type { _Record as StreamRecord } from '@aws-sdk/client-dynamodb-streams';
import { describe, expect, it } from 'vitest';
import { startTableStream, type StreamsApi } from '../../../local/table-stream.ts';

const STREAM_ARN = 'arn:aws:dynamodb:us-east-1:000000000000:table/t/stream/1';
const filter = { eventName: 'INSERT', sortKeyPrefix: 'HANDOVER#' };

interface FakeShard {
  id: string;
  parent?: string;
  /** Sequence numbers of the shard's records; a record with a negative number is one the filter drops. */
  records: number[];
  closed: boolean;
}

const awsError = (name: string) => Object.assign(new Error(name), { name });
const pad = (n: number) => String(n).padStart(21, '0');

/** A DynamoDB stream as the Streams API shows it: pages of up to Limit records, iterators that expire, a trim point. */
class FakeStream {
  shards: FakeShard[] = [];
  /** Iterators handed out before this generation have expired. */
  expiredBefore = 0;
  /** Iterators handed out so far. */
  generation = 0;
  /** Records below this sequence number are trimmed. */
  trimPoint = 0;
  readonly calls: string[] = [];

  private iterator(shard: string, from: number) {
    this.generation += 1;
    return JSON.stringify({ shard, from, generation: this.generation });
  }

  private record(seq: number): StreamRecord {
    const n = Math.abs(seq);
    return { eventName: 'INSERT', dynamodb: { SequenceNumber: pad(n), Keys: { pk: { S: `P${n}` }, sk: { S: seq < 0 ? `TASK#${n}` : `HANDOVER#${n}` } } } };
  }

  readonly client: StreamsApi = {
    destroy: () => undefined,
    send: (async (command: unknown) => {
      if (command instanceof ListStreamsCommand) return { Streams: [{ StreamArn: STREAM_ARN }] };
      if (command instanceof DescribeStreamCommand) {
        return { StreamDescription: { StreamArn: STREAM_ARN, Shards: this.shards.map((shard) => ({ ShardId: shard.id, ParentShardId: shard.parent })) } };
      }
      if (command instanceof GetShardIteratorCommand) {
        const { ShardId, ShardIteratorType, SequenceNumber } = command.input;
        this.calls.push(`${ShardIteratorType} ${ShardId}${SequenceNumber ? ` ${Number(SequenceNumber)}` : ''}`);
        if (ShardIteratorType === 'TRIM_HORIZON') return { ShardIterator: this.iterator(String(ShardId), this.trimPoint) };
        const from = Number(SequenceNumber) + 1;
        if (from < this.trimPoint) throw awsError('TrimmedDataAccessException');
        return { ShardIterator: this.iterator(String(ShardId), from) };
      }
      if (command instanceof GetRecordsCommand) {
        const { shard: shardId, from, generation } = JSON.parse(String(command.input.ShardIterator)) as { shard: string; from: number; generation: number };
        if (generation < this.expiredBefore) throw awsError('ExpiredIteratorException');
        if (from < this.trimPoint) throw awsError('TrimmedDataAccessException');
        const shard = this.shards.find((one) => one.id === shardId);
        if (!shard) throw awsError('ResourceNotFoundException');
        const rest = shard.records.filter((seq) => Math.abs(seq) >= from);
        const page = rest.slice(0, command.input.Limit ?? 1000);
        const next = page.length > 0 ? Math.abs(page.at(-1) ?? 0) + 1 : from;
        const ended = shard.closed && rest.length === page.length;
        return { Records: page.map((seq) => this.record(seq)), NextShardIterator: ended ? undefined : this.iterator(shardId, next) };
      }
      throw new Error(`unexpected command ${String(command)}`);
    }) as StreamsApi['send'],
  };
}

const startReader = async (stream: FakeStream, pageSize: number, onBatch?: (sequences: number[]) => void) => {
  const delivered: number[] = [];
  const logs: string[] = [];
  const reader = await startTableStream({
    endpoint: 'http://unused',
    region: 'us-east-1',
    tableName: 't',
    filter,
    pollMs: 5,
    pageSize,
    client: stream.client,
    log: (message) => logs.push(message),
    invoke: async (event) => {
      const sequences = (event.Records as StreamRecord[]).map((record) => Number(record.dynamodb?.SequenceNumber));
      onBatch?.(sequences);
      delivered.push(...sequences);
      return { batchItemFailures: [] };
    },
  });
  return { reader, delivered, logs };
};

describe('local table stream: keeping its place', () => {
  it('reads a child shard only after its parent is read to its end, whatever order DescribeStream lists them in', async () => {
    const stream = new FakeStream();
    stream.shards = [
      { id: 'child', parent: 'parent', records: [6, 7, 8], closed: false },
      { id: 'parent', records: [1, 2, 3, 4, 5], closed: true },
    ];
    const { reader, delivered, logs } = await startReader(stream, 2);
    try {
      await reader.drain();
      expect(delivered).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
      // A later rollover: the child closes, a grandchild takes new records.
      stream.shards[0].records.push(9);
      stream.shards[0].closed = true;
      stream.shards.unshift({ id: 'grandchild', parent: 'child', records: [10, 11], closed: false });
      await reader.drain();
      expect(delivered).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
      expect(logs).toEqual([]);
    } finally {
      await reader.stop();
    }
  });

  it('after an iterator expires during a delivery, goes on just after the last record processed: none twice, none skipped', async () => {
    const stream = new FakeStream();
    // Records the filter drops (negative) move the place on too.
    stream.shards = [{ id: 'only', records: [1, -2, 3, 4, -5, -6, 7, 8], closed: false }];
    let batches = 0;
    const { reader, delivered, logs } = await startReader(stream, 3, () => {
      batches += 1;
      // Each delivery outlasts the iterators handed out so far (15 minutes on AWS).
      stream.expiredBefore = stream.generation + 1;
    });
    try {
      await reader.drain();
      expect(delivered).toEqual([1, 3, 4, 7, 8]);
      expect(batches).toBeGreaterThan(1);
      expect(stream.calls.filter((call) => call.startsWith('AFTER_SEQUENCE_NUMBER')).length).toBeGreaterThan(0);
      expect(logs).toEqual([]);
    } finally {
      await reader.stop();
    }
  });

  it('when records were trimmed before they were read, says so and goes on from the oldest record left', async () => {
    const stream = new FakeStream();
    stream.shards = [{ id: 'only', records: [1, 2, 3], closed: false }];
    const { reader, delivered, logs } = await startReader(stream, 3);
    try {
      await reader.drain();
      expect(delivered).toEqual([1, 2, 3]);
      // 4 and 5 are written and trimmed (24 hours) before the reader gets to them.
      stream.shards[0].records.push(4, 5, 6, 7);
      stream.trimPoint = 6;
      await reader.drain();
      expect(delivered).toEqual([1, 2, 3, 6, 7]);
      expect(logs).toEqual([expect.stringContaining('trimmed')]);
    } finally {
      await reader.stop();
    }
  });

  it('gets a new iterator from the oldest record when one taken from an empty shard reads as trimmed (DynamoDB Local)', async () => {
    const stream = new FakeStream();
    stream.shards = [{ id: 'only', records: [], closed: false }];
    const { reader, delivered, logs } = await startReader(stream, 2);
    try {
      await reader.drain();
      // Other tables' writes moved the numbering on: this shard's first record is 5, its iterator still at 0.
      stream.shards[0].records.push(5, 6, 7);
      stream.trimPoint = 5;
      await reader.drain();
      expect(delivered).toEqual([5, 6, 7]);
      expect(logs).toEqual([]);
    } finally {
      await reader.stop();
    }
  });
});
