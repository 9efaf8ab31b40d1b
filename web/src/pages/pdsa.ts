// One action's PDSA cycles as a ramp (issue 13): the cycles in the order they were planned, each with
// its Plan, Do, Study and Act and the day each was recorded, then the form for what comes next: the
// open cycle's next phase, or a new cycle once the last one has acted. Teams find PDSA hard to keep
// up, so each step asks for one thing in plain words, and the order is the API's (a Study after its Do).
import { nextPhase, rampOf } from '#core/pdsa';
import type { ActDecision, PdsaPhase } from '#core/pdsa';
import { useState } from 'preact/hooks';
import { actionPlanHref, loadActionPlan, planPdsaCycle, recordPdsaPhase } from '../api/action-plan.ts';
import type { ActionPlanView, ActionView, PdsaCycleView, PdsaPhaseEntry } from '../api/action-plan.ts';
import { ApiError } from '../api/client.ts';
import { useApp } from '../app-context.ts';
import { Role } from '../auth/session.ts';
import { ErrorSummary } from '../components/error-summary.ts';
import { Field } from '../components/fields.ts';
import { LoadFailed } from '../components/load-failed.ts';
import { Page } from '../components/page.ts';
import { SuccessBanner } from '../components/success-banner.ts';
import { useLoad } from '../components/use-load.ts';
import { formatUkDate } from '../format.ts';
import { html } from '../html.ts';
import { ActionStatusTag } from './action-plan.ts';

const DECISIONS: { value: ActDecision; text: string; hint: string }[] = [
  { value: 'adopt', text: 'Adopt', hint: 'The change worked: make it how you work.' },
  { value: 'adapt', text: 'Adapt', hint: 'Change it and test it again in a new cycle.' },
  { value: 'abandon', text: 'Abandon', hint: 'It did not work: stop, and try another idea.' },
];
const RAMP_STATES = { testing: 'Testing a change', adopted: 'Change adopted', abandoned: 'Change abandoned' } as const;

/** What each phase asks, in the words of the Model for Improvement. */
const PHASE_FIELDS = {
  do: { heading: 'Do', field: 'whatHappened', label: 'What happened when you tried it?', hint: 'Carry out the change on a small scale and note what happened, including anything unexpected.' },
  study: { heading: 'Study', field: 'comparedWithPrediction', label: 'What did the data show, compared with your prediction?', hint: 'Compare what you measured with what you predicted.' },
} as const;

const MISSING: Record<string, string> = {
  changeIdea: 'Enter the change you will try',
  prediction: 'Enter what you predict will happen',
  whatHappened: 'Enter what happened when you tried it',
  comparedWithPrediction: 'Enter what the data showed compared with your prediction',
  decision: 'Choose adopt, adapt or abandon',
};

const PhaseRow = ({ label, on, children }: { label: string; on?: string; children: unknown }) => html`<div class="nhsuk-summary-list__row">
  <dt class="nhsuk-summary-list__key">${label}${on && html`<br /><span class="nhsuk-body-s">${formatUkDate(on)}</span>`}</dt>
  <dd class="nhsuk-summary-list__value">${children ?? html`<span class="app-muted">Not recorded yet</span>`}</dd>
</div>`;

const CycleCard = ({ cycle, index }: { cycle: PdsaCycleView; index: number }) => html`<li class="app-ramp__step">
  <div class="nhsuk-card">
    <div class="nhsuk-card__content">
      <h3 class="nhsuk-card__heading nhsuk-heading-s">Cycle ${index + 1}: ${cycle.plan.changeIdea}</h3>
      <dl class="nhsuk-summary-list">
        <${PhaseRow} label="Plan" on=${cycle.plan.on}><strong>Change:</strong> ${cycle.plan.changeIdea}<br /><strong>Prediction:</strong> ${cycle.plan.prediction}<//>
        <${PhaseRow} label="Do" on=${cycle.do?.on}>${cycle.do?.whatHappened}<//>
        <${PhaseRow} label="Study" on=${cycle.study?.on}>${cycle.study?.comparedWithPrediction}<//>
        <${PhaseRow} label="Act" on=${cycle.act?.on}>${cycle.act && html`<strong>${DECISIONS.find((decision) => decision.value === cycle.act?.decision)?.text}</strong>${cycle.act.nextSteps ? `: ${cycle.act.nextSteps}` : ''}`}<//>
      </dl>
    </div>
  </div>
</li>`;

