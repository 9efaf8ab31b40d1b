// Storing a network (its configuration as the domain core parsed it, versioned) with its audit
// event. Used by the API's network load and by local start-up to load the example networks.
import { createHash } from 'node:crypto';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { NetworkConfig } from '#core/network-config';
import type { StandardsSet } from '#core/standards';
import { documentClient } from '../clients/dynamodb.ts';
import { tableName } from '../env.ts';
import { AuditEventType, auditEventItem } from '../data/audit.ts';
import { transactionConditionFailures } from './conditions.ts';
import { getStandards, standardsHeaderPut, standardsStored } from '../data/standards.ts';
import { getNetwork, getNetworkConfigVersion } from './records.ts';
import type { CycleRecord, NetworkRecord, StandardsRecord } from './records.ts';
import { networkCatalogueKeys, networkConfigVersionKey, networkKey } from './table-keys.ts';

/** A network as staff load it: the checked configuration and standards, and where to write to. */
interface NetworkLoad {
  networkId: string;
  name: string;
  committeeEmail: string;
  staffEmail?: string;
  config: NetworkConfig;
  standards: StandardsSet;
}

const NetworkLoadResult = { loaded: 'loaded', unchanged: 'unchanged' } as const;
type NetworkLoadResult = (typeof NetworkLoadResult)[keyof typeof NetworkLoadResult];

interface NetworkLoadOutcome {
  result: NetworkLoadResult;
  configVersion: number;
  previousConfigVersion?: number;
  standardsVersionId: string;
  standardsAdded: boolean;
}

/** Another load of the same network was committed between this one's read and its write. */
class NetworkLoadConflictError extends Error {
  constructor(networkId: string, options?: ErrorOptions) {
    super(`Network ${networkId} was loaded by someone else meanwhile; load it again`, options);
    this.name = 'NetworkLoadConflict';
  }
}

const hashConfig = (config: NetworkConfig): string => createHash('sha256').update(JSON.stringify(config)).digest('hex');

const versionItem = (load: Pick<NetworkLoad, 'networkId' | 'config'>, version: number, standardsVersionId: string | undefined, at: Date, actor: string) => ({
  Put: {
    TableName: tableName,
    Item: {
      ...networkConfigVersionKey(load.networkId, version),
      itemType: 'network-config',
      networkId: load.networkId,
      configVersion: version,
      configHash: hashConfig(load.config),
      config: load.config,
      ...(standardsVersionId && { standardsVersionId }),
      loadedAt: at.toISOString(),
      loadedBy: actor,
    },
    ConditionExpression: 'attribute_not_exists(pk)',
  },
});

/**
 * Loads (or reloads) a network: the configuration becomes a new version, kept beside the earlier
 * ones, and the one new cycles start with; a cycle keeps the version it started with (see
 * networkOfCycle). The standards version is added when new. One transaction with its audit event;
 * the same files loaded again change nothing. A network stored before versions existed keeps its
 * configuration as version 1, which is what its running cycles started with.
 */
const loadNetworkVersion = async (load: NetworkLoad, at: Date, actor: string): Promise<NetworkLoadOutcome> => {
  const key = networkKey(load.networkId);
  const current = await getNetwork(load.networkId);
  const configHash = hashConfig(load.config);
  const standardsVersionId = load.standards.versionId;
  const previousVersion = current ? (current.configVersion ?? 1) : undefined;
  const unchanged =
    current?.configVersion !== undefined && current.configHash === configHash && current.standardsVersionId === standardsVersionId &&
    current.name === load.name && current.committeeEmail === load.committeeEmail && current.staffEmail === load.staffEmail;
  if (unchanged) return { result: NetworkLoadResult.unchanged, configVersion: current.configVersion!, standardsVersionId, standardsAdded: false };
  const version = (previousVersion ?? 0) + 1;
  const standardsAdded = !(await standardsStored(load.networkId, standardsVersionId));
  const standardsPut = standardsAdded ? [await standardsHeaderPut(load.networkId, load.standards, at)] : [];
  const legacyVersion = current && current.configVersion === undefined ? [versionItem({ networkId: load.networkId, config: current.config }, 1, current.standardsVersionId, at, 'before-versions')] : [];
  try {
    await documentClient.send(
      new TransactWriteCommand({
        TransactItems: [
          ...legacyVersion,
          versionItem(load, version, standardsVersionId, at, actor),
          {
            Put: {
              TableName: tableName,
              Item: {
                ...key,
                itemType: 'network',
                networkId: load.networkId,
                name: load.name,
                committeeEmail: load.committeeEmail,
                ...(load.staffEmail && { staffEmail: load.staffEmail }),
                config: load.config,
                configVersion: version,
                configHash,
                standardsVersionId,
                ...networkCatalogueKeys(load.networkId),
                updatedAt: at.toISOString(),
              },
              // Nobody loaded it meanwhile: the version read above is still the current one.
              ConditionExpression: current === undefined ? 'attribute_not_exists(pk)' : current.configVersion === undefined ? 'attribute_exists(pk) AND attribute_not_exists(configVersion)' : 'configVersion = :previous',
              ...(current?.configVersion !== undefined && { ExpressionAttributeValues: { ':previous': current.configVersion } }),
            },
          },
          ...standardsPut,
          {
            Put: {
              TableName: tableName,
              Item: auditEventItem({
                entityPk: key.pk,
                type: AuditEventType.networkImported,
                at,
                actor,
                detail: { name: load.name, configVersion: version, previousConfigVersion: previousVersion, standardsVersionId, standardsAdded },
              }),
            },
          },
        ],
      }),
    );
  } catch (error) {
    if (transactionConditionFailures(error)) throw new NetworkLoadConflictError(load.networkId, { cause: error });
    throw error;
  }
  return { result: NetworkLoadResult.loaded, configVersion: version, ...(previousVersion !== undefined && { previousConfigVersion: previousVersion }), standardsVersionId, standardsAdded };
};

