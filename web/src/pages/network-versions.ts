// The networks loaded, each with the configuration version new cycles start with and how many
// running cycles are on each version: a reload makes a new version, and the cycles already
// running keep theirs (GET /networks, GET /networks/{id}, GET /cycles).
import { listNetworks, runningCyclesByVersion, showNetwork } from '../api/networks.ts';
import type { NetworkListing } from '../api/networks.ts';
import type { Api } from '../api/client.ts';
import { useApp } from '../app-context.ts';
import { LoadFailed } from '../components/load-failed.ts';
import { ScrollTable } from '../components/scroll-table.ts';
import { useLoad } from '../components/use-load.ts';
import { html } from '../html.ts';

interface NetworkVersion {
  networkId: string;
  name: string;
  /** Undefined when the network has never been loaded. */
  configVersion?: number;
  standardsVersionId?: string;
  /** Running cycles per configuration version. */
  running: Map<number, number>;
}

const loadNetworkVersions = (api: Api, networks: NetworkListing[]): Promise<NetworkVersion[]> =>
  Promise.all(
    networks.map(async ({ networkId, name }) => {
      const shown = await showNetwork(api, networkId);
      const running = shown ? await runningCyclesByVersion(api, networkId) : new Map<number, number>();
      return { networkId, name: shown?.name ?? name, configVersion: shown?.configVersion, standardsVersionId: shown?.standardsVersionId, running };
    }),
  );

const cycles = (count: number): string => `${count} running cycle${count === 1 ? '' : 's'}`;

/** "version 1: 3 running cycles; version 2: 1 running cycle", or that none are running. */
const runningText = (running: Map<number, number>): string =>
  running.size === 0
    ? 'no running cycles'
    : [...running.entries()]
        .sort(([a], [b]) => a - b)
        .map(([version, count]) => `version ${version}: ${cycles(count)}`)
        .join('; ');

const capitalised = (text: string): string => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;

/** What saving does to the versions: before saving, or (`saved`) after it. */
const versionSentence = (current: NetworkVersion | undefined, saved = false): string => {
  if (!current?.configVersion) return saved ? '' : 'Not loaded yet: saving makes version 1.';
  const keep = `Cycles already running keep the version they started with (${runningText(current.running)}).`;
  return saved ? keep : `Version ${current.configVersion} is in use. Saving makes version ${current.configVersion + 1} for new cycles (unless the files are the same as version ${current.configVersion}). ${keep}`;
};

const NetworkVersions = ({ saves }: { saves: number }) => {
  const { api } = useApp();
  const loaded = useLoad(async () => loadNetworkVersions(api, await listNetworks(api)), [saves]);
  if (loaded.state === 'loading') return html`<p class="nhsuk-body" role="status">Loading the networks…</p>`;
  if (loaded.state === 'failed') return html`<${LoadFailed} error=${loaded.error} />`;
  if (loaded.data.length === 0) return html`<p class="nhsuk-body">No network is loaded yet.</p>`;
  return html`<${ScrollTable} labelledBy="networks-caption"><table class="nhsuk-table">
    <caption class="nhsuk-table__caption nhsuk-table__caption--m" id="networks-caption">Networks loaded</caption>
    <thead class="nhsuk-table__head">
      <tr class="nhsuk-table__row">
        <th class="nhsuk-table__header" scope="col">Network</th>
        <th class="nhsuk-table__header" scope="col">Version for new cycles</th>
        <th class="nhsuk-table__header" scope="col">Standards</th>
        <th class="nhsuk-table__header" scope="col">Running cycles, by the version they keep</th>
      </tr>
    </thead>
    <tbody class="nhsuk-table__body">
      ${loaded.data.map(
        (network) => html`<tr class="nhsuk-table__row">
          <th class="nhsuk-table__header" scope="row">${network.name}<br /><span class="nhsuk-body-s nhsuk-u-secondary-text-colour">${network.networkId}</span></th>
          <td class="nhsuk-table__cell">${network.configVersion === undefined ? 'Not loaded' : `Version ${network.configVersion}`}</td>
          <td class="nhsuk-table__cell">${network.standardsVersionId ?? 'None'}</td>
          <td class="nhsuk-table__cell">${capitalised(runningText(network.running))}</td>
        </tr>`,
      )}
    </tbody>
  </table><//>`;
};

export { loadNetworkVersions, NetworkVersions, versionSentence };
export type { NetworkVersion };