const messageOf = (error: unknown): string => {
  if (error instanceof ApiError && (error.code === 'StalePdsaCycle' || error.code === 'PdsaCyclePlannedMeanwhile')) return `${error.message}. Reload the page to see it.`;
  return error instanceof Error ? error.message : String(error);
};

/** The next step of the ramp: plan a cycle, or record the open cycle's next phase. */
const NextStepForm = ({ view, action, onSaved }: { view: ActionPlanView; action: ActionView; onSaved: (cycle: PdsaCycleView, text: string) => void }) => {
  const { api, session } = useApp();
  const open = action.ramp.cycles.find((cycle) => cycle.nextPhase !== undefined);
  const phase: PdsaPhase = open?.nextPhase ?? 'plan';
  const [values, setValues] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const set = (name: string) => (event: Event) => setValues({ ...values, [name]: (event.currentTarget as HTMLInputElement).value });
  const required = phase === 'plan' ? ['changeIdea', 'prediction'] : phase === 'act' ? ['decision'] : [PHASE_FIELDS[phase].field];

  const submit = async (event: Event) => {
    event.preventDefault();
    const missing = Object.fromEntries(required.filter((name) => !values[name]?.trim()).map((name) => [name, MISSING[name]]));
    setErrors(missing);
    if (Object.keys(missing).length > 0) return;
    setSaving(true);
    try {
      if (phase === 'plan') {
        const cycle = await planPdsaCycle(api, view.cycleId, action.actionId, { changeIdea: values.changeIdea.trim(), prediction: values.prediction.trim() }, session.user.name);
        onSaved(cycle, `Cycle ${action.ramp.cycles.length + 1} planned`);
      } else {
        const entry = (phase === 'act' ? { decision: values.decision as ActDecision, ...(values.nextSteps?.trim() ? { nextSteps: values.nextSteps.trim() } : {}) } : { [PHASE_FIELDS[phase].field]: values[PHASE_FIELDS[phase].field].trim() }) as PdsaPhaseEntry;
        const cycle = await recordPdsaPhase(api, view.cycleId, action.actionId, open!.id, phase, entry, open!.version, session.user.name);
        onSaved(cycle, `${phase === 'act' ? 'Act' : PHASE_FIELDS[phase].heading} recorded for cycle ${action.ramp.cycles.indexOf(open!) + 1}`);
      }
      setValues({});
    } catch (error) {
      const issues = error instanceof ApiError ? error.issues : [];
      setErrors(issues.length > 0 ? Object.fromEntries(issues.map((issue) => [required.includes(issue.field) ? issue.field : required[0], issue.message])) : { [required[0]]: messageOf(error) });
    } finally {
      setSaving(false);
    }
  };

  const summary = Object.entries(errors).map(([id, text]) => ({ href: `#${id}`, text }));
  const cycleNumber = open ? action.ramp.cycles.indexOf(open) + 1 : action.ramp.cycles.length + 1;
  const textArea = (name: string, label: string, hint: string) => html`<${Field} id=${name} label=${label} hint=${hint} error=${errors[name]}>
    ${(describedBy: string | undefined) => html`<textarea class=${`nhsuk-textarea${errors[name] ? ' nhsuk-textarea--error' : ''}`} id=${name} name=${name} rows="3" aria-describedby=${describedBy} value=${values[name] ?? ''} onInput=${set(name)}></textarea>`}
  <//>`;
  return html`<form onSubmit=${submit} noValidate>
    <${ErrorSummary} errors=${summary} />
    <h2 class="nhsuk-heading-m">${phase === 'plan' ? (cycleNumber > 1 ? `Plan cycle ${cycleNumber} (optional)` : 'Plan the first cycle') : `Cycle ${cycleNumber}: ${phase === 'act' ? 'Act' : PHASE_FIELDS[phase].heading}`}</h2>
    ${phase === 'plan' && textArea('changeIdea', 'What change will you try?', 'A small test: one ward, one shift or one week is enough.')}
    ${phase === 'plan' && textArea('prediction', 'What do you predict will happen?', 'Say it with a number you can check, for example "8 in 10 assessments within 24 hours".')}
    ${(phase === 'do' || phase === 'study') && textArea(PHASE_FIELDS[phase].field, PHASE_FIELDS[phase].label, PHASE_FIELDS[phase].hint)}
    ${phase === 'act' &&
    html`<div class=${`nhsuk-form-group${errors.decision ? ' nhsuk-form-group--error' : ''}`}>
        <fieldset class="nhsuk-fieldset" aria-describedby=${errors.decision ? 'decision-error' : undefined}>
          <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">What will you do with the change?</legend>
          ${errors.decision && html`<span class="nhsuk-error-message" id="decision-error"><span class="nhsuk-u-visually-hidden">Error:</span> ${errors.decision}</span>`}
          <div class="nhsuk-radios">
            ${DECISIONS.map(
              (decision, index) => html`<div class="nhsuk-radios__item">
                <input class="nhsuk-radios__input" id=${index === 0 ? 'decision' : `decision-${decision.value}`} name="decision" type="radio" value=${decision.value} checked=${values.decision === decision.value} aria-describedby=${`decision-${decision.value}-hint`} onChange=${set('decision')} />
                <label class="nhsuk-label nhsuk-radios__label" for=${index === 0 ? 'decision' : `decision-${decision.value}`}>${decision.text}</label>
                <div class="nhsuk-hint nhsuk-radios__hint" id=${`decision-${decision.value}-hint`}>${decision.hint}</div>
              </div>`,
            )}
          </div>
        </fieldset>
      </div>
      ${textArea('nextSteps', 'Next steps (optional)', 'For example, what the next cycle will change.')}`}
    <button class="nhsuk-button" type="submit" disabled=${saving}>${phase === 'plan' ? 'Save the plan' : 'Save'}</button>
  </form>`;
};

