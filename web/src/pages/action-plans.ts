// Staff's view of every service's action plan in a network (issue 13): per service its actions by
// status, how many are overdue, and how many PDSA cycles it has run, most overdue first, each
// linking to the plan. A plan appears once the service has added its first action.
import { useState } from 'preact/hooks';
import { actionPlanHref, listActionPlans } from '../api/action-plan.ts';
import { listNetworks } from '../api/networks.ts';
import { useApp } from '../app-context.ts';
import { LoadFailed } from '../components/load-failed.ts';
import { Page } from '../components/page.ts';
import { useLoad } from '../components/use-load.ts';
import { formatUkDate } from '../format.ts';
import { html } from '../html.ts';

const PlansTable = ({ networkId }: { networkId: string }) => {
  const { api } = useApp();
  const loaded = useLoad(() => listActionPlans(api, networkId), [networkId]);
  if (loaded.state === 'loading') return html`<p class="nhsuk-body" role="status">Loading the action plans…</p>`;
  if (loaded.state === 'failed') return html`<${LoadFailed} error=${loaded.error} />`;
  if (loaded.data.length === 0) return html`<p class="nhsuk-body">No service in this network has an action plan yet.</p>`;
  return html`<table class="nhsuk-table">
    <caption class="nhsuk-table__caption">Action plans, most overdue first</caption>
    <thead class="nhsuk-table__head">
      <tr class="nhsuk-table__row">
        <th scope="col" class="nhsuk-table__header">Service</th>
        <th scope="col" class="nhsuk-table__header nhsuk-table__header--numeric">Actions</th>
        <th scope="col" class="nhsuk-table__header nhsuk-table__header--numeric">Overdue</th>
        <th scope="col" class="nhsuk-table__header nhsuk-table__header--numeric">Done</th>
        <th scope="col" class="nhsuk-table__header">Next due</th>
        <th scope="col" class="nhsuk-table__header nhsuk-table__header--numeric">PDSA cycles</th>
        <th scope="col" class="nhsuk-table__header nhsuk-table__header--numeric">Changes adopted</th>
      </tr>
    </thead>
    <tbody class="nhsuk-table__body">
      ${loaded.data.map(
        (plan) => html`<tr class="nhsuk-table__row">
          <td class="nhsuk-table__cell"><a class="nhsuk-link" href=${actionPlanHref(plan.cycleId)}>${plan.serviceName}</a><br /><span class="nhsuk-body-s">${plan.cycleId}</span></td>
          <td class="nhsuk-table__cell nhsuk-table__cell--numeric">${plan.actions}</td>
          <td class="nhsuk-table__cell nhsuk-table__cell--numeric">${plan.overdue > 0 ? html`<strong class="nhsuk-tag nhsuk-tag--red">${plan.overdue}</strong>` : '0'}</td>
          <td class="nhsuk-table__cell nhsuk-table__cell--numeric">${plan.byStatus.done}</td>
          <td class="nhsuk-table__cell">${plan.nextDueOn ? formatUkDate(plan.nextDueOn) : 'Nothing open'}</td>
          <td class="nhsuk-table__cell nhsuk-table__cell--numeric">${plan.pdsaCycles}</td>
          <td class="nhsuk-table__cell nhsuk-table__cell--numeric">${plan.changesAdopted}</td>
        </tr>`,
      )}
    </tbody>
  </table>`;
};

const ActionPlansPage = () => {
  const { api } = useApp();
  const networks = useLoad(() => listNetworks(api), []);
  const [chosen, setChosen] = useState<string>();
  const networkId = chosen ?? (networks.state === 'ready' ? networks.data[0]?.networkId : undefined);
  return html`<${Page} title="Action plans" caption="After the review">
    ${networks.state === 'loading' && html`<p class="nhsuk-body" role="status">Loading the networks…</p>`}
    ${networks.state === 'failed' && html`<${LoadFailed} error=${networks.error} />`}
    ${networks.state === 'ready' &&
    html`<div class="nhsuk-form-group">
        <label class="nhsuk-label" for="network">Network</label>
        <select class="nhsuk-select" id="network" value=${networkId} onChange=${(event: Event) => setChosen((event.currentTarget as HTMLSelectElement).value)}>
          ${networks.data.map((network) => html`<option value=${network.networkId} selected=${network.networkId === networkId}>${network.name}</option>`)}
        </select>
      </div>
      ${networkId && html`<${PlansTable} networkId=${networkId} />`}`}
  <//>`;
};

export { ActionPlansPage };
