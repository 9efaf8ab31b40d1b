// The network overview's data: GET /networks/{id}/overview (the sums are the domain core's,
// src/network-overview.ts) and the networks a staff member may pick from.
import type { Compliance, DeadlineWeeks, StageCount } from '#core/network-overview';
import type { Api } from './client.ts';

interface NetworkSummary {
  networkId: string;
  name: string;
}

interface NetworkOverview {
  networkId: string;
  networkName: string;
  cohortId?: string;
  cohorts: string[];
  today: string;
  cycles: number;
  stages: StageCount[];
  deadlines: DeadlineWeeks;
  compliance: Compliance & { thresholds: Record<string, number> };
}

interface OverviewPage {
  networks: NetworkSummary[];
  overview?: NetworkOverview;
}

/** The chosen network's overview, or the first network's when none is chosen; none when no network is loaded. */
const loadOverview = async (api: Api, networkId: string | undefined, cohortId: string | undefined): Promise<OverviewPage> => {
  const { body } = await api.get<{ networks: NetworkSummary[] }>('/networks');
  const networks = [...body.networks].sort((a, b) => a.name.localeCompare(b.name));
  const chosen = networkId ?? networks[0]?.networkId;
  if (!chosen) return { networks };
  const { body: overview } = await api.get<NetworkOverview>(`/networks/${encodeURIComponent(chosen)}/overview`, { cohortId });
  return { networks, overview };
};

export { loadOverview };
export type { NetworkOverview, NetworkSummary, OverviewPage };
