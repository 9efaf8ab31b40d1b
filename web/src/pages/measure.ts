// A service's measure (issue 13): define it, add or correct a point, import a CSV (each mistake in
// the error summary at its line), see the run chart and the SPC chart with its Making Data Count
// icons, freeze the baseline or recalculate the limits with a reason. The charts are the API's SVG
// (drawn by the core, the same picture as in emails and reports), each with its summary in words.
import { useState } from 'preact/hooks';
import { ApiError } from '../api/client.ts';
import { loadMeasure, measurePath } from '../api/measures.ts';
import type { Measure, MeasureDefinition } from '../api/measures.ts';
import { useApp } from '../app-context.ts';
import { ErrorSummary } from '../components/error-summary.ts';
import type { ErrorItem } from '../components/error-summary.ts';
import { DateInput, Field, isoDateOf } from '../components/fields.ts';
import { LoadFailed } from '../components/load-failed.ts';
import { Page } from '../components/page.ts';
import { SuccessBanner } from '../components/success-banner.ts';
import { useLoad } from '../components/use-load.ts';
import { html } from '../html.ts';

type Dated = { day: string; month: string; year: string };
const NO_DATE: Dated = { day: '', month: '', year: '' };

/** The API's issues as error-summary items: a CSV line's issue names its line, a field's issue links to its field. */
const errorsOf = (error: unknown, fieldIds: Record<string, string>): ErrorItem[] => {
  if (!(error instanceof ApiError)) return [{ text: error instanceof Error ? error.message : String(error) }];
  if (error.issues.length === 0) return [{ text: error.message }];
  return error.issues.map((issue) => {
    const line = (issue as { line?: number; found?: string }).line;
    const found = (issue as { found?: string }).found;
    if (line !== undefined) return { text: `Line ${line}${(issue as { column?: string }).column ? `, ${(issue as { column?: string }).column}` : ''}: ${issue.message}${found ? ` (found “${found}”)` : ''}`, href: '#csv' };
    const id = fieldIds[issue.field];
    return { text: `${issue.message}`, ...(id ? { href: `#${id}` } : {}) };
  });
};

const input = (id: string, value: string, set: (value: string) => void, width = 10, type = 'text') => (describedBy: string | undefined) =>
  html`<input class=${`nhsuk-input nhsuk-input--width-${width}`} id=${id} name=${id} type=${type} value=${value} aria-describedby=${describedBy} onInput=${(event: Event) => set((event.currentTarget as HTMLInputElement).value)} />`;

const Radios = ({ id, legend, value, options, onChange }: { id: string; legend: string; value: string; options: [string, string][]; onChange: (value: string) => void }) =>
  html`<div class="nhsuk-form-group"><fieldset class="nhsuk-fieldset"><legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">${legend}</legend>
    <div class="nhsuk-radios nhsuk-radios--inline">
      ${options.map(
        ([optionValue, label], index) => html`<div class="nhsuk-radios__item">
          <input class="nhsuk-radios__input" id=${index === 0 ? id : `${id}-${optionValue}`} name=${id} type="radio" value=${optionValue} checked=${value === optionValue} onChange=${() => onChange(optionValue)} />
          <label class="nhsuk-label nhsuk-radios__label" for=${index === 0 ? id : `${id}-${optionValue}`}>${label}</label>
        </div>`,
      )}
    </div></fieldset></div>`;

