// A counting proxy in front of DynamoDB Local for the cycle bench (issue 14): every request the
// local parts send is forwarded unchanged and counted by who sent it (the table it names: the
// application's, the local runtime's own store, the local scheduler's; DynamoDB Streams reads
// apart, since AWS does not bill a Lambda trigger's stream reads), by operation.
//
// Units, as AWS on-demand would bill them:
// - read units: DynamoDB Local's own ConsumedCapacity (the proxy asks for TOTAL), which follows
//   the 4 KB / eventually-consistent-halves rule; transactional reads doubled;
// - write units: computed from item sizes, because DynamoDB Local neither doubles transactional
//   writes nor reports the index writes of a transaction. The proxy reads each written item before
//   and after (its own reads go straight to DynamoDB Local and are not counted): the table costs
//   ceil(max(before, after) / 1 KB) (x2 in a transaction, a ConditionCheck included), each index
//   the item is or was in costs ceil(projected size / 1 KB) per index item written or deleted,
//   nothing when the projected image did not change.
import { createServer } from 'node:http';
import type { IncomingMessage, Server } from 'node:http';

type Item = Record<string, AttributeValue>;
interface AttributeValue {
  S?: string;
  N?: string;
  B?: string;
  BOOL?: boolean;
  NULL?: boolean;
  M?: Item;
  L?: AttributeValue[];
  SS?: string[];
  NS?: string[];
  BS?: string[];
}

interface IndexShape {
  name: string;
  keys: string[];
  /** undefined: ALL */
  projected?: string[];
}
interface TableShape {
  keys: string[];
  indexes: IndexShape[];
}

interface Tally {
  requests: Record<string, number>;
  /** Items written inside TransactWriteItems / BatchWriteItem. */
  batchedItems: number;
  readUnits: number;
  writeUnits: number;
  indexWriteUnits: number;
  /** Requests and write units by operation and the kinds of item it names (`UpdateItem STATE`). */
  detail: Record<string, { requests: number; writeUnits: number }>;
  /**
   * The same by invocation, for requests that name theirs in the INVOCATION_HEADER (the cycle bench
   * sets it on the application's client): by the invocation's label, how many invocations, and per
   * operation line.
   */
  byInvocation: Record<string, InvocationTally>;
  /** The largest image written so far, in bytes, by kind of item (`STATE`, `TASK`), with its largest attributes. */
  largestWritten: Record<string, number>;
  largestAttributes: Record<string, Record<string, number>>;
}

interface InvocationTally {
  invocations: Set<string>;
  requests: number;
  readUnits: number;
  writeUnits: number;
  lines: Record<string, number>;
}

/** `<label>|<invocation id>`: who sent a request, when the sender says so. */
const INVOCATION_HEADER = 'x-bench-invocation';

const emptyTally = (): Tally => ({ requests: {}, batchedItems: 0, readUnits: 0, writeUnits: 0, indexWriteUnits: 0, detail: {}, byInvocation: {}, largestWritten: {}, largestAttributes: {} });

const utf8 = (text: string) => Buffer.byteLength(text, 'utf8');
const numberSize = (text: string) => Math.ceil(text.replace(/^-/, '').replace(/^0+\.?|\.|e.*$/gi, '').length / 2) + 1;

/** DynamoDB's item-size rules (names + values; a map or list 3 bytes + 1 per element). */
const valueSize = (value: AttributeValue): number => {
  if (value.S !== undefined) return utf8(value.S);
  if (value.N !== undefined) return numberSize(value.N);
  if (value.B !== undefined) return Buffer.from(value.B, 'base64').length;
  if (value.BOOL !== undefined || value.NULL !== undefined) return 1;
  if (value.M) return 3 + Object.entries(value.M).reduce((sum, [name, inner]) => sum + utf8(name) + valueSize(inner) + 1, 0);
  if (value.L) return 3 + value.L.reduce((sum, inner) => sum + valueSize(inner) + 1, 0);
  if (value.SS) return value.SS.reduce((sum, text) => sum + utf8(text), 0);
  if (value.NS) return value.NS.reduce((sum, text) => sum + numberSize(text), 0);
  if (value.BS) return value.BS.reduce((sum, text) => sum + Buffer.from(text, 'base64').length, 0);
  return 0;
};
const itemSize = (item: Item | undefined) => (item ? Object.entries(item).reduce((sum, [name, value]) => sum + utf8(name) + valueSize(value), 0) : 0);
const writeUnitsOf = (bytes: number) => Math.max(1, Math.ceil(bytes / 1024));

const projection = (item: Item | undefined, table: TableShape, index: IndexShape): Item | undefined => {
  if (!item || index.keys.some((key) => item[key] === undefined)) return undefined;
  if (!index.projected) return item;
  const names = new Set([...table.keys, ...index.keys, ...index.projected]);
  return Object.fromEntries(Object.entries(item).filter(([name]) => names.has(name)));
};

const stable = (item: Item | undefined) => JSON.stringify(item, (_key, value) => (value && typeof value === 'object' && !Array.isArray(value) ? Object.fromEntries(Object.entries(value).sort()) : value));

