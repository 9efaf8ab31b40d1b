// Issue 14, fewer requests per cycle: a network's configuration versions never change once
// written, so a warm container reads each version once (helpers/records.ts); the network's own
// item, whose current version moves with each load, is never kept.
import '../../../support/function-env.ts';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { configOfCycle } from '#commons/helpers/networks';
import { CONFIG_VERSION_CACHE_SIZE, getNetwork, getNetworkConfigVersion } from '#commons/helpers/records';
import { networkConfigVersionKey, networkKey } from '#commons/helpers/table-keys';

const dynamo = mockClient(DynamoDBDocumentClient);
const versionItem = (networkId: string, version: number) => ({
  ...networkConfigVersionKey(networkId, version),
  networkId,
  configVersion: version,
  configHash: `hash-${version}`,
  config: { marker: `${networkId}@${version}` },
  standardsVersionId: 'v1',
  loadedAt: '2026-01-01T00:00:00.000Z',
  loadedBy: 'test',
});
const reads = () => dynamo.commandCalls(GetCommand).map((call) => call.args[0].input.Key);

describe('Function: network configuration versions read once per container', () => {
  beforeEach(() => {
    dynamo.reset();
    dynamo.on(GetCommand).callsFake(({ Key }: { Key: { pk: string; sk: string } }) => {
      const [, networkId] = Key.pk.split('#');
      const version = Number(Key.sk.split('#')[1]);
      return { Item: Key.sk.startsWith('CONFIG_VERSION#') && networkId !== 'missing' ? versionItem(networkId, version) : undefined };
    });
  });

  it('reads a version from DynamoDB the first time only', async () => {
    // Act
    const first = await getNetworkConfigVersion('net-once', 1);
    const second = await getNetworkConfigVersion('net-once', 1);
    // Assess
    expect(second).toEqual(first);
    expect(second?.config).toEqual({ marker: 'net-once@1' });
    expect(reads()).toEqual([networkConfigVersionKey('net-once', 1)]);
  });

  it('reads another version, and the same version of another network, from DynamoDB', async () => {
    // Act
    await getNetworkConfigVersion('net-other', 1);
    const two = await getNetworkConfigVersion('net-other', 2);
    const elsewhere = await getNetworkConfigVersion('net-elsewhere', 1);
    // Assess
    expect(two?.config).toEqual({ marker: 'net-other@2' });
    expect(elsewhere?.config).toEqual({ marker: 'net-elsewhere@1' });
    expect(reads()).toEqual([networkConfigVersionKey('net-other', 1), networkConfigVersionKey('net-other', 2), networkConfigVersionKey('net-elsewhere', 1)]);
  });

  it('does not keep a version it did not find', async () => {
    // Act
    await getNetworkConfigVersion('missing', 1);
    await getNetworkConfigVersion('missing', 1);
    // Assess
    expect(reads()).toHaveLength(2);
  });

  it('never keeps the network item itself: its current version changes with each load', async () => {
    // Act
    await getNetwork('net-current');
    await getNetwork('net-current');
    // Assess
    expect(reads()).toEqual([networkKey('net-current'), networkKey('net-current')]);
  });

  it('keeps at most a bounded number of versions, dropping the oldest', async () => {
    // Prepare
    for (let version = 1; version <= CONFIG_VERSION_CACHE_SIZE + 1; version += 1) await getNetworkConfigVersion('net-many', version);
    dynamo.resetHistory();
    // Act
    await getNetworkConfigVersion('net-many', CONFIG_VERSION_CACHE_SIZE + 1);
    await getNetworkConfigVersion('net-many', 1);
    // Assess
    expect(reads()).toEqual([networkConfigVersionKey('net-many', 1)]);
  });

  it("gives a step the cycle's configuration from its version, without reading the network item", async () => {
    // Act
    const first = await configOfCycle({ networkId: 'net-cycle', networkConfigVersion: 3 });
    const again = await configOfCycle({ networkId: 'net-cycle', networkConfigVersion: 3 });
    // Assess
    expect(first).toEqual({ config: { marker: 'net-cycle@3' } });
    expect(again).toEqual(first);
    expect(reads()).toEqual([networkConfigVersionKey('net-cycle', 3)]);
  });
});