const DefineForm = ({ current, actionId, onSave }: { current?: MeasureDefinition; actionId?: string; onSave: (definition: Record<string, unknown>) => Promise<void> }) => {
  const [form, setForm] = useState({
    name: current?.name ?? '',
    definition: current?.definition ?? '',
    kind: current?.kind ?? 'proportion',
    numerator: current?.numerator ?? '',
    denominator: current?.denominator ?? '',
    unit: current?.unit ?? '',
    improvement: current?.improvement ?? 'increase',
    target: current?.target === undefined ? '' : String(current.target),
    actionId: actionId ?? '',
  });
  const set = (name: keyof typeof form) => (value: string) => setForm({ ...form, [name]: value });
  const submit = (event: Event) => {
    event.preventDefault();
    const optional = (value: string) => (value.trim() === '' ? undefined : value.trim());
    void onSave({
      name: form.name,
      definition: form.definition,
      kind: form.kind,
      ...(form.kind === 'proportion' ? { numerator: optional(form.numerator), denominator: optional(form.denominator) } : { unit: optional(form.unit) }),
      improvement: form.improvement,
      ...(optional(form.target) === undefined ? {} : { target: Number(form.target) }),
      ...(optional(form.actionId) === undefined ? {} : { actionId: optional(form.actionId) }),
    });
  };
  return html`<form onSubmit=${submit} novalidate>
    <h2 class="nhsuk-heading-m">${current ? 'Change the definition' : 'Define the measure'}</h2>
    <${Field} id="measure-name" label="Name">${input('measure-name', form.name, set('name'), 30)}<//>
    <${Field} id="measure-definition" label="Definition" hint="What is counted and how, so that everyone collecting it counts the same thing">
      ${(describedBy: string | undefined) => html`<textarea class="nhsuk-textarea" id="measure-definition" rows="3" aria-describedby=${describedBy} onInput=${(event: Event) => set('definition')((event.currentTarget as HTMLTextAreaElement).value)}>${form.definition}</textarea>`}
    <//>
    <${Radios} id="measure-kind" legend="What kind of measure is it?" value=${form.kind} options=${[['proportion', 'A percentage'], ['count', 'A count'], ['time', 'A time']]} onChange=${set('kind')} />
    ${form.kind === 'proportion'
      ? html`<${Field} id="measure-numerator" label="Numerator (what is counted)">${input('measure-numerator', form.numerator, set('numerator'), 30)}<//>
          <${Field} id="measure-denominator" label="Denominator (out of what)">${input('measure-denominator', form.denominator, set('denominator'), 30)}<//>`
      : html`<${Field} id="measure-unit" label="Unit" hint="For example, days or incidents">${input('measure-unit', form.unit, set('unit'), 10)}<//>`}
    <${Radios} id="measure-improvement" legend="Which direction is better?" value=${form.improvement} options=${[['increase', 'Higher'], ['decrease', 'Lower'], ['neither', 'Neither']]} onChange=${set('improvement')} />
    <${Field} id="measure-target" label="Target (optional)" hint=${form.kind === 'proportion' ? 'A percentage, 0 to 100' : undefined}>${input('measure-target', form.target, set('target'), 4)}<//>
    <${Field} id="measure-action" label="Action it follows (optional)" hint="The action of your action plan whose effect it shows, for example A2: your next review shows its run chart under that action">${input('measure-action', form.actionId, set('actionId'), 4)}<//>
    <button class="nhsuk-button" type="submit">Save the measure</button>
  </form>`;
};

const Chart = ({ title, chart }: { title: string; chart: { svg: string; summary: string } }) => html`<figure class="app-chart">
  <figcaption class="nhsuk-heading-s">${title}</figcaption>
  <div class="app-chart__svg" dangerouslySetInnerHTML=${{ __html: chart.svg }}></div>
  <p class="nhsuk-body-s">${chart.summary}</p>
