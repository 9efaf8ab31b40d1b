// Networks as the set-up page needs them: the networks loaded (GET /networks), one network's
// current configuration version (GET /networks/{id}), the cycles running on each version
// (GET /cycles), and the load itself (PUT /networks/{id}: a dry run with the timetable, or the save).
import { ApiError } from './client.ts';
import type { Api } from './client.ts';

interface NetworkListing {
  networkId: string;
  name: string;
}

interface NetworkShown {
  networkId: string;
  name: string;
  configVersion: number;
  standardsVersionId?: string;
}

interface TimetableMilestone {
  stage: string;
  opensOn: string;
  dueOn: string;
}

interface DryRunAnswer {
  networkId: string;
  name: string;
  membershipTypes: string[];
  standards: { versionId: string; count: number; byType: Record<string, number> };
  reviewers?: number;
  warnings: string[];
  currentConfigVersion?: number;
  startDate: string;
  timetables: { membershipType: string; milestones: TimetableMilestone[] }[];
}

interface SaveAnswer {
  /** `loaded`, or `unchanged` when the same files were loaded before (nothing new is made). */
  result: string;
  configVersion: number;
  standardsVersionId: string;
  warnings: string[];
}

/** What the PUT carries: network.yaml as parsed, the standards CSV as text, reviewers.json as parsed. */
interface NetworkLoadBody {
  network: { fileName: string; config: unknown };
  standards?: { fileName: string; text: string };
  reviewers?: { fileName: string; content: unknown };
  startDate?: string;
}

const networkPath = (networkId: string) => `/networks/${encodeURIComponent(networkId)}`;

const listNetworks = async (api: Api): Promise<NetworkListing[]> => (await api.get<{ networks: NetworkListing[] }>('/networks')).body.networks;

/** The network as stored, or undefined when it has never been loaded. */
const showNetwork = async (api: Api, networkId: string): Promise<NetworkShown | undefined> => {
  try {
    return (await api.get<NetworkShown>(networkPath(networkId))).body;
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return undefined;
    throw error;
  }
};

const CLOSED: ReadonlySet<string> = new Set(['accredited', 'not-accredited', 'report-issued', 'withdrawn', 'failed']);

/** How many of the network's running cycles started on each configuration version. */
const runningCyclesByVersion = async (api: Api, networkId: string): Promise<Map<number, number>> => {
  const { body } = await api.get<{ cycles: { status: string; networkConfigVersion?: number }[] }>('/cycles', { networkId });
  const counts = new Map<number, number>();
  for (const cycle of body.cycles.filter((candidate) => !CLOSED.has(candidate.status))) {
    // A cycle started before versions existed runs on version 1.
    const version = cycle.networkConfigVersion ?? 1;
    counts.set(version, (counts.get(version) ?? 0) + 1);
  }
  return counts;
};

const dryRunLoad = async (api: Api, networkId: string, body: NetworkLoadBody): Promise<DryRunAnswer> =>
  (await api.put<DryRunAnswer>(networkPath(networkId), { ...body, dryRun: true })).body;

const saveLoad = async (api: Api, networkId: string, body: NetworkLoadBody): Promise<SaveAnswer> => {
  const { startDate: _startDate, ...files } = body;
  return (await api.put<SaveAnswer>(networkPath(networkId), { ...files, dryRun: false })).body;
};

export { dryRunLoad, listNetworks, runningCyclesByVersion, saveLoad, showNetwork };
export type { DryRunAnswer, NetworkListing, NetworkLoadBody, NetworkShown, SaveAnswer, TimetableMilestone };
