// The network overview (staff): where a cohort's cycles are, which weeks the deadlines bunch up
// in, and which standards services struggle to meet. Each chart has its numbers in a table under
// "Show as table" (NHS.UK details), and a sentence saying what it shows.
import type { StandardCompliance, TypeCompliance } from '#core/network-overview';
import { loadOverview } from '../api/overview.ts';
import type { NetworkOverview, NetworkSummary } from '../api/overview.ts';
import { useApp } from '../app-context.ts';
import { BarChart } from '../components/bar-chart.ts';
import { LoadFailed } from '../components/load-failed.ts';
import { Page } from '../components/page.ts';
import { ScrollTable } from '../components/scroll-table.ts';
import { useLoad } from '../components/use-load.ts';
import { formatUkDate, plural } from '../format.ts';
import { html } from '../html.ts';
import { stageLabel } from '../labels.ts';
import { navigate, useLocation } from '../router.ts';

const TYPE_NAMES: Record<number, string> = { 1: 'essential', 2: 'expected', 3: 'desirable' };
/** Rows of a horizontal chart: enough for a 14px label and a bar. */
const ROW_HEIGHT = 28;
const AXIS_HEIGHT = 48;

const labelOfStage = (stage: string): string => (stage === 'withdrawn' ? 'Withdrawn' : stageLabel(stage));
const shortDate = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
const weekLabel = (from: string): string => shortDate.format(new Date(`${from}T12:00:00Z`));
const percent = (value: number | null): string => (value === null ? 'None applicable' : `${value}%`);

/** "Show as table": the NHS.UK details component around a table with a caption. */
const TableDetails = ({ id, caption, children }: { id: string; caption: string; children: unknown }) => html`<details class="nhsuk-details">
  <summary class="nhsuk-details__summary"><span class="nhsuk-details__summary-text">Show as table<span class="nhsuk-u-visually-hidden">: ${caption}</span></span></summary>
  <div class="nhsuk-details__text">
    <${ScrollTable} labelledBy=${id}><table class="nhsuk-table">
      <caption class="nhsuk-table__caption nhsuk-table__caption--s" id=${id}>${caption}</caption>
      ${children}
    </table><//>
  </div>
</details>`;

const header = (...names: string[]) => html`<thead class="nhsuk-table__head"><tr class="nhsuk-table__row">
  ${names.map((name) => html`<th class="nhsuk-table__header" scope="col">${name}</th>`)}
</tr></thead>`;

const StageSection = ({ overview }: { overview: NetworkOverview }) => {
  const { stages } = overview;
  const summary = `Cycles at each stage: ${stages.map((entry) => `${labelOfStage(entry.stage)} ${entry.count}`).join(', ')}.`;
  return html`<section aria-labelledby="overview-stages" data-chart="stages">
    <h2 class="nhsuk-heading-m" id="overview-stages">Cohort progress</h2>
    <p>How many of the ${plural(overview.cycles, 'cycle')} are at each stage.</p>
    <${BarChart} summary=${summary} height=${320} labels=${stages.map((entry) => labelOfStage(entry.stage))} values=${stages.map((entry) => entry.count)} horizontal=${true} />
    <${TableDetails} id="overview-stages-table" caption="Cycles at each stage">
      ${header('Stage', 'Cycles')}
      <tbody class="nhsuk-table__body">
        ${stages.map((entry) => html`<tr class="nhsuk-table__row"><th class="nhsuk-table__header" scope="row">${labelOfStage(entry.stage)}</th><td class="nhsuk-table__cell">${entry.count}</td></tr>`)}
      </tbody>
    <//>
  </section>`;
};

