// Typed readers for the records the handlers share. Reads are strongly consistent because a
// handler usually reads what the previous state of the same execution has just written.
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../clients/dynamodb.ts';
import { tableName } from '../env.ts';
import { cycleKey, networkKey, serviceKey, taskKey } from './table-keys.ts';
import type { NetworkConfig } from '#core/network-config';
import type { Milestone as CoreMilestone } from '#core/timetable';
import type { CycleStatus, MembershipType, TaskStatus } from '../schemas/workflow.ts';

/** A timetable milestone as stored on the cycle: the core's dry run, reminders included. */
type Milestone = CoreMilestone;

interface NetworkRecord {
  networkId: string;
  name: string;
  committeeEmail: string;
  /** The network configuration as the domain core parsed it. */
  config: NetworkConfig;
}

interface ServiceRecord {
  serviceId: string;
  name: string;
  organisationId: string;
  networkId: string;
  membershipType: MembershipType;
  leadEmail: string;
  createdAt: string;
}

interface CycleRecord {
  cycleId: string;
  serviceId: string;
  serviceName: string;
  networkId: string;
  networkName: string;
  cohortId: string;
  membershipType: MembershipType;
  startDate: string;
  timetable: Milestone[];
  stage: string;
  status: CycleStatus;
  currentDeadline?: string;
  executionArn: string;
  /** The execution this one took the cycle over from (resumeAt); its open tasks are superseded. */
  previousExecutionArn?: string;
  contacts: { serviceLead: string[]; committee: string[] };
  decision?: string;
  decisionReason?: string;
  lastOccurrenceId?: string;
  welcomeEmailSentAt?: string;
  notifiedOccurrences?: string[];
  createdAt: string;
  updatedAt: string;
}

interface TaskRecord {
  cycleId: string;
  stage: string;
  status: TaskStatus;
  token: string;
  tokenHash: string;
  executionArn: string;
  dueAt: string;
  openedAt: string;
  nextReminderOn?: string;
  notifiedTokenHash?: string;
  submission?: Record<string, unknown>;
  submittedAt?: string;
  submittedBy?: string;
}

const getItem = async <T>(key: { pk: string; sk: string }): Promise<T | undefined> => {
  const { Item } = await documentClient.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }));
  return Item as T | undefined;
};

const getCycle = (cycleId: string) => getItem<CycleRecord>(cycleKey(cycleId));
const getService = (serviceId: string) => getItem<ServiceRecord>(serviceKey(serviceId));
const getNetwork = (networkId: string) => getItem<NetworkRecord>(networkKey(networkId));
const getTask = (cycleId: string, stage: string) => getItem<TaskRecord>(taskKey(cycleId, stage));

export { getCycle, getNetwork, getService, getTask };
export type { CycleRecord, Milestone, NetworkRecord, ServiceRecord, TaskRecord };