const RampBody = ({ loaded, actionId, editable }: { loaded: ActionPlanView; actionId: string; editable: boolean }) => {
  const [view, setView] = useState(loaded);
  const [done, setDone] = useState<string>();
  const action = view.actions.find((candidate) => candidate.actionId === actionId);
  if (!action) return html`<p class="nhsuk-body">This action plan has no action ${actionId}. <a href=${actionPlanHref(view.cycleId)}>See the action plan</a>.</p>`;
  const saved = (cycle: PdsaCycleView, text: string) => {
    const known = action.ramp.cycles.some((existing) => existing.id === cycle.id);
    const withNext = { ...cycle, nextPhase: nextPhase(cycle) };
    const cycles = known ? action.ramp.cycles.map((existing) => (existing.id === cycle.id ? withNext : existing)) : [...action.ramp.cycles, withNext];
    const ramp = { state: rampOf(cycles).state, cycles };
    setView({ ...view, actions: view.actions.map((each) => (each.actionId === actionId ? { ...each, ramp } : each)) });
    setDone(text);
  };
  return html`
    ${done && html`<${SuccessBanner} text=${done} />`}
    <dl class="nhsuk-summary-list">
      <div class="nhsuk-summary-list__row"><dt class="nhsuk-summary-list__key">Owner</dt><dd class="nhsuk-summary-list__value">${action.owner}</dd></div>
      <div class="nhsuk-summary-list__row"><dt class="nhsuk-summary-list__key">Due</dt><dd class="nhsuk-summary-list__value">${formatUkDate(action.dueOn)}</dd></div>
      <div class="nhsuk-summary-list__row"><dt class="nhsuk-summary-list__key">Status</dt><dd class="nhsuk-summary-list__value"><${ActionStatusTag} status=${action.status} /></dd></div>
      <div class="nhsuk-summary-list__row"><dt class="nhsuk-summary-list__key">PDSA ramp</dt><dd class="nhsuk-summary-list__value">${action.ramp.cycles.length === 0 ? 'No cycles yet' : RAMP_STATES[action.ramp.state]}</dd></div>
    </dl>
    ${action.ramp.state === 'adopted' && (action.status === 'not-started' || action.status === 'in-progress') && editable &&
    html`<div class="nhsuk-inset-text"><span class="nhsuk-u-visually-hidden">Information: </span><p>The change is adopted. If that completes the action, mark it done on the <a href=${actionPlanHref(view.cycleId)}>action plan</a>.</p></div>`}
    <h2 class="nhsuk-heading-m">PDSA cycles</h2>
    ${action.ramp.cycles.length === 0
      ? html`<p class="nhsuk-body">Test a change in small steps: plan it with a prediction, do it, study what happened against the prediction, then adopt, adapt or abandon it. Each cycle builds on the one before.</p>`
      : html`<ol class="app-ramp" aria-label="PDSA cycles, first to last">${action.ramp.cycles.map((cycle, index) => html`<${CycleCard} key=${cycle.id} cycle=${cycle} index=${index} />`)}</ol>`}
    ${editable && html`<${NextStepForm} key=${`${action.ramp.cycles.length}-${action.ramp.cycles.at(-1)?.version ?? 0}`} view=${view} action=${action} onSaved=${saved} />`}
    <p class="nhsuk-body"><a class="nhsuk-link" href=${actionPlanHref(view.cycleId)}>Back to the action plan</a></p>
  `;
};

