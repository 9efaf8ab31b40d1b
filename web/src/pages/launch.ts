// Cohort launch: one cycle per enrolled service of a network, started in one request. The answer
// says per service what happened (started, already running, or why nothing started), so launching
// the same cohort again is safe and says so.
import { useState } from 'preact/hooks';
import { ApiError } from '../api/client.ts';
import { useApp } from '../app-context.ts';
import { ErrorSummary } from '../components/error-summary.ts';
import type { ErrorItem } from '../components/error-summary.ts';
import { DateInput, Field, isoDateOf } from '../components/fields.ts';
import type { DateValue } from '../components/fields.ts';
import { LoadFailed } from '../components/load-failed.ts';
import { Page } from '../components/page.ts';
import { ScrollTable } from '../components/scroll-table.ts';
import { useLoad } from '../components/use-load.ts';
import { formatUkDate, plural } from '../format.ts';
import { html } from '../html.ts';

interface ServiceLaunch {
  serviceId: string;
  cycleId: string;
  result: string;
  executionStatus?: string;
  message?: string;
  reason?: string;
}

interface LaunchAnswer {
  cohortId: string;
  startDate: string;
  counts: Record<string, number>;
  services: ServiceLaunch[];
}

/** The API's per-service results in words; an outcome the app does not know is shown as sent. */
const results: Record<string, { text: string; colour: string }> = {
  started: { text: 'Started', colour: 'green' },
  'already-started': { text: 'Already started: nothing new', colour: 'grey' },
  refused: { text: 'Not started', colour: 'orange' },
  'service-not-found': { text: 'Not enrolled', colour: 'red' },
  'service-not-in-network': { text: 'In another network', colour: 'red' },
  failed: { text: 'Failed', colour: 'red' },
};

const COHORT_ID = /^[A-Za-z0-9_-]{1,30}$/;

interface Errors {
  networkId?: string;
  cohortId?: string;
  startDate?: string;
  form?: string;
}

/** The API names fields by their JSON path; the form's ids differ only for the date. */
const fieldIds: Record<string, string> = { networkId: 'network', cohortId: 'cohort', startDate: 'start-date', serviceIds: 'network' };

const summaryOf = (errors: Errors): ErrorItem[] =>
  (Object.entries(errors) as [keyof Errors, string][]).filter(([, text]) => text).map(([field, text]) => ({ text, href: field === 'form' ? undefined : `#${fieldIds[field]}` }));

const LaunchResults = ({ answer }: { answer: LaunchAnswer }) => {
  const started = answer.counts.started ?? 0;
  const notStarted = answer.services.length - started;
  return html`<section aria-labelledby="launch-results">
    <div class="nhsuk-card nhsuk-card--feature">
      <div class="nhsuk-card__content nhsuk-card__content--feature">
        <h2 class="nhsuk-card__heading nhsuk-card__heading--feature nhsuk-heading-m" id="launch-results">Cohort ${answer.cohortId}</h2>
        <p class="nhsuk-card__description" role="status">
          ${plural(started, 'cycle')} started, ${notStarted} not started, for ${plural(answer.services.length, 'service')}. Start date ${formatUkDate(answer.startDate)}.
        </p>
      </div>
    </div>
    <${ScrollTable} labelledBy="launch-services-caption"><table class="nhsuk-table">
      <caption class="nhsuk-table__caption nhsuk-table__caption--m" id="launch-services-caption">What happened for each service</caption>
      <thead class="nhsuk-table__head">
        <tr class="nhsuk-table__row">
          <th class="nhsuk-table__header" scope="col">Service</th>
          <th class="nhsuk-table__header" scope="col">Result</th>
          <th class="nhsuk-table__header" scope="col">Why</th>
        </tr>
      </thead>
      <tbody class="nhsuk-table__body">
        ${answer.services.map((service) => {
          const result = results[service.result] ?? { text: service.result, colour: 'grey' };
          const why =
            service.reason ??
            service.message ??
            (service.result === 'started' ? 'New cycle: the service lead is emailed the timetable' : service.executionStatus ? `Its cycle in this cohort is ${service.executionStatus.toLowerCase()}` : '');
          return html`<tr class="nhsuk-table__row">
            <th class="nhsuk-table__header" scope="row">
              ${service.result === 'started' || service.result === 'already-started'
                ? html`<a class="nhsuk-link" href=${`/cycles/${encodeURIComponent(service.cycleId)}`}>${service.serviceId}</a>`
                : service.serviceId}
            </th>
            <td class="nhsuk-table__cell"><strong class=${`nhsuk-tag nhsuk-tag--${result.colour}`}>${result.text}</strong></td>
            <td class="nhsuk-table__cell">${why}</td>
          </tr>`;
        })}
      </tbody>
    </table><//>
  </section>`;
};

