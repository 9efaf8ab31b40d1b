// NHS.UK form fields: label, hint, error message and the input, linked by ids so the error summary
// can point at them and screen readers read the hint and error with the field.
import type { ComponentChildren } from 'preact';
import { html } from '../html.ts';
import { isoDateOf } from '../date-value.ts';
import type { DateValue } from '../date-value.ts';

interface FieldProps {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  children: (describedBy: string | undefined) => ComponentChildren;
}

const Field = ({ id, label, hint, error, children }: FieldProps) => {
  const describedBy = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
  return html`<div class=${`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>
    <label class="nhsuk-label" for=${id}>${label}</label>
    ${hint && html`<div class="nhsuk-hint" id=${`${id}-hint`}>${hint}</div>`}
    ${error && html`<span class="nhsuk-error-message" id=${`${id}-error`}><span class="nhsuk-u-visually-hidden">Error:</span> ${error}</span>`}
    ${children(describedBy)}
  </div>`;
};

interface DateInputProps {
  id: string;
  legend: string;
  hint?: string;
  error?: string;
  value: DateValue;
  onInput: (value: DateValue) => void;
}

/** The NHS.UK date input: day, month and year boxes in one fieldset; the first box carries the id. */
const DateInput = ({ id, legend, hint, error, value, onInput }: DateInputProps) => {
  const describedBy = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
  const part = (name: keyof DateValue, label: string, width: number) => html`<div class="nhsuk-date-input__item">
    <div class="nhsuk-form-group">
      <label class="nhsuk-label nhsuk-date-input__label" for=${name === 'day' ? id : `${id}-${name}`}>${label}</label>
      <input
        class=${`nhsuk-input nhsuk-date-input__input nhsuk-input--width-${width}${error ? ' nhsuk-input--error' : ''}`}
        id=${name === 'day' ? id : `${id}-${name}`}
        name=${`${id}-${name}`}
        type="text"
        inputmode="numeric"
        value=${value[name]}
        onInput=${(event: Event) => onInput({ ...value, [name]: (event.currentTarget as HTMLInputElement).value })}
      />
    </div>
  </div>`;
  return html`<div class=${`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>
    <fieldset class="nhsuk-fieldset" role="group" aria-describedby=${describedBy}>
      <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">${legend}</legend>
      ${hint && html`<div class="nhsuk-hint" id=${`${id}-hint`}>${hint}</div>`}
      ${error && html`<span class="nhsuk-error-message" id=${`${id}-error`}><span class="nhsuk-u-visually-hidden">Error:</span> ${error}</span>`}
      <div class="nhsuk-date-input">${part('day', 'Day', 2)}${part('month', 'Month', 2)}${part('year', 'Year', 4)}</div>
    </fieldset>
  </div>`;
};

export { DateInput, Field, isoDateOf };
export type { DateValue };
