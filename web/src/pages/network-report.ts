// The network report of a cohort (issue 13): compliance per standard across the members, by type,
// the distribution of members' overall compliance and each member's position; named for staff,
// anonymised except for the reader's own service. Downloads as CSV (from the API) and as PDF: the
// browser prints the page with the print stylesheet (app.css, @media print), so no PDF library.
import { useState } from 'preact/hooks';
import { useApp } from '../app-context.ts';
import { LoadFailed } from '../components/load-failed.ts';
import { Page } from '../components/page.ts';
import { ScrollTable } from '../components/scroll-table.ts';
import { useLoad } from '../components/use-load.ts';
import { download } from '../export.ts';
import { html } from '../html.ts';
import { useLocation } from '../router.ts';

interface Report {
  networkName: string;
  cohortId: string;
  members: number;
  byType: { type: number; met: number; notMet: number; notApplicable: number; percentageMet: number | null }[];
  standards: { id: string; section: string; type: number; text: string; met: number; notMet: number; notApplicable: number; percentageMet: number | null; own?: string }[];
  distribution: { from: number; to: number; members: number }[];
  positions: { rank: number; label: string; own: boolean; percentageMet: number | null; byType: Record<string, number | null> }[];
}

const TYPE_LABELS: Record<number, string> = { 1: 'Type 1 (essential)', 2: 'Type 2 (expected)', 3: 'Type 3 (desirable)' };
const RATING_LABELS: Record<string, string> = { met: 'Met', 'not-met': 'Not met', 'not-applicable': 'Not applicable' };
const percent = (value: number | null) => (value === null ? 'n/a' : `${value}%`);

const NetworkReportPage = ({ networkId }: { networkId: string }) => {
  const { api, config, session } = useApp();
  const { query } = useLocation();
  const cohortId = query.get('cohortId') ?? '';
  const loaded = useLoad(async () => (await api.get<Report>(`/networks/${encodeURIComponent(networkId)}/report`, { cohortId })).body, [networkId, cohortId]);
  const [csvError, setCsvError] = useState<string | undefined>();
  const downloadCsv = async () => {
    const response = await fetch(`${config.apiBase}/networks/${encodeURIComponent(networkId)}/report?cohortId=${encodeURIComponent(cohortId)}&format=csv`, { headers: session.headers });
    if (!response.ok) return setCsvError(`The CSV could not be downloaded (HTTP ${response.status})`);
    setCsvError(undefined);
    download(`network-report-${networkId}-${cohortId}.csv`, 'text/csv', await response.text());
  };
  const title = 'Network report';
  if (loaded.state === 'loading') return html`<${Page} title=${title}><p class="nhsuk-body" role="status">Loading…</p><//>`;
  if (loaded.state === 'failed') return html`<${Page} title=${title}><${LoadFailed} error=${loaded.error} /><//>`;
  const report = loaded.data;
  const withOwn = report.standards.some((line) => line.own !== undefined);
  return html`<${Page} title=${title} caption=${`${report.networkName}, cohort ${report.cohortId}`}>
    <p class="nhsuk-body">From the ${report.members} decided review${report.members === 1 ? '' : 's'} of the cohort. Members other than your own service are shown by rank only.</p>
    <div class="app-no-print nhsuk-button-group">
      <button type="button" class="nhsuk-button nhsuk-button--secondary" onClick=${downloadCsv}>Download CSV</button>
      <button type="button" class="nhsuk-button nhsuk-button--secondary" onClick=${() => window.print()}>Download PDF</button>
    </div>
    ${csvError && html`<p class="nhsuk-error-message" role="alert">${csvError}</p>`}
    <h2 class="nhsuk-heading-m" id="by-type">Standards met, by type</h2>
    <${ScrollTable} labelledBy="by-type"><table class="nhsuk-table">
      <thead class="nhsuk-table__head"><tr><th scope="col">Type</th><th scope="col">Met</th><th scope="col">Not met</th><th scope="col">Not applicable</th><th scope="col">% met</th></tr></thead>
      <tbody class="nhsuk-table__body">${report.byType.map((type) => html`<tr><th scope="row">${TYPE_LABELS[type.type]}</th><td>${type.met}</td><td>${type.notMet}</td><td>${type.notApplicable}</td><td>${percent(type.percentageMet)}</td></tr>`)}</tbody>
    </table><//>
    <h2 class="nhsuk-heading-m" id="distribution">How members did overall</h2>
    <${ScrollTable} labelledBy="distribution"><table class="nhsuk-table">
      <thead class="nhsuk-table__head"><tr><th scope="col">Standards met</th><th scope="col">Members</th></tr></thead>
      <tbody class="nhsuk-table__body">${report.distribution.filter((band) => band.members > 0).map((band) => html`<tr><th scope="row">${band.from}% to ${band.to === 100 ? '100%' : `under ${band.to}%`}</th><td>${band.members}</td></tr>`)}</tbody>
    </table><//>
    <h2 class="nhsuk-heading-m" id="positions">Members by standards met</h2>
    <${ScrollTable} labelledBy="positions"><table class="nhsuk-table">
      <thead class="nhsuk-table__head"><tr><th scope="col">Rank</th><th scope="col">Member</th><th scope="col">All standards</th><th scope="col">Type 1</th><th scope="col">Type 2</th><th scope="col">Type 3</th></tr></thead>
      <tbody class="nhsuk-table__body">${report.positions.map(
        (position) => html`<tr class=${position.own ? 'app-own-row' : undefined}><td>${position.rank}</td><th scope="row">${position.label}${position.own ? html` <strong class="nhsuk-tag nhsuk-tag--blue">Your service</strong>` : ''}</th><td>${percent(position.percentageMet)}</td>${[1, 2, 3].map((type) => html`<td>${percent(position.byType[type] ?? null)}</td>`)}</tr>`,
      )}</tbody>
    </table><//>
    <h2 class="nhsuk-heading-m" id="standards">Each standard</h2>
    <${ScrollTable} labelledBy="standards"><table class="nhsuk-table">
      <thead class="nhsuk-table__head"><tr><th scope="col">Standard</th><th scope="col">Type</th><th scope="col">Met</th><th scope="col">Not met</th><th scope="col">% met</th>${withOwn && html`<th scope="col">Your rating</th>`}</tr></thead>
      <tbody class="nhsuk-table__body">${report.standards.map(
        (line) => html`<tr><th scope="row">${line.id} ${line.text}</th><td>${line.type}</td><td>${line.met}</td><td>${line.notMet}</td><td>${percent(line.percentageMet)}</td>${withOwn && html`<td>${line.own ? RATING_LABELS[line.own] : ''}</td>`}</tr>`,
      )}</tbody>
    </table><//>
  <//>`;
};

export { NetworkReportPage };
