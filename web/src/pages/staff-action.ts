// One staff action on a cycle (extend a deadline, withdraw, resume): a form, a check-your-answers
// confirmation before anything is sent, and the API's own 4xx words against the fields. Success
// returns to the cycle page with a banner saying what was done.
import type { VNode } from 'preact';
import { useState } from 'preact/hooks';
import { ApiError } from '../api/client.ts';
import { useApp } from '../app-context.ts';
import { ErrorSummary } from '../components/error-summary.ts';
import { DateInput, Field, isoDateOf } from '../components/fields.ts';
import type { DateValue } from '../components/fields.ts';
import { Page } from '../components/page.ts';
import { formatUkDate } from '../format.ts';
import { html } from '../html.ts';
import { navigate } from '../router.ts';

interface ActionField {
  /** The request body's field; the form's id is the same name. */
  name: string;
  label: string;
  hint?: string;
  kind: 'date' | 'text' | 'select';
  options?: { value: string; text: string }[];
}

interface StaffAction {
  title: string;
  /** What the confirm button says ("Extend the deadline"). */
  confirm: string;
  warning?: string;
  fields: ActionField[];
  /** The API path under the cycle, e.g. `/withdraw`. */
  path: string;
  /** The request body from the answers and the signed-in person's name. */
  body: (answers: Record<string, string>, by: string) => Record<string, string>;
  /** What the cycle page's banner says afterwards, as a known key and values (never free text in the address). */
  done: (answers: Record<string, string>) => Record<string, string>;
}

type Answers = Record<string, string>;
type Errors = Record<string, string>;

const emptyDate: DateValue = { day: '', month: '', year: '' };

const readAnswers = (fields: ActionField[], text: Answers, dates: Record<string, DateValue>): { answers: Answers; errors: Errors } => {
  const answers: Answers = {};
  const errors: Errors = {};
  for (const field of fields) {
    if (field.kind === 'date') {
      const { date, error } = isoDateOf(dates[field.name] ?? emptyDate, field.label);
      if (error) errors[field.name] = error;
      else if (!date) errors[field.name] = `Enter the ${field.label.toLowerCase()}`;
      else answers[field.name] = date;
    } else {
      const value = (text[field.name] ?? field.options?.[0]?.value ?? '').trim();
      if (!value) errors[field.name] = `Enter the ${field.label.toLowerCase()}`;
      else answers[field.name] = value;
    }
  }
  return { answers, errors };
};

const answerText = (field: ActionField, value: string): string =>
  field.kind === 'date' ? formatUkDate(value) : (field.options?.find((option) => option.value === value)?.text ?? value);

const StaffActionPage = ({ cycleId, action }: { cycleId: string; action: StaffAction }) => {
  const { api, session } = useApp();
  const [text, setText] = useState<Answers>({});
  const [dates, setDates] = useState<Record<string, DateValue>>({});
  const [errors, setErrors] = useState<Errors>({});
  const [checking, setChecking] = useState<Answers | undefined>();
  const [busy, setBusy] = useState(false);
  const cyclePath = `/cycles/${encodeURIComponent(cycleId)}`;

  const check = (event: Event) => {
    event.preventDefault();
    const read = readAnswers(action.fields, text, dates);
    setErrors(read.errors);
    if (Object.keys(read.errors).length === 0) setChecking(read.answers);
  };

  const send = async () => {
    if (!checking) return;
    setBusy(true);
    try {
      await api.post(`${cyclePath}${action.path}`, action.body(checking, session.user.name));
      navigate(`${cyclePath}?${new URLSearchParams(action.done(checking))}`);
    } catch (error) {
      // Back to the form with the API's words against its fields (a weekend or bank holiday, a date not after today...).
      const issues = error instanceof ApiError ? error.issues : [];
      setErrors(
        issues.length > 0
          ? Object.fromEntries(issues.map((issue) => [action.fields.some((field) => field.name === issue.field) ? issue.field : 'form', issue.message]))
          : { form: error instanceof Error ? error.message : String(error) },
      );
      setChecking(undefined);
    } finally {
      setBusy(false);
    }
  };

  const summary = Object.entries(errors).map(([name, message]) => ({ text: message, href: name === 'form' ? undefined : `#${name}` }));
  if (checking) {
    return html`<${Page} title=${`Check before you ${action.confirm.charAt(0).toLowerCase()}${action.confirm.slice(1)}`} caption=${`Cycle ${cycleId}`}>
      <dl class="nhsuk-summary-list">
        ${action.fields.map(
          (field) => html`<div class="nhsuk-summary-list__row">
            <dt class="nhsuk-summary-list__key">${field.label}</dt>
            <dd class="nhsuk-summary-list__value">${answerText(field, checking[field.name] ?? '')}</dd>
            <dd class="nhsuk-summary-list__actions">
              <button type="button" class="app-link-button" onClick=${() => setChecking(undefined)}>Change<span class="nhsuk-u-visually-hidden"> ${field.label.toLowerCase()}</span></button>
            </dd>
          </div>`,
        )}
        <div class="nhsuk-summary-list__row">
          <dt class="nhsuk-summary-list__key">Recorded as done by</dt>
          <dd class="nhsuk-summary-list__value">${session.user.name}</dd>
          <dd class="nhsuk-summary-list__actions"></dd>
        </div>
      </dl>
      ${action.warning && html`<div class="nhsuk-warning-callout"><h2 class="nhsuk-warning-callout__label"><span role="text"><span class="nhsuk-u-visually-hidden">Important: </span>This cannot be undone</span></h2><p>${action.warning}</p></div>`}
      <button class="nhsuk-button" type="button" disabled=${busy} onClick=${send}>${busy ? 'Sending…' : action.confirm}</button>
      <p class="nhsuk-body"><a class="nhsuk-link" href=${cyclePath}>Cancel and go back to the cycle</a></p>
    <//>`;
  }
  return html`<${Page} title=${action.title} caption=${`Cycle ${cycleId}`} back=${{ href: cyclePath, text: 'Back to the cycle' }}>
    <${ErrorSummary} errors=${summary} />
    <form onSubmit=${check} novalidate>
      ${action.fields.map((field): VNode => {
        if (field.kind === 'date') {
          return html`<${DateInput}
            id=${field.name}
            legend=${field.label}
            hint=${field.hint}
            error=${errors[field.name]}
            value=${dates[field.name] ?? emptyDate}
            onInput=${(value: DateValue) => setDates({ ...dates, [field.name]: value })}
          />`;
        }
        const onInput = (event: Event) => setText({ ...text, [field.name]: (event.currentTarget as HTMLInputElement).value });
        return html`<${Field} id=${field.name} label=${field.label} hint=${field.hint} error=${errors[field.name]}>
          ${(describedBy: string | undefined) =>
            field.kind === 'select'
              ? html`<select class="nhsuk-select" id=${field.name} name=${field.name} aria-describedby=${describedBy} onChange=${onInput}>
                  ${field.options?.map((option) => html`<option value=${option.value} selected=${option.value === text[field.name]}>${option.text}</option>`)}
                </select>`
              : html`<textarea class=${`nhsuk-textarea${errors[field.name] ? ' nhsuk-textarea--error' : ''}`} id=${field.name} name=${field.name} rows="3" aria-describedby=${describedBy} onInput=${onInput}>${text[field.name] ?? ''}</textarea>`}
        <//>`;
      })}
      <button class="nhsuk-button" type="submit">Continue</button>
    </form>
  <//>`;
};

export { StaffActionPage };
export type { ActionField, StaffAction };
