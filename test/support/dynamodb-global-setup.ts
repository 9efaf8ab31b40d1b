// Vitest global setup: one DynamoDB Local (a JVM, seconds to start) per vitest worker, started
// when a test file of that worker first asks for it and stopped when the run ends, instead of one
// per test file. A test file gets its worker's endpoint through test/support/shared-dynamodb.ts
// and keeps to tables of its own (a name prefix per file), so files still do not see each other's
// data. Asked over a small HTTP endpoint on 127.0.0.1: the test files run in other processes.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal, type RunningDynamoDbLocal } from '../../local/services/dynamodb-local.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The URL test files ask for their worker's DynamoDB Local (see test/support/shared-dynamodb.ts). */
    dynamoDbBroker: string;
  }
}

const setup = async (project: TestProject) => {
  const running = new Map<string, Promise<RunningDynamoDbLocal>>();
  const server = createServer((request, response) => {
    const slot = /^\/dynamodb\/([0-9]{1,3})$/.exec(request.url ?? '')?.[1];
    if (request.method !== 'POST' || !slot) {
      response.writeHead(404).end();
      return;
    }
    let started = running.get(slot);
    if (!started) {
      started = startDynamoDbLocal();
      running.set(slot, started);
      // A failed start is not kept: the next file of the worker tries again.
      started.catch(() => running.delete(slot));
    }
    started.then(
      (dynamo) => response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ endpoint: dynamo.endpoint })),
      (error: unknown) => response.writeHead(503, { 'content-type': 'text/plain' }).end(error instanceof Error ? error.message : String(error)),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  project.provide('dynamoDbBroker', `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  return async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const stops = [...running.values()].map((started) => started.then((dynamo) => dynamo.stop(), () => undefined));
    await Promise.all(stops);
  };
};

export default setup;
