// Transient dependency failures are named (issue 12, defect 3), so the ASL can retry them.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DescribeExecutionCommand, SFNClient } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nameNetworkFailures } from '#commons/clients/dependency-errors';
import { freePort } from '../../../../local/services/dynamodb-local.ts';

const credentials = { accessKeyId: 'unit', secretAccessKey: 'unit' };
const executionArn = 'arn:aws:states:us-east-1:000000000000:execution:m:e';
let answering: Server;

const clientAt = (endpoint: string) => nameNetworkFailures(new SFNClient({ endpoint, region: 'us-east-1', credentials, maxAttempts: 1 }), 'Step Functions');

describe('Function: nameNetworkFailures', () => {
  beforeAll(async () => {
    answering = createServer((_request, response) => {
      response.writeHead(400, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-errortype': 'ExecutionDoesNotExist' });
      response.end(JSON.stringify({ __type: 'ExecutionDoesNotExist', message: 'no such execution' }));
    });
    await new Promise<void>((resolve) => answering.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    await new Promise((resolve) => answering.close(resolve));
  });

  it('rethrows a refused connection as DependencyUnavailable, naming the dependency', async () => {
    // Prepare: a port nothing listens on.
    const client = clientAt(`http://127.0.0.1:${await freePort()}`);

    // Act
    const failure = await client.send(new DescribeExecutionCommand({ executionArn })).then(
      () => undefined,
      (error: unknown) => error as Error,
    );
    client.destroy();

    // Assess
    expect(failure?.name).toBe('DependencyUnavailable');
    expect(failure?.message).toContain('Step Functions could not be reached (ECONNREFUSED)');
  });

  it("leaves the service's own errors as they are", async () => {
    // Prepare
    const client = clientAt(`http://127.0.0.1:${(answering.address() as AddressInfo).port}`);

    // Act
    const failure = await client.send(new DescribeExecutionCommand({ executionArn })).then(
      () => undefined,
      (error: unknown) => error as Error,
    );
    client.destroy();

    // Assess
    expect(failure?.name).toBe('ExecutionDoesNotExist');
  });
});
