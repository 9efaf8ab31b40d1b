// Counts every DynamoDB request this process sends, at the client: by table and operation, with
// the capacity units DynamoDB Local reports (each data request is sent with
// ReturnConsumedCapacity TOTAL). Both SDK client classes are wrapped, so the application's document
// client and the local runtime's store are counted alike; the table tells them apart.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { performance } from 'node:perf_hooks';

interface Tally {
  requests: number;
  byOperation: Map<string, number>;
  readUnits: number;
  writeUnits: number;
}

/** Document-client command names as the API operations they send. */
const operationNames: Record<string, string> = {
  Get: 'GetItem',
  Put: 'PutItem',
  Update: 'UpdateItem',
  Delete: 'DeleteItem',
  BatchGet: 'BatchGetItem',
  BatchWrite: 'BatchWriteItem',
  TransactGet: 'TransactGetItems',
  TransactWrite: 'TransactWriteItems',
};
const dataOperations = new Set(['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem', 'BatchGetItem', 'BatchWriteItem', 'TransactGetItems', 'TransactWriteItems', 'Query', 'Scan']);
const readOperations = new Set(['GetItem', 'BatchGetItem', 'TransactGetItems', 'Query', 'Scan']);

const operationOf = (command: object): string => {
  const name = command.constructor.name.replace(/Command$/, '');
  return operationNames[name] ?? name;
};

type Input = { TableName?: string; TransactItems?: Record<string, { TableName?: string }>[]; RequestItems?: Record<string, unknown> };
const tableOf = (input: Input): string =>
  input.TableName ??
  Object.values(input.TransactItems?.[0] ?? {})[0]?.TableName ??
  Object.keys(input.RequestItems ?? {})[0] ??
  '(none)';

type Capacity = { CapacityUnits?: number };
const unitsOf = (consumed: Capacity | Capacity[] | undefined): number =>
  (Array.isArray(consumed) ? consumed : consumed ? [consumed] : []).reduce((total, entry) => total + (entry.CapacityUnits ?? 0), 0);

const emptyTally = (): Tally => ({ requests: 0, byOperation: new Map(), readUnits: 0, writeUnits: 0 });
const tallies = new Map<string, Tally>();

const count = (table: string, operation: string, units: number) => {
  const tally = tallies.get(table) ?? emptyTally();
  tallies.set(table, tally);
  tally.requests += 1;
  tally.byOperation.set(operation, (tally.byOperation.get(operation) ?? 0) + 1);
  if (readOperations.has(operation)) tally.readUnits += units;
  else tally.writeUnits += units;
};

/** DynamoDB requests in flight over time: how much of the wall time the table was kept busy. */
const occupancy = { inFlight: 0, since: 0, busyMs: 0, weightedMs: 0 };
const moveInFlight = (by: number) => {
  const now = performance.now();
  if (occupancy.inFlight > 0) occupancy.busyMs += now - occupancy.since;
  occupancy.weightedMs += occupancy.inFlight * (now - occupancy.since);
  occupancy.since = now;
  occupancy.inFlight += by;
};
/** Time with at least one request in flight, and request-milliseconds in flight, so far. */
const occupancySnapshot = () => {
  moveInFlight(0);
  return { busyMs: occupancy.busyMs, weightedMs: occupancy.weightedMs };
};

let installed = false;
/** Wraps both client classes' send, once per process; call before the clients send anything. */
const installTally = (): void => {
  if (installed) return;
  installed = true;
  for (const client of [DynamoDBClient, DynamoDBDocumentClient]) {
    const original = client.prototype.send as (this: unknown, command: { input: Input & { ReturnConsumedCapacity?: string } }, ...rest: unknown[]) => Promise<unknown>;
    client.prototype.send = async function (this: unknown, command: { input: Input & { ReturnConsumedCapacity?: string } }, ...rest: unknown[]) {
      const operation = operationOf(command);
      if (!dataOperations.has(operation)) return original.call(this, command, ...rest);
      command.input.ReturnConsumedCapacity ??= 'TOTAL';
      let units = 0;
      moveInFlight(1);
      try {
        const output = (await original.call(this, command, ...rest)) as { ConsumedCapacity?: Capacity | Capacity[] };
        units = unitsOf(output?.ConsumedCapacity);
        return output;
      } finally {
        moveInFlight(-1);
        count(tableOf(command.input), operation, units);
      }
    } as never;
  }
};

/** A copy of the counts so far, by table. */
const snapshot = (): Map<string, Tally> =>
  new Map([...tallies].map(([table, tally]) => [table, { ...tally, byOperation: new Map(tally.byOperation) }]));

/** What happened between two snapshots, for one table. */
const since = (before: Map<string, Tally>, table: string): Tally => {
  const now = tallies.get(table) ?? emptyTally();
  const then = before.get(table) ?? emptyTally();
  return {
    requests: now.requests - then.requests,
    byOperation: new Map([...now.byOperation].map(([operation, n]) => [operation, n - (then.byOperation.get(operation) ?? 0)])),
    readUnits: now.readUnits - then.readUnits,
    writeUnits: now.writeUnits - then.writeUnits,
  };
};

export { installTally, occupancySnapshot, since, snapshot };
export type { Tally };