const DeadlineSection = ({ overview }: { overview: NetworkOverview }) => {
  const { weeks, overdue, later } = overview.deadlines;
  const summary = `Deadlines per week from ${formatUkDate(overview.today)}: ${weeks.map((week) => `week of ${weekLabel(week.from)} ${week.count}`).join(', ')}.`;
  return html`<section aria-labelledby="overview-deadlines" data-chart="deadlines">
    <h2 class="nhsuk-heading-m" id="overview-deadlines">Deadlines in the next ${weeks.length} weeks</h2>
    <p>
      Open steps due in each week, starting today (${formatUkDate(overview.today)}).
      ${overdue > 0 ? html` <strong class="app-overdue">${plural(overdue, 'deadline')} already passed.</strong>` : ' None has passed.'}
      ${later > 0 ? ` ${plural(later, 'deadline')} after these weeks.` : ''}
    </p>
    <${BarChart} summary=${summary} height=${300} labels=${weeks.map((week) => weekLabel(week.from))} values=${weeks.map((week) => week.count)} />
    <${TableDetails} id="overview-deadlines-table" caption="Deadlines per week">
      ${header('Week', 'Deadlines')}
      <tbody class="nhsuk-table__body">
        ${weeks.map(
          (week) => html`<tr class="nhsuk-table__row">
            <th class="nhsuk-table__header" scope="row">${formatUkDate(week.from)} to ${formatUkDate(week.to)}</th>
            <td class="nhsuk-table__cell">${week.count}</td>
          </tr>`,
        )}
      </tbody>
    <//>
  </section>`;
};

const complianceSummary = (group: TypeCompliance): string =>
  `Percentage of services meeting each Type ${group.type} standard: ${group.standards.map((entry) => `${entry.standardId} ${percent(entry.percentageMet)}`).join(', ')}.`;

const ComplianceRow = ({ entry }: { entry: StandardCompliance }) => html`<tr class="nhsuk-table__row">
  <th class="nhsuk-table__header" scope="row">${entry.standardId}</th>
  <td class="nhsuk-table__cell">${entry.section}</td>
  <td class="nhsuk-table__cell">${entry.met}</td>
  <td class="nhsuk-table__cell">${entry.notMet}</td>
  <td class="nhsuk-table__cell">${entry.notApplicable}</td>
  <td class="nhsuk-table__cell">${entry.unrated}</td>
  <td class="nhsuk-table__cell">${percent(entry.percentageMet)}</td>
</tr>`;

