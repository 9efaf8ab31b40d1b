// A network's standards versions. A version that fits in one item is stored inline in its header
// item (one read, as every network's catalogue today); a larger one is split into chunk items under
// the same version key, each well under DynamoDB's 400 KB item limit. The chunks are written first
// and the header, which names how many there are, last, in the caller's transaction: a crash in
// between leaves chunks no reader looks at, never half a version, and an import of the same content
// writes the same items again (the versionId is a content hash).
import { BatchWriteCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Standard, StandardsSet } from '#core/standards';
import { documentClient } from '../clients/dynamodb.ts';
import { tableName } from '../env.ts';
import { StandardsIncompleteError } from '../errors.ts';
import type { StandardsRecord } from '../helpers/records.ts';
import { standardsChunkKey, standardsChunkPrefix, standardsKey } from '../helpers/table-keys.ts';
import { queryAll } from './query.ts';

/**
 * Bytes of standards (as JSON) per item. With the core's field limits one standard is at most
 * about 19 KB, so an item stays under 220 KB: half the 400 KB limit, with room for attribute names.
 */
const CHUNK_BYTES = 200_000;
/** BatchWriteItem takes 25 items a call. */
const BATCH_ITEMS = 25;
/** BatchWriteItem may leave items unprocessed under throttling; they are sent again with a backoff. */
const BATCH_ATTEMPTS = 8;

interface StandardsHeader extends Omit<StandardsRecord, 'standards'> {
  /** Inline when the version fits one item (and for every version stored before chunks existed). */
  standards?: Standard[];
  /** How many chunk items hold the standards, when not inline. */
  chunks?: number;
  count?: number;
}

interface StandardsChunk {
  versionId: string;
  index: number;
  standards: Standard[];
}

/** Splits the standards, in file order, into parts of at most CHUNK_BYTES of JSON. */
const chunksOf = (standards: readonly Standard[]): Standard[][] => {
  const chunks: Standard[][] = [];
  let current: Standard[] = [];
  let bytes = 0;
  for (const standard of standards) {
    const size = Buffer.byteLength(JSON.stringify(standard));
    if (current.length > 0 && bytes + size > CHUNK_BYTES) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(standard);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const batchPut = async (items: Record<string, unknown>[]): Promise<void> => {
  for (let start = 0; start < items.length; start += BATCH_ITEMS) {
    let requests = items.slice(start, start + BATCH_ITEMS).map((Item) => ({ PutRequest: { Item } }));
    for (let attempt = 1; requests.length > 0; attempt += 1) {
      if (attempt > BATCH_ATTEMPTS) throw new Error(`DynamoDB left ${requests.length} standards parts unwritten after ${BATCH_ATTEMPTS} attempts`);
      if (attempt > 1) await sleep(50 * 2 ** attempt);
      const { UnprocessedItems } = await documentClient.send(new BatchWriteCommand({ RequestItems: { [tableName]: requests } }));
      requests = (UnprocessedItems?.[tableName] ?? []) as typeof requests;
    }
  }
};

/**
 * Writes a version's chunks when it needs them, and answers the Put of its header for the caller's
 * transaction (with the network's pointer to it and its audit event). The header goes last.
 */
const standardsHeaderPut = async (networkId: string, set: StandardsSet, at: Date) => {
  const chunks = chunksOf(set.standards);
  const { standards, ...described } = set;
  const header = { ...standardsKey(networkId, set.versionId), itemType: 'standards', networkId, ...described, count: standards.length, importedAt: at.toISOString() };
  if (chunks.length <= 1) return { Put: { TableName: tableName, Item: { ...header, standards } } };
  await batchPut(
    chunks.map((part, index) => ({ ...standardsChunkKey(networkId, set.versionId, index), itemType: 'standards-chunk', networkId, versionId: set.versionId, index, standards: part })),
  );
  return { Put: { TableName: tableName, Item: { ...header, chunks: chunks.length } } };
};

/** Whether the version is stored: its header exists (chunks without a header are not a version). */
const standardsStored = async (networkId: string, versionId: string): Promise<boolean> => {
  const { Item } = await documentClient.send(new GetCommand({ TableName: tableName, Key: standardsKey(networkId, versionId), ProjectionExpression: 'pk', ConsistentRead: true }));
  return Item !== undefined;
};

/** One standards version, whole: the header, then (for a large version) its chunks in order. */
const getStandards = async (networkId: string, versionId: string): Promise<StandardsRecord | undefined> => {
  const { Item } = await documentClient.send(new GetCommand({ TableName: tableName, Key: standardsKey(networkId, versionId), ConsistentRead: true }));
  const header = Item as StandardsHeader | undefined;
  if (header === undefined) return undefined;
  const { chunks: expected, count: _count, standards, ...described } = header;
  if (standards !== undefined) return { ...described, standards };
  const items = (await queryAll({
    TableName: tableName,
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': standardsKey(networkId, versionId).pk, ':prefix': standardsChunkPrefix(versionId) },
    ConsistentRead: true,
  })) as unknown as StandardsChunk[];
  // A version id that begins with this one's chunk prefix is a different version, and an index past
  // the header's count is left from an attempt chunked otherwise: keep only the parts the header names.
  const parts = items.filter((item) => item.versionId === versionId && item.index < (expected ?? 0)).sort((a, b) => a.index - b.index);
  if (parts.length !== expected) throw new StandardsIncompleteError(networkId, versionId, expected ?? 0, parts.length);
  return { ...described, standards: parts.flatMap((part) => part.standards) };
};

export { CHUNK_BYTES, chunksOf, getStandards, standardsHeaderPut, standardsStored };