</figure>`;

const PointForm = ({ measure, onSave }: { measure: Measure; onSave: (on: string, body: Record<string, number>) => Promise<void> }) => {
  const [on, setOn] = useState<Dated>(NO_DATE);
  const [numbers, setNumbers] = useState({ value: '', numerator: '', denominator: '' });
  const [dateError, setDateError] = useState<string | undefined>();
  const proportion = measure.definition.kind === 'proportion';
  const submit = (event: Event) => {
    event.preventDefault();
    const { date, error } = isoDateOf(on, 'Date');
    setDateError(error ?? (date ? undefined : 'Enter the date of the point'));
    if (!date) return;
    const number = (text: string) => (text.trim() === '' ? Number.NaN : Number(text));
    void onSave(date, proportion ? { numerator: number(numbers.numerator), denominator: number(numbers.denominator) } : { value: number(numbers.value) });
  };
  return html`<form onSubmit=${submit} novalidate>
    <h2 class="nhsuk-heading-m">Add or correct a point</h2>
    <${DateInput} id="point-on" legend="Date of the point" hint="A date already entered is corrected" error=${dateError} value=${on} onInput=${setOn} />
    ${proportion
      ? html`<${Field} id="point-numerator" label=${measure.definition.numerator ?? 'Numerator'}>${input('point-numerator', numbers.numerator, (value) => setNumbers({ ...numbers, numerator: value }), 4)}<//>
          <${Field} id="point-denominator" label=${measure.definition.denominator ?? 'Denominator'}>${input('point-denominator', numbers.denominator, (value) => setNumbers({ ...numbers, denominator: value }), 4)}<//>`
      : html`<${Field} id="point-value" label=${`Value${measure.definition.unit ? ` (${measure.definition.unit})` : ''}`}>${input('point-value', numbers.value, (value) => setNumbers({ ...numbers, value }), 4)}<//>`}
    <button class="nhsuk-button nhsuk-button--secondary" type="submit">Save the point</button>
  </form>`;
};

const ImportForm = ({ measure, onImport }: { measure: Measure; onImport: (csv: string) => Promise<void> }) => {
  const [csv, setCsv] = useState('');
  const columns = measure.definition.kind === 'proportion' ? 'date,numerator,denominator' : 'date,value';
  const readFile = async (event: Event) => {
    const file = (event.currentTarget as HTMLInputElement).files?.[0];
    if (file) setCsv(await file.text());
  };
  return html`<form onSubmit=${(event: Event) => (event.preventDefault(), void onImport(csv))} novalidate>
    <h2 class="nhsuk-heading-m">Import data from a CSV</h2>
    <p class="nhsuk-body">The import replaces every point of the measure. The first row names the columns <code>${columns}</code>; dates are written YYYY-MM-DD.</p>
    <${Field} id="csv-file" label="Choose a CSV file">${(describedBy: string | undefined) => html`<input class="nhsuk-input" id="csv-file" type="file" accept=".csv,text/csv" aria-describedby=${describedBy} onChange=${readFile} />`}<//>
    <${Field} id="csv" label="Or paste the CSV">${(describedBy: string | undefined) => html`<textarea class="nhsuk-textarea" id="csv" rows="6" aria-describedby=${describedBy} onInput=${(event: Event) => setCsv((event.currentTarget as HTMLTextAreaElement).value)}>${csv}</textarea>`}<//>
    <button class="nhsuk-button nhsuk-button--secondary" type="submit">Import the data</button>
  </form>`;
};

const ChartChangeForm = ({ id, heading, dateLegend, hint, action, onSave }: { id: string; heading: string; dateLegend: string; hint: string; action: string; onSave: (date: string, reason: string) => Promise<void> }) => {
  const [on, setOn] = useState<Dated>(NO_DATE);
  const [reason, setReason] = useState('');
  const [dateError, setDateError] = useState<string | undefined>();
  const submit = (event: Event) => {
    event.preventDefault();
    const { date, error } = isoDateOf(on, dateLegend);
    setDateError(error ?? (date ? undefined : `Enter the ${dateLegend.toLowerCase()}`));
    if (date) void onSave(date, reason);
  };
  return html`<form onSubmit=${submit} novalidate>
    <h3 class="nhsuk-heading-s">${heading}</h3>
    <${DateInput} id=${`${id}-on`} legend=${dateLegend} hint=${hint} error=${dateError} value=${on} onInput=${setOn} />
    <${Field} id=${`${id}-reason`} label="Reason" hint="Recorded with the chart and in the audit trail">${input(`${id}-reason`, reason, setReason, 30)}<//>
    <button class="nhsuk-button nhsuk-button--secondary" type="submit">${action}</button>
  </form>`;
};

const FIELD_IDS: Record<string, string> = {
  name: 'measure-name',
  definition: 'measure-definition',
  kind: 'measure-kind',
  numerator: 'point-numerator',
  denominator: 'point-denominator',
  value: 'point-value',
  target: 'measure-target',
  actionId: 'measure-action',
  csv: 'csv',
  throughOn: 'baseline-on',
  fromOn: 'recalculate-on',
  reason: 'baseline-reason',
};

const MeasurePage = ({ cycleId, measureId }: { cycleId: string; measureId: string }) => {
  const { api } = useApp();
  const loaded = useLoad(() => loadMeasure(api, cycleId, measureId).catch((error: unknown) => (error instanceof ApiError && error.status === 404 ? undefined : Promise.reject(error))), [cycleId, measureId]);
  const [errors, setErrors] = useState<ErrorItem[]>([]);
  const [done, setDone] = useState<string | undefined>();
  const path = measurePath(cycleId, measureId);
  const act = (what: string, call: () => Promise<unknown>) => async () => {
    try {
      await call();
      setErrors([]);
      setDone(what);
      loaded.reload();
    } catch (error) {
      setDone(undefined);
      setErrors(errorsOf(error, FIELD_IDS));
    }
  };
  const back = { href: `/cycles/${encodeURIComponent(cycleId)}`, text: 'Back to the review cycle' };
  if (loaded.state === 'loading') return html`<${Page} title="Measure" back=${back}><p class="nhsuk-body" role="status">Loading…</p><//>`;
  if (loaded.state === 'failed') return html`<${Page} title="Measure" back=${back}><${LoadFailed} error=${loaded.error} /><//>`;
  const measure = loaded.data;
  const save = (definition: Record<string, unknown>) => act('The measure is saved', () => api.put(path, definition))();
  if (!measure) {
    return html`<${Page} title="A new measure" back=${back}><${ErrorSummary} errors=${errors} /><${DefineForm} onSave=${save} /><//>`;
  }
  return html`<${Page} title=${measure.definition.name} caption="Measure" back=${back}>
    <${ErrorSummary} errors=${errors} />
    ${done && html`<${SuccessBanner} text=${done} />`}
    <p class="nhsuk-body">${measure.definition.definition}</p>
    ${measure.charts
      ? html`<div class="app-charts">
            <${Chart} title="Run chart" chart=${measure.charts.run} />
            <${Chart} title="SPC chart (XmR)" chart=${measure.charts.xmr} />
          </div>
          ${measure.charts.ignored.map((note) => html`<div class="nhsuk-inset-text"><span class="nhsuk-u-visually-hidden">Information: </span><p>${note}</p></div>`)}`
      : html`<div class="nhsuk-inset-text"><span class="nhsuk-u-visually-hidden">Information: </span><p>No data yet: add a point or import a CSV to draw the charts.</p></div>`}
    <${PointForm} measure=${measure} onSave=${(on: string, body: Record<string, number>) => act(`The point of ${on} is saved`, () => api.put(`${path}/points/${on}`, body))()} />
    <${ImportForm} measure=${measure} onImport=${(csv: string) => act('The data is imported', () => api.post(`${path}/points`, { csv }))()} />
    <h2 class="nhsuk-heading-m">Baseline and limits</h2>
    <p class="nhsuk-body">
      ${measure.baseline ? `The baseline is frozen through ${measure.baseline.throughOn}: ${measure.baseline.reason}.` : 'The baseline is every point.'}
      ${measure.recalculations.map((recalculation) => ` Limits recalculated from ${recalculation.fromOn}: ${recalculation.reason}.`)}
    </p>
    <${ChartChangeForm} id="baseline" heading="Freeze the baseline" dateLegend="Last date of the baseline" hint="The centre line and limits are computed from the points up to this date" action="Freeze the baseline" onSave=${(throughOn: string, reason: string) => act('The baseline is frozen', () => api.put(`${path}/baseline`, { throughOn, reason }))()} />
    <${ChartChangeForm} id="recalculate" heading="Recalculate the limits" dateLegend="Date the change took effect" hint="A new phase starts at the first point on or after this date" action="Recalculate the limits" onSave=${(fromOn: string, reason: string) => act('The limits are recalculated', () => api.post(`${path}/recalculations`, { fromOn, reason }))()} />
    <${DefineForm} current=${measure.definition} actionId=${measure.actionId} onSave=${save} />
  <//>`;
};

export { MeasurePage };