const TypeGroup = ({ group, threshold }: { group: TypeCompliance; threshold?: number }) => {
  const id = `overview-type-${group.type}`;
  return html`<div data-standard-type=${group.type}>
    <h3 class="nhsuk-heading-s" id=${id}>Type ${group.type}: ${TYPE_NAMES[group.type]} (${plural(group.standards.length, 'standard')})</h3>
    ${threshold !== undefined && html`<p class="nhsuk-body-s">The network's rule for accreditation asks each service to meet ${threshold}% of these.</p>`}
    <${BarChart}
      summary=${complianceSummary(group)}
      height=${group.standards.length * ROW_HEIGHT + AXIS_HEIGHT}
      labels=${group.standards.map((entry) => entry.standardId)}
      values=${group.standards.map((entry) => entry.percentageMet)}
      horizontal=${true}
      max=${100}
      unit="%"
    />
    <${TableDetails} id=${`${id}-table`} caption=${`Type ${group.type} standards: services' ratings`}>
      ${header('Standard', 'Section', 'Met', 'Not met', 'Not applicable', 'Not rated yet', '% met')}
      <tbody class="nhsuk-table__body">${group.standards.map((entry) => html`<${ComplianceRow} entry=${entry} />`)}</tbody>
    <//>
  </div>`;
};

const ComplianceSection = ({ overview }: { overview: NetworkOverview }) => {
  const { byType, cyclesRated, cyclesSkipped, thresholds } = overview.compliance;
  return html`<section aria-labelledby="overview-compliance" data-chart="compliance">
    <h2 class="nhsuk-heading-m" id="overview-compliance">Compliance by standard</h2>
    <p>
      The percentage of services that meet each standard, from ${plural(cyclesRated, 'cycle')} with ratings. The rating that counts is the one
      in the report: the review team's where it rated the standard, otherwise the service's self-review. Not applicable is left out of the percentage.
    </p>
    ${cyclesSkipped.length > 0 && html`<p>Left out, because their ratings could not be scored: ${cyclesSkipped.join(', ')}.</p>`}
    ${byType.length === 0
      ? html`<p>No service has sent its self-review yet.</p>`
      : byType.map((group) => html`<${TypeGroup} group=${group} threshold=${thresholds[String(group.type)]} />`)}
  </section>`;
};

const hrefFor = (networkId: string | undefined, cohortId: string | undefined): string => {
  const query = new URLSearchParams();
  if (networkId) query.set('network', networkId);
  if (cohortId) query.set('cohort', cohortId);
  return query.size > 0 ? `/overview?${query}` : '/overview';
};

const ChooseForm = ({ networks, overview }: { networks: NetworkSummary[]; overview: NetworkOverview }) => {
  const apply = (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const field = (name: string) => (form.get(name) ? String(form.get(name)) : undefined);
    const network = field('network') ?? overview.networkId;
    // Another network's cohorts are not this one's: a change of network starts at the whole network.
    navigate(hrefFor(network, network === overview.networkId ? field('cohort') : undefined));
  };
  return html`<form class="app-board-filters" method="get" action="/overview" onSubmit=${apply} novalidate>
    ${networks.length > 1 &&
    html`<div class="nhsuk-form-group app-inline-group">
      <label class="nhsuk-label" for="overview-network">Network</label>
      <select class="nhsuk-select" id="overview-network" name="network">
        ${networks.map((network) => html`<option value=${network.networkId} selected=${network.networkId === overview.networkId}>${network.name}</option>`)}
      </select>
    </div>`}
    <div class="nhsuk-form-group app-inline-group">
      <label class="nhsuk-label" for="overview-cohort">Cohort</label>
      <select class="nhsuk-select" id="overview-cohort" name="cohort">
        <option value="">Whole network</option>
        ${overview.cohorts.map((cohort) => html`<option value=${cohort} selected=${cohort === overview.cohortId}>${cohort}</option>`)}
      </select>
    </div>
    <div class="app-inline-group">
      <button class="nhsuk-button nhsuk-button--secondary nhsuk-button--small" type="submit">Show</button>
    </div>
  </form>`;
};

const Overview = () => {
  const { api } = useApp();
  const { query } = useLocation();
  const networkId = query.get('network') ?? undefined;
  const cohortId = query.get('cohort') ?? undefined;
  const loaded = useLoad(() => loadOverview(api, networkId, cohortId), [networkId, cohortId]);
  if (loaded.state === 'loading') return html`<${Page} title="Network overview"><p role="status">Loading the overview…</p><//>`;
  if (loaded.state === 'failed') return html`<${Page} title="Network overview"><${LoadFailed} error=${loaded.error} /><//>`;
  const { networks, overview } = loaded.data;
  if (!overview) return html`<${Page} title="Network overview"><p>No network has been loaded yet.</p><//>`;
  return html`<${Page} title="Network overview" caption=${overview.cohortId ? `${overview.networkName}, cohort ${overview.cohortId}` : overview.networkName}>
    <${ChooseForm} networks=${networks} overview=${overview} />
    <${StageSection} overview=${overview} />
    <${DeadlineSection} overview=${overview} />
    <${ComplianceSection} overview=${overview} />
    <h2 class="nhsuk-heading-m">After the reviews</h2>
    <ul class="nhsuk-list nhsuk-list--bullet">
      ${overview.cohortId && html`<li><a class="nhsuk-link" href=${`/networks/${encodeURIComponent(overview.networkId)}/report?cohortId=${encodeURIComponent(overview.cohortId)}`}>The network report of cohort ${overview.cohortId}</a></li>`}
      <li><a class="nhsuk-link" href="/action-plans">Every service’s action plan</a></li>
      <li><a class="nhsuk-link" href=${`/networks/${encodeURIComponent(overview.networkId)}/good-practice`}>The good-practice library</a></li>
    </ul>
  <//>`;
};

export { Overview };
