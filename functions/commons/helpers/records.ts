// Typed readers for the records the handlers share. Reads are strongly consistent because a
// handler usually reads what the previous state of the same execution has just written.
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../clients/dynamodb.ts';
import { CycleNotFoundError } from '../errors.ts';
import { tableName } from '../env.ts';
import { allocationKey, cycleKey, networkConfigVersionKey, networkKey, reportKey, serviceKey, taskKey, timetableKey } from './table-keys.ts';
import type { Reviewer, TeamMember } from '#core/allocation-rules';
import type { Exclusion, Shortfall } from '#core/allocation';
import type { Reason } from '#core/decision';
import type { Correction } from '#core/report-corrections';
import type { NetworkConfig } from '#core/network-config';
import type { Standard } from '#core/standards';
import type { Milestone as CoreMilestone } from '#core/timetable';
import type { CycleStatus, Outcome, MembershipType, TaskPhase, TaskStatus } from '#core/vocabulary';
import { AllocationStatus, readAllocation } from '../data/allocation.ts';
import { readCycle } from '../data/cycle.ts';
import { noteAuditSequence } from '../data/transaction.ts';
import { readService } from '../data/service.ts';
import { readTask } from '../data/task.ts';

/** A timetable milestone: the core's dry run, reminders included (its own item, data-model.md). */
type Milestone = CoreMilestone;
/** What the cycle item keeps of each milestone: the planned deadline the deadline rules start from. */
type PlannedMilestone = Pick<CoreMilestone, 'stage' | 'dueOn'>;

interface NetworkRecord {
  networkId: string;
  name: string;
  committeeEmail: string;
  /** The network's staff mailbox (manual allocation, escalations); the committee's when not given. */
  staffEmail?: string;
  /** The network configuration as the domain core parsed it. */
  config: NetworkConfig;
  /** The standards set new cycles start with (see StandardsRecord). */
  standardsVersionId?: string;
  /** The configuration version new cycles start with; each load adds one (see NetworkConfigVersionRecord). */
  configVersion?: number;
  /** sha256 of the configuration: a load of the same files makes no new version. */
  configHash?: string;
}

/** One loaded network configuration, kept for as long as a cycle may have started with it. */
interface NetworkConfigVersionRecord {
  networkId: string;
  configVersion: number;
  configHash: string;
  config: NetworkConfig;
  standardsVersionId: string;
  loadedAt: string;
  loadedBy: string;
}

/** One version of a network's standards, kept for as long as a cycle may refer to it (read whole by data/standards.ts). */
interface StandardsRecord {
  networkId: string;
  version: string;
  versionId: string;
  contentHash: string;
  standards: Standard[];
  importedAt: string;
}

interface ServiceRecord {
  serviceId: string;
  name: string;
  organisationId: string;
  networkId: string;
  membershipType: MembershipType;
  leadEmail: string;
  /** The organisation's QI lead: the second rung of the escalation ladder after a missed deadline. */
  qiLeadEmail?: string;
  createdAt: string;
}

/** A reviewer in a network's pool: the core's allocation view plus how to reach them. */
interface ReviewerRecord extends Reviewer {
  networkId: string;
  name: string;
  email: string;
  updatedAt: string;
}

/** A pool reviewer as allocation reads it (data/reviewer-pool.ts poolForAllocation). */
type PoolReviewer = Omit<ReviewerRecord, 'networkId' | 'updatedAt'>;