/**
 * The network as a cycle sees it: its configuration is the version the cycle started with, so a
 * reload changes no running cycle's windows, thresholds, reminders or review team.
 */
const networkOfCycle = async (cycle: Pick<CycleRecord, 'networkId' | 'networkConfigVersion'>): Promise<NetworkRecord | undefined> => {
  const network = await getNetwork(cycle.networkId);
  const version = cycle.networkConfigVersion ?? 1;
  if (!network || network.configVersion === undefined || network.configVersion === version) return network;
  const started = await getNetworkConfigVersion(cycle.networkId, version);
  return started ? { ...network, config: started.config } : network;
};

/**
 * The configuration a cycle started with, when that is all a step needs: read from the version item,
 * which a warm container keeps (helpers/records.ts), so a step no longer reads the network's own
 * item. A cycle recorded before versions existed, or whose version item is missing, reads it as
 * networkOfCycle does.
 */
const configOfCycle = async (cycle: Pick<CycleRecord, 'networkId' | 'networkConfigVersion'>): Promise<Pick<NetworkRecord, 'config'> | undefined> => {
  const started = cycle.networkConfigVersion === undefined ? undefined : await getNetworkConfigVersion(cycle.networkId, cycle.networkConfigVersion);
  if (started) return { config: started.config };
  const network = await networkOfCycle(cycle);
  return network && { config: network.config };
};

/**
 * Stores a standards version (chunked when large, see data/standards.ts; never overwritten: its versionId carries the content hash) and makes it
 * the one new cycles start with, with its audit event. Returns false when that version was stored already.
 */
const saveStandards = async (networkId: string, set: StandardsSet, at: Date, actor: string): Promise<boolean> => {
  const existing = await standardsStored(networkId, set.versionId);
  const standardsPut = existing ? [] : [await standardsHeaderPut(networkId, set, at)];
  await documentClient.send(
    new TransactWriteCommand({
      TransactItems: [
        ...standardsPut,
        {
          Update: {
            TableName: tableName,
            Key: networkKey(networkId),
            UpdateExpression: 'SET standardsVersionId = :versionId',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeValues: { ':versionId': set.versionId },
          },
        },
        {
          Put: {
            TableName: tableName,
            Item: auditEventItem({ entityPk: networkKey(networkId).pk, type: AuditEventType.standardsImported, at, actor, detail: { versionId: set.versionId, count: set.standards.length } }),
          },
        },
      ],
    }),
  );
  return !existing;
};

/**
 * The standards a cycle rates and reports against: the version it started with; for a cycle started
 * before its network had any standards imported, the network's current version.
 */
const standardsOfCycle = async (cycle: CycleRecord, network: Pick<NetworkRecord, 'standardsVersionId'> | undefined): Promise<StandardsRecord | undefined> => {
  const versionId = cycle.standardsVersionId ?? network?.standardsVersionId;
  return versionId ? getStandards(cycle.networkId, versionId) : undefined;
};

/** The same, reading the network only for a cycle that does not name its standards version (one recorded before cycles did). */
const cycleStandards = async (cycle: CycleRecord): Promise<StandardsRecord | undefined> =>
  standardsOfCycle(cycle, cycle.standardsVersionId ? undefined : await getNetwork(cycle.networkId));

export { NetworkLoadConflictError, NetworkLoadResult, configOfCycle, cycleStandards, loadNetworkVersion, networkOfCycle, saveStandards, standardsOfCycle };
export type { NetworkLoad, NetworkLoadOutcome };