/** The measures the service linked to this action, each to its page with the run and SPC charts. */
const ActionMeasures = ({ cycleId, actionId }: { cycleId: string; actionId: string }) => {
  const { api } = useApp();
  const path = `/cycles/${encodeURIComponent(cycleId)}/measures`;
  const loaded = useLoad(async () => (await api.get<{ measures: { measureId: string; actionId?: string; definition: { name: string } }[] }>(path)).body.measures.filter((measure) => measure.actionId === actionId), [cycleId, actionId]);
  if (loaded.state !== 'ready' || loaded.data.length === 0) return null;
  return html`<h2 class="nhsuk-heading-m">Measures of this action</h2>
    <ul class="nhsuk-list">${loaded.data.map((measure) => html`<li><a class="nhsuk-link" href=${`${path}/${encodeURIComponent(measure.measureId)}`}>${measure.definition.name}</a> (run and SPC charts)</li>`)}</ul>`;
};

const PdsaPage = ({ cycleId, actionId }: { cycleId: string; actionId: string }) => {
  const { api, session } = useApp();
  const loaded = useLoad(() => loadActionPlan(api, cycleId), [cycleId, actionId]);
  const editable = session.user.roles.includes(Role.staff) || session.user.roles.includes(Role.service);
  const action = loaded.state === 'ready' ? loaded.data.actions.find((candidate) => candidate.actionId === actionId) : undefined;
  return html`<${Page} title=${action ? action.title : `Action ${actionId}`} caption=${`Action ${actionId}, PDSA cycles`} back=${{ href: actionPlanHref(cycleId), text: 'Back to the action plan' }}>
    ${loaded.state === 'loading' && html`<p class="nhsuk-body" role="status">Loading…</p>`}
    ${loaded.state === 'failed' && html`<${LoadFailed} error=${loaded.error} />`}
    ${loaded.state === 'ready' && html`<${RampBody} loaded=${loaded.data} actionId=${actionId} editable=${editable} /><${ActionMeasures} cycleId=${cycleId} actionId=${actionId} />`}
  <//>`;
};

export { PdsaPage };