interface CycleRecord {
  cycleId: string;
  serviceId: string;
  serviceName: string;
  organisationId?: string;
  networkId: string;
  networkName: string;
  cohortId: string;
  membershipType: MembershipType;
  startDate: string;
  /** A follow-up cycle's predecessor (src/renewal.ts): the cycle whose action plan its self-review shows, read by key. */
  previousCycleId?: string;
  /** The standards version the cycle started with: ratings and the report use exactly these. */
  standardsVersionId?: string;
  /** The network configuration version the cycle started with (absent: version 1, from before versions). */
  networkConfigVersion?: number;
  /** The planned deadlines only; the whole timetable is its own item (getTimetable), written once. */
  timetable: PlannedMilestone[];
  /** Current deadline (ISO instant, end of a UK day) of each callback stage; moved by extensions and rebooking. */
  deadlines?: Record<string, string>;
  stage: string;
  status: CycleStatus;
  currentDeadline?: string;
  executionArn: string;
  /** The execution this one took the cycle over from (resumeAt); its open tasks are superseded. */
  previousExecutionArn?: string;
  /** `leadReviewer`: written with each allocation of the team (allocate-review-team), for the reminders reviewers are owed. */
  contacts: { serviceLead: string[]; committee: string[]; networkStaff?: string[]; organisationQiLead?: string[]; leadReviewer?: string[] };
  visitDate?: string;
  /** How many times a visit was booked (the .ics SEQUENCE of the next invitation). */
  visitBookings?: number;
  recommendation?: { outcome: string | null; reasons: string[] };
  decision?: Outcome;
  decisionReason?: string;
  decidedOn?: string;
  decidedBy?: string;
  deferrals?: number;
  appeals?: number;
  interimReviewOn?: string;
  renewalOn?: string;
  withdrawnAt?: string;
  withdrawnBy?: string;
  withdrawalReason?: string;
  lastOccurrenceId?: string;
  /** The last resume requested (POST /cycles/{id}/resume): a repeat of it is recognised, not started again. */
  lastResume?: LastResume;
  welcomeEmailSentAt?: string;
  notifiedOccurrences?: string[];
  createdAt: string;
  updatedAt: string;
}

interface LastResume {
  resumeAt: string;
  reason: string;
  /** The execution driving the cycle when the resume was recorded (stopped once the new one has started). */
  fromExecutionArn: string;
  /** The new execution: its name is derived from the request, so a retry starts the same one. */
  executionArn: string;
  requestedAt: string;
  requestedBy: string;
}

interface TaskRecord {
  cycleId: string;
  stage: string;
  status: TaskStatus;
  phase?: TaskPhase;
  token: string;
  tokenHash: string;
  executionArn: string;
  dueAt: string;
  openedAt: string;
  nextReminderOn?: string;
  notifiedTokenHash?: string;
  /** The deadline the stage email was last sent for: a resumed execution does not send it again. */
  notifiedDueAt?: string;
  /** The deadline an extension recorded on this token (the reopened step carries it as its dueAt). */
  extendedTo?: string;
  /** On a step reopened by an extension: the deadline it replaced (its email announces the extension). */
  extendedFrom?: string;
  /** Names the sending of this round's opening emails: the round's first token hash (open-callback-task/opening.ts). */
  notifyKey?: string;
  submission?: Record<string, unknown>;
  submittedAt?: string;
  submittedBy?: string;
}


interface AllocationMember extends TeamMember {
  name: string;
  email: string;
}

/** The review team of one cycle's visit (or why none could be formed). */
interface AllocationRecord {
  cycleId: string;
  networkId: string;
  cohortId: string;
  hostServiceId: string;
  hostOrganisationId: string;
  status: AllocationStatus;
  offeredDates: string[];
  hostAddress?: string;
  date?: string;
  team: AllocationMember[];
  /** Reviewer ids who accepted their invitation. */
  acceptedBy: string[];
  /** Everyone who declined this visit (never asked again for it). */
  declinedBy?: string[];
  /** Who the next opening of the acceptance step invites; all of the team when absent (a replacement invites only the newcomer). */
  toInvite?: string[];
  allocatedBy: string;
  exclusions?: Exclusion[];
  shortfall?: Shortfall[];
  updatedAt: string;
}

/** The draft report (and, once the factual-accuracy check is closed, the final one). */
interface ReportRecord {
  cycleId: string;
  standardsVersionId: string;
  preparedOn: string;
  /** One line for emails: percentage met per standard type. */
  summary: string;
  scores: Record<string, { met: number; applicable: number; percentage: number | null; threshold: number | null }>;
  recommendation: { outcome: string | null; reasons: Reason[]; blockingStandardIds: string[] };
  html: string;
  text: string;
  /** Set when the factual-accuracy check closes: accepted, deemed accepted, or corrections. */
  factualAccuracy?: { outcome: string; respondedBy?: string; closedOn: string };
  /** The service's corrections per section (#core/report-corrections), once the report is corrected. */
  corrections?: Correction[];
  /**
   * `report-corrected` once the corrections are appended to html and text (the draft's words are
   * kept as they were, above them; a second copy of the draft could take the item past 400 KB).
   */
  version?: string;
  correctedOn?: string;
}