const LaunchForm = ({ networks }: { networks: { networkId: string; name: string }[] }) => {
  const { api } = useApp();
  const [networkId, setNetworkId] = useState(networks[0]?.networkId ?? '');
  const [cohortId, setCohortId] = useState('');
  const [startDate, setStartDate] = useState<DateValue>({ day: '', month: '', year: '' });
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const [answer, setAnswer] = useState<LaunchAnswer | undefined>();

  const submit = async (event: Event) => {
    event.preventDefault();
    const date = isoDateOf(startDate);
    const found: Errors = {
      networkId: networkId ? undefined : 'Select the network',
      cohortId: !cohortId.trim()
        ? 'Enter the cohort name'
        : COHORT_ID.test(cohortId.trim())
          ? undefined
          : 'Cohort name must be 30 characters or fewer, using letters, numbers, hyphens and underscores only',
      startDate: date.error,
    };
    setErrors(found);
    if (Object.values(found).some(Boolean)) return;
    setBusy(true);
    setAnswer(undefined);
    try {
      const { body } = await api.post<LaunchAnswer>(`/cohorts/${encodeURIComponent(cohortId.trim())}/launch`, { networkId, ...(date.date ? { startDate: date.date } : {}) });
      setAnswer(body);
    } catch (error) {
      if (error instanceof ApiError && error.issues.length > 0) {
        setErrors(Object.fromEntries(error.issues.map((issue) => [issue.field in fieldIds ? issue.field : 'form', `${issue.field}: ${issue.message}`])));
      } else {
        setErrors({ form: error instanceof Error ? error.message : String(error) });
      }
    } finally {
      setBusy(false);
    }
  };

  return html`
    <${ErrorSummary} errors=${summaryOf(errors)} />
    <form onSubmit=${submit} novalidate>
      <${Field} id="network" label="Network" error=${errors.networkId}>
        ${(describedBy: string | undefined) => html`<select class="nhsuk-select" id="network" name="networkId" aria-describedby=${describedBy} onChange=${(event: Event) => setNetworkId((event.currentTarget as HTMLSelectElement).value)}>
          ${networks.map((network) => html`<option value=${network.networkId} selected=${network.networkId === networkId}>${network.name}</option>`)}
        </select>`}
      <//>
      <${Field} id="cohort" label="Cohort name" hint="For example, 2026-autumn. Each service's cycle is named after it." error=${errors.cohortId}>
        ${(describedBy: string | undefined) => html`<input class=${`nhsuk-input nhsuk-input--width-20${errors.cohortId ? ' nhsuk-input--error' : ''}`} id="cohort" name="cohortId" type="text" spellcheck=${false} autocomplete="off" aria-describedby=${describedBy} value=${cohortId} onInput=${(event: Event) => setCohortId((event.currentTarget as HTMLInputElement).value)} />`}
      <//>
      <${DateInput} id="start-date" legend="Start date (optional)" hint="Leave empty to start today. For example, 6 1 2026." error=${errors.startDate} value=${startDate} onInput=${setStartDate} />
      <p class="nhsuk-body">Every service enrolled in the network gets a cycle and a welcome email. A service whose cycle in this cohort has already started gets nothing new.</p>
      <button class="nhsuk-button" type="submit" disabled=${busy} aria-disabled=${busy}>${busy ? 'Launching…' : 'Launch cohort'}</button>
    </form>
    <div aria-live="polite">${busy && html`<p class="nhsuk-body">Starting a cycle for each service. This can take a minute for a large network.</p>`}</div>
    ${answer && html`<${LaunchResults} answer=${answer} />`}
  `;
};

const Launch = () => {
  const { api } = useApp();
  const networks = useLoad(async () => (await api.get<{ networks: { networkId: string; name: string }[] }>('/networks')).body.networks, []);
  return html`<${Page} title="Launch a cohort" back=${{ href: '/', text: 'Back to all cycles' }}>
    ${networks.state === 'loading' && html`<p class="nhsuk-body" role="status">Loading networks…</p>`}
    ${networks.state === 'failed' && html`<${LoadFailed} error=${networks.error} />`}
    ${networks.state === 'ready' && html`<${LaunchForm} networks=${networks.data} />`}
  <//>`;
};

export { Launch };
