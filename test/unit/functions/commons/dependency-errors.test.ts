// Transient dependency failures are named and retried (issue 12, defect 3): the client renaming
// and the ASL retrier that matches those names on every Lambda task.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DescribeExecutionCommand, SFNClient } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRANSIENT_ERROR_NAMES, nameNetworkFailures } from '#commons/clients/dependency-errors';
import { freePort } from '../../../../local/services/dynamodb-local.ts';
import { accreditationCycleDefinitionPath } from '../../../../statemachines/substitutions.ts';

interface TaskState {
  Type: string;
  Resource?: string;
  Retry?: { ErrorEquals: string[]; MaxAttempts?: number }[];
}
const definition = JSON.parse(readFileSync(accreditationCycleDefinitionPath, 'utf8')) as { States: Record<string, TaskState> };
const lambdaTasks = Object.entries(definition.States).filter(([, state]) => state.Resource?.startsWith('arn:aws:states:::lambda:invoke'));
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

describe('State machine: accreditation-cycle retries transient dependency failures', () => {
  it.each(lambdaTasks.map(([name, state]) => ({ name, state })))('Lambda task $name retries exactly the transient names', ({ state }) => {
    // Assess
    const retrier = state.Retry?.find((candidate) => candidate.ErrorEquals.includes('DependencyUnavailable'));
    expect(retrier?.ErrorEquals).toEqual([...TRANSIENT_ERROR_NAMES]);
    expect(retrier?.MaxAttempts).toBeGreaterThanOrEqual(3);
  });
});