const getItem = async <T>(key: { pk: string; sk: string }): Promise<T | undefined> => {
  const { Item } = await documentClient.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }));
  return Item as T | undefined;
};

// Cycle, task, allocation and service items are checked as they are read (data/*.ts schemas).
const getCycle = async (cycleId: string) => {
  const item = await getItem<Record<string, unknown>>(cycleKey(cycleId));
  // The audit counter comes with the item: the step's next transaction need not read it again.
  // No item: no counter yet (0), so the transaction that records the cycle need not read it either.
  noteAuditSequence(cycleKey(cycleId).pk, item?.auditSeq);
  return readCycle(item);
};

/** The cycle a workflow step works on; a step for a cycle that does not exist fails as CycleNotFound. */
const requireCycle = async (cycleId: string): Promise<CycleRecord> => {
  const cycle = await getCycle(cycleId);
  if (!cycle) throw new CycleNotFoundError(cycleId);
  return cycle;
};
const getService = async (serviceId: string) => readService(await getItem<unknown>(serviceKey(serviceId)));
const getNetwork = (networkId: string) => getItem<NetworkRecord>(networkKey(networkId));
/**
 * A network's configuration versions are immutable once written (helpers/networks.ts puts each
 * with attribute_not_exists and nothing updates or deletes them), so a warm container keeps the
 * ones it has read, as Powertools' parameters cache does: a container reads a version once.
 * Never the network's own item, whose current version moves with each load. Bounded: the oldest
 * entry goes first. Only versions found are kept.
 */
const CONFIG_VERSION_CACHE_SIZE = 32;
const configVersions = new Map<string, NetworkConfigVersionRecord>();
const getNetworkConfigVersion = async (networkId: string, version: number): Promise<NetworkConfigVersionRecord | undefined> => {
  // The table name in the key: a process that talks to more than one table (tests) never mixes them.
  const cacheKey = `${tableName}|${networkId}|${version}`;
  const cached = configVersions.get(cacheKey);
  if (cached) return cached;
  const item = await getItem<NetworkConfigVersionRecord>(networkConfigVersionKey(networkId, version));
  if (item) {
    if (configVersions.size >= CONFIG_VERSION_CACHE_SIZE) configVersions.delete(configVersions.keys().next().value!);
    configVersions.set(cacheKey, item);
  }
  return item;
};
const getTask = async (cycleId: string, stage: string) => readTask(await getItem<unknown>(taskKey(cycleId, stage)));
const getAllocation = async (cycleId: string) => readAllocation(await getItem<unknown>(allocationKey(cycleId)));
const getReport = (cycleId: string) => getItem<ReportRecord>(reportKey(cycleId));
/** The cycle's whole timetable; a cycle recorded before it had its own item kept it on the cycle item. */
const getTimetable = async (cycle: Pick<CycleRecord, 'cycleId' | 'timetable'>): Promise<Milestone[]> =>
  (await getItem<{ timetable: Milestone[] }>(timetableKey(cycle.cycleId)))?.timetable ?? (cycle.timetable as Milestone[]);

/** Forgets the kept versions, as a cold start does: only for tests that rewrite a stored version in place. */
const forgetNetworkConfigVersions = (): void => configVersions.clear();

export { AllocationStatus, CONFIG_VERSION_CACHE_SIZE, forgetNetworkConfigVersions, getAllocation, getCycle, getNetwork, getNetworkConfigVersion, getReport, getService, getTask, getTimetable, requireCycle };
export type {
  AllocationMember,
  AllocationRecord,
  CycleRecord,
  LastResume,
  Milestone,
  NetworkConfigVersionRecord,
  NetworkRecord,
  PoolReviewer,
  ReportRecord,
  ReviewerRecord,
  ServiceRecord,
  StandardsRecord,
  TaskRecord,
};