const indexWriteUnits = (before: Item | undefined, after: Item | undefined, table: TableShape): number =>
  table.indexes.reduce((sum, index) => {
    const old = projection(before, table, index);
    const next = projection(after, table, index);
    if (stable(old) === stable(next)) return sum;
    const sameKeys = old && next && index.keys.every((key) => stable(old[key] as Item) === stable(next[key] as Item));
    if (sameKeys) return sum + writeUnitsOf(itemSize(next));
    return sum + (old ? writeUnitsOf(itemSize(old)) : 0) + (next ? writeUnitsOf(itemSize(next)) : 0);
  }, 0);

/** Who sent a request: the table it names, or the stream reader. */
const ownerOf = (target: string, body: Record<string, any>): string => {
  if (target.startsWith('DynamoDBStreams')) return 'streams';
  const names = new Set<string>();
  if (typeof body.TableName === 'string') names.add(body.TableName);
  for (const entry of body.TransactItems ?? []) for (const part of Object.values(entry) as { TableName?: string }[]) if (part.TableName) names.add(part.TableName);
  for (const name of Object.keys(body.RequestItems ?? {})) names.add(name);
  return [...names].join('+') || 'other';
};

interface Write {
  table: string;
  key: Item;
  /** The new item of a Put (its size is known without reading it back). */
  transactional: boolean;
}

const writesOf = (operation: string, body: Record<string, any>, shapeOf: (table: string) => TableShape): Write[] => {
  const keyOf = (table: string, item: Item) => Object.fromEntries(shapeOf(table).keys.map((key) => [key, item[key]]));
  switch (operation) {
    case 'PutItem':
      return [{ table: body.TableName, key: keyOf(body.TableName, body.Item), transactional: false }];
    case 'UpdateItem':
    case 'DeleteItem':
      return [{ table: body.TableName, key: body.Key, transactional: false }];
    case 'TransactWriteItems':
      return (body.TransactItems as Record<string, any>[]).map((entry) => {
        const [kind, part] = Object.entries(entry)[0] as [string, Record<string, any>];
        return { table: part.TableName, key: kind === 'Put' ? keyOf(part.TableName, part.Item) : part.Key, transactional: true };
      });
    case 'BatchWriteItem':
      return Object.entries(body.RequestItems as Record<string, Record<string, any>[]>).flatMap(([table, requests]) =>
        requests.map((request) => ({ table, key: request.PutRequest ? keyOf(table, request.PutRequest.Item) : request.DeleteRequest.Key, transactional: false })),
      );
    default:
      return [];
  }
};

/** The kind of item a key names: its sort key up to the first `#` (`STATE`, `TASK`, `AUDIT`). */
const kindOf = (key: Item): string => {
  const sortKey = Object.entries(key).find(([name]) => name === 'sk' || name.startsWith(':'))?.[1]?.S ?? '?';
  return sortKey.split('#')[0];
};

const READS = new Set(['GetItem', 'Query', 'Scan', 'BatchGetItem', 'TransactGetItems']);

interface DynamoDbMeter {
  endpoint: string;
  /** Tallies by owner (table name, `streams`), since the last reset. */
  tallies(): Record<string, Tally>;
  reset(): void;
  stop(): Promise<void>;
}

const readBody = (request: IncomingMessage): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });

const startDynamoDbMeter = async (upstream: string): Promise<DynamoDbMeter> => {
  let tallies: Record<string, Tally> = {};
  const shapes = new Map<string, TableShape>();
  const call = async (operation: string, body: unknown) => {
    const response = await fetch(upstream, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': `DynamoDB_20120810.${operation}`, authorization: 'AWS4-HMAC-SHA256 Credential=local/20250101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0' },
      body: JSON.stringify(body),
    });
    return (await response.json()) as Record<string, any>;
  };
  const shapeOf = async (table: string): Promise<TableShape> => {
    const known = shapes.get(table);
    if (known) return known;
    const { Table } = await call('DescribeTable', { TableName: table });
    const shape: TableShape = {
      keys: (Table?.KeySchema ?? []).map((key: { AttributeName: string }) => key.AttributeName),
      indexes: (Table?.GlobalSecondaryIndexes ?? []).map((index: Record<string, any>) => ({
        name: index.IndexName,
        keys: index.KeySchema.map((key: { AttributeName: string }) => key.AttributeName),
        projected: index.Projection.ProjectionType === 'ALL' ? undefined : (index.Projection.NonKeyAttributes ?? []),
      })),
    };
    if (shape.keys.length > 0) shapes.set(table, shape);
    return shape;
  };
  const images = (writes: Write[]) => Promise.all(writes.map(async (write) => (await call('GetItem', { TableName: write.table, Key: write.key, ConsistentRead: true })).Item as Item | undefined));

  const server: Server = createServer(async (request, response) => {
    try {
      const raw = await readBody(request);
      const target = String(request.headers['x-amz-target'] ?? '');
      const operation = target.split('.')[1] ?? 'unknown';
      const body = raw.length > 0 ? (JSON.parse(raw.toString('utf8')) as Record<string, any>) : {};
      const owner = ownerOf(target, body);
      const tally = (tallies[owner] ??= emptyTally());
      const sender = String(request.headers[INVOCATION_HEADER] ?? '');
      const [label, invocationId] = sender ? [sender.slice(0, sender.lastIndexOf('|')), sender.slice(sender.lastIndexOf('|') + 1)] : ['(no invocation)', ''];
      const counted = !target.startsWith('DynamoDBStreams') && !/Table|Tables|TimeToLive/.test(operation);
      if (counted) tally.requests[operation] = (tally.requests[operation] ?? 0) + 1;
      if (operation === 'TransactWriteItems') tally.batchedItems += body.TransactItems.length;
      if (READS.has(operation) && !body.ReturnConsumedCapacity) body.ReturnConsumedCapacity = 'TOTAL';
      // Shapes resolved first: writesOf needs each table's key names.
      const tables = operation === 'BatchWriteItem' ? Object.keys(body.RequestItems) : operation === 'TransactWriteItems' ? body.TransactItems.map((entry: Record<string, { TableName: string }>) => Object.values(entry)[0].TableName) : [body.TableName];
      if (counted) for (const table of tables) if (table) await shapeOf(table);
      const writes = counted ? writesOf(operation, body, (table) => shapes.get(table) as TableShape) : [];
      if (operation === 'BatchWriteItem') tally.batchedItems += writes.length;
      const before = await images(writes);
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(request.headers)) if (typeof value === 'string' && !['content-length', 'host', INVOCATION_HEADER].includes(name)) headers[name] = value;
      const forwarded = await fetch(upstream, { method: request.method, headers, body: request.method === 'GET' ? undefined : JSON.stringify(body) });
      const answer = Buffer.from(await forwarded.arrayBuffer());
      const invocation = counted ? (tally.byInvocation[label] ??= { invocations: new Set(), requests: 0, readUnits: 0, writeUnits: 0, lines: {} }) : undefined;
      if (invocation) {
        if (invocationId) invocation.invocations.add(invocationId);
        invocation.requests += 1;
      }
      if (counted && READS.has(operation) && forwarded.ok) {
        const parsed = JSON.parse(answer.toString('utf8')) as { ConsumedCapacity?: { CapacityUnits?: number } | { CapacityUnits?: number }[] };
        const consumed = [parsed.ConsumedCapacity ?? []].flat().reduce((sum, entry) => sum + (entry.CapacityUnits ?? 0), 0);
        tally.readUnits += operation === 'TransactGetItems' ? consumed * 2 : consumed;
        if (invocation) invocation.readUnits += operation === 'TransactGetItems' ? consumed * 2 : consumed;
      }
      const after = await images(writes);
      const kinds = writes.length > 0 ? writes.map((write) => kindOf(write.key)) : [kindOf(body.Key ?? body.ExpressionAttributeValues ?? {})];
      const line = (tally.detail[`${operation} ${kinds.join('+')}${body.IndexName ? ` (${body.IndexName})` : ''}`] ??= { requests: 0, writeUnits: 0 });
      if (counted) line.requests += 1;
      if (invocation) {
        const name = `${operation} ${kinds.join('+')}${body.IndexName ? ` (${body.IndexName})` : ''}`;
        invocation.lines[name] = (invocation.lines[name] ?? 0) + 1;
      }
      writes.forEach((write, index) => {
        const size = Math.max(itemSize(before[index]), itemSize(after[index]));
        const kind = kindOf(write.key);
        if (size > (tally.largestWritten[kind] ?? 0)) {
          tally.largestWritten[kind] = size;
          const image = (itemSize(after[index]) >= itemSize(before[index]) ? after[index] : before[index]) ?? {};
          tally.largestAttributes[kind] = Object.fromEntries(Object.entries(image).map(([name, value]) => [name, utf8(name) + valueSize(value)]));
        }
        const units = writeUnitsOf(size) * (write.transactional ? 2 : 1);
        const indexUnits = indexWriteUnits(before[index], after[index], shapes.get(write.table) as TableShape);
        tally.writeUnits += units;
        tally.indexWriteUnits += indexUnits;
        line.writeUnits += units + indexUnits;
        if (invocation) invocation.writeUnits += units + indexUnits;
      });
      response.writeHead(forwarded.status, Object.fromEntries([...forwarded.headers].filter(([name]) => !['content-length', 'content-encoding', 'transfer-encoding', 'connection'].includes(name))));
      response.end(answer);
    } catch (error) {
      response.writeHead(502, { 'content-type': 'text/plain' });
      response.end(`dynamodb-meter: ${(error as Error).message}`);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    tallies: () => tallies,
    reset: () => {
      tallies = {};
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};

export { INVOCATION_HEADER, emptyTally, itemSize, startDynamoDbMeter };
export type { DynamoDbMeter, InvocationTally, Tally };
