// A cycle's action plan (issue 13): what the review found (every unmet standard and area for
// development, as proposals), turned into actions: tick one proposal to accept it, several to merge
// them into one action, or none to add the service's own; each with an owner and a due date. The
// actions follow as NHS.UK summary cards with their status, which the service moves on as it goes,
// and a link to each action's PDSA cycles. A change refused because a colleague saved first says who.
import { ACTION_STATUSES } from '#core/action-plan';
import type { ActionStatus } from '#core/action-plan';
import { useState } from 'preact/hooks';
import { addAction, changeAction, loadActionPlan, pdsaHref } from '../api/action-plan.ts';
import type { ActionPlanView, ActionView } from '../api/action-plan.ts';
import { ApiError } from '../api/client.ts';
import { useApp } from '../app-context.ts';
import { Role } from '../auth/session.ts';
import { ErrorSummary } from '../components/error-summary.ts';
import { DateInput, Field, isoDateOf } from '../components/fields.ts';
import type { DateValue } from '../components/fields.ts';
import { LoadFailed } from '../components/load-failed.ts';
import { Page } from '../components/page.ts';
import { SuccessBanner } from '../components/success-banner.ts';
import { useLoad } from '../components/use-load.ts';
import { formatUkDate, formatUkDateTime, plural } from '../format.ts';
import { html } from '../html.ts';

const STATUS_LABELS: Record<ActionStatus, { text: string; colour: string }> = {
  'not-started': { text: 'Not started', colour: 'grey' },
  'in-progress': { text: 'In progress', colour: 'blue' },
  done: { text: 'Done', colour: 'green' },
  abandoned: { text: 'Abandoned', colour: 'orange' },
};
const RAMP_LABELS = { testing: 'testing a change', adopted: 'change adopted', abandoned: 'change abandoned' } as const;

const ActionStatusTag = ({ status }: { status: ActionStatus }) => html`<strong class=${`nhsuk-tag nhsuk-tag--${STATUS_LABELS[status].colour}`}>${STATUS_LABELS[status].text}</strong>`;

/** The API's field names as this page's field ids. */
const FIELD_IDS: Record<string, string> = { proposalIds: 'proposals', title: 'action-title', owner: 'action-owner', dueOn: 'action-due' };

const errorsOf = (error: unknown): Record<string, string> => {
  if (!(error instanceof ApiError)) return { proposals: `Nothing was saved: ${error instanceof Error ? error.message : String(error)}. Try again.` };
  if (error.issues.length === 0) return { proposals: error.message };
  return Object.fromEntries(error.issues.map((issue) => [FIELD_IDS[issue.field] ?? 'proposals', issue.message]));
};

const emptyDate: DateValue = { day: '', month: '', year: '' };

const NewActionForm = ({ view, onAdded }: { view: ActionPlanView; onAdded: (action: ActionView) => void }) => {
  const { api, session } = useApp();
  const open = view.proposals.filter((proposal) => !proposal.answeredBy);
  const [chosen, setChosen] = useState<string[]>([]);
  const [title, setTitle] = useState('');
  const [owner, setOwner] = useState('');
  const [due, setDue] = useState<DateValue>(emptyDate);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    const { date, error } = isoDateOf(due, 'Due date');
    const found: Record<string, string> = {
      ...(chosen.length !== 1 && title.trim() === '' ? { 'action-title': chosen.length === 0 ? 'Enter a title for your action' : 'Enter a title for the merged action' } : {}),
      ...(owner.trim() === '' ? { 'action-owner': 'Enter who owns the action' } : {}),
      ...(error || !date ? { 'action-due': error ?? 'Enter the due date' } : {}),
    };
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setSaving(true);
    try {
      const action = await addAction(api, view.cycleId, { proposalIds: chosen, ...(title.trim() ? { title: title.trim() } : {}), owner: owner.trim(), dueOn: date!, addedBy: session.user.name });
      setChosen([]);
      setTitle('');
      setOwner('');
      setDue(emptyDate);
      onAdded(action);
    } catch (failure) {
      setErrors(errorsOf(failure));
    } finally {
      setSaving(false);
    }
  };

  const toggle = (id: string) => setChosen(chosen.includes(id) ? chosen.filter((other) => other !== id) : [...chosen, id]);
  const summary = Object.entries(errors).map(([id, text]) => ({ href: `#${id}`, text }));
  return html`<form onSubmit=${submit} noValidate>
    <${ErrorSummary} errors=${summary} />
    <div class=${`nhsuk-form-group${errors.proposals ? ' nhsuk-form-group--error' : ''}`}>
      <fieldset class="nhsuk-fieldset" aria-describedby="proposals-hint">
        <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--m"><h2 class="nhsuk-fieldset__heading">Add an action</h2></legend>
        <div class="nhsuk-hint" id="proposals-hint">
          ${open.length > 0
            ? 'Tick one finding to accept it as an action, or several to merge them into one action. Tick none to add an action of your own.'
            : 'Every finding of the review has an action. You can still add actions of your own.'}
        </div>
        ${errors.proposals && html`<span class="nhsuk-error-message" id="proposals-error"><span class="nhsuk-u-visually-hidden">Error:</span> ${errors.proposals}</span>`}
        <div class="nhsuk-checkboxes">
          ${open.map(
            (proposal, index) => html`<div class="nhsuk-checkboxes__item">
              <input class="nhsuk-checkboxes__input" id=${index === 0 ? 'proposals' : `proposal-${index}`} type="checkbox" value=${proposal.id} checked=${chosen.includes(proposal.id)} onChange=${() => toggle(proposal.id)} />
              <label class="nhsuk-label nhsuk-checkboxes__label" for=${index === 0 ? 'proposals' : `proposal-${index}`}>${proposal.title}</label>
              <div class="nhsuk-hint nhsuk-checkboxes__hint">
                ${proposal.source.kind === 'not-met-standard' ? `Standard not met, type ${proposal.source.type} (${proposal.source.section})` : 'Area for development'}
              </div>
            </div>`,
          )}
        </div>
      </fieldset>
    </div>
    <${Field} id="action-title" label=${chosen.length === 1 ? 'Title (optional)' : 'Title'} hint=${chosen.length === 1 ? "Leave it empty to keep the finding's words." : 'What you will do, in a few words.'} error=${errors['action-title']}>
      ${(describedBy: string | undefined) => html`<input class="nhsuk-input" id="action-title" name="title" type="text" value=${title} aria-describedby=${describedBy} onInput=${(event: Event) => setTitle((event.currentTarget as HTMLInputElement).value)} />`}
    <//>
    <${Field} id="action-owner" label="Owner" hint="The person who makes sure it is done." error=${errors['action-owner']}>
      ${(describedBy: string | undefined) => html`<input class="nhsuk-input nhsuk-u-width-two-thirds" id="action-owner" name="owner" type="text" autocomplete="name" value=${owner} aria-describedby=${describedBy} onInput=${(event: Event) => setOwner((event.currentTarget as HTMLInputElement).value)} />`}
    <//>
    <${DateInput} id="action-due" legend="Due date" hint="For example, 27 3 2027. Your service lead gets a reminder before it; if it is missed, the network is told." error=${errors['action-due']} value=${due} onInput=${setDue} />
    <button class="nhsuk-button" type="submit" disabled=${saving}>${chosen.length > 1 ? 'Merge into one action' : chosen.length === 1 ? 'Accept as an action' : 'Add your own action'}</button>
  </form>`;
};

const StatusForm = ({ cycleId, action, onChanged }: { cycleId: string; action: ActionView; onChanged: (action: ActionView) => void }) => {
  const { api, session } = useApp();
  const [status, setStatus] = useState<ActionStatus>(action.status);
  const [error, setError] = useState<string>();
  const id = `status-${action.actionId}`;
  const save = async (event: Event) => {
    event.preventDefault();
    try {
      onChanged(await changeAction(api, cycleId, action.actionId, { status }, action.version, session.user.name));
      setError(undefined);
    } catch (failure) {
      if (failure instanceof ApiError && failure.code === 'StaleAction') {
        const current = failure.body.current as { updatedBy: string; updatedAt: string };
        setError(`${current.updatedBy} changed this action at ${formatUkDateTime(current.updatedAt)}, after you opened this page. Your change was not saved. Reload the page, then make your change again.`);
      } else setError(failure instanceof Error ? failure.message : String(failure));
    }
  };
  return html`<form class="app-inline-form" onSubmit=${save}>
    <div class=${`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>
      <label class="nhsuk-label" for=${id}>Status of action ${action.actionId}</label>
      ${error && html`<span class="nhsuk-error-message" id=${`${id}-error`}><span class="nhsuk-u-visually-hidden">Error:</span> ${error}</span>`}
      <select class="nhsuk-select" id=${id} aria-describedby=${error ? `${id}-error` : undefined} value=${status} onChange=${(event: Event) => setStatus((event.currentTarget as HTMLSelectElement).value as ActionStatus)}>
        ${ACTION_STATUSES.map((option) => html`<option value=${option} selected=${option === status}>${STATUS_LABELS[option].text}</option>`)}
      </select>
    </div>
    <button class="nhsuk-button nhsuk-button--secondary nhsuk-button--small" type="submit">Update status<span class="nhsuk-u-visually-hidden"> of action ${action.actionId}</span></button>
  </form>`;
};

const Row = ({ label, children }: { label: string; children: unknown }) => html`<div class="nhsuk-summary-list__row">
  <dt class="nhsuk-summary-list__key">${label}</dt>
  <dd class="nhsuk-summary-list__value">${children}</dd>
</div>`;

const ActionCard = ({ view, action, editable, onChanged }: { view: ActionPlanView; action: ActionView; editable: boolean; onChanged: (action: ActionView) => void }) => {
  const findings = view.proposals.filter((proposal) => action.proposalIds.includes(proposal.id));
  const cycles = action.ramp.cycles.length;
  return html`<div class="nhsuk-card" id=${`action-${action.actionId}`}>
    <div class="nhsuk-card__content">
      <h3 class="nhsuk-card__heading nhsuk-heading-s"><span class="nhsuk-caption-m">Action ${action.actionId}</span>${action.title}</h3>
      <dl class="nhsuk-summary-list">
        <${Row} label="Owner">${action.owner}<//>
        <${Row} label="Due">${formatUkDate(action.dueOn)} ${action.overdue && html`<strong class="nhsuk-tag nhsuk-tag--red">Overdue</strong>`}<//>
        <${Row} label="Status"><${ActionStatusTag} status=${action.status} /><//>
        <${Row} label="Standards">${action.standardIds.length > 0 ? action.standardIds.join(', ') : 'None'}<//>
        <${Row} label="From the review">${findings.length > 0 ? html`<ul class="nhsuk-list">${findings.map((finding) => html`<li>${finding.title}</li>`)}</ul>` : 'Added by the service'}<//>
        <${Row} label="PDSA cycles">${cycles === 0 ? 'None yet' : `${plural(cycles, 'cycle')}, ${RAMP_LABELS[action.ramp.state]}`}<//>
      </dl>
      ${editable && html`<${StatusForm} key=${`${action.actionId}@${action.version}`} cycleId=${view.cycleId} action=${action} onChanged=${onChanged} />`}
      <p class="nhsuk-body"><a class="nhsuk-link" href=${pdsaHref(view.cycleId, action.actionId)}>${editable ? 'Plan and record PDSA cycles' : 'See the PDSA cycles'}<span class="nhsuk-u-visually-hidden"> for action ${action.actionId}</span></a></p>
    </div>
  </div>`;
};

const PlanBody = ({ loaded, editable }: { loaded: ActionPlanView; editable: boolean }) => {
  const [view, setView] = useState(loaded);
  const [done, setDone] = useState<string>();
  const replace = (action: ActionView, text: string) => {
    const known = view.actions.some((existing) => existing.actionId === action.actionId);
    const actions = known ? view.actions.map((existing) => (existing.actionId === action.actionId ? { ...existing, ...action } : existing)) : [...view.actions, { ...action, overdue: false, ramp: { state: 'testing' as const, cycles: [] } }];
    const answered = new Map(actions.flatMap((each) => each.proposalIds.map((id) => [id, each.actionId] as const)));
    setView({ ...view, actions, proposals: view.proposals.map((proposal) => ({ ...proposal, answeredBy: answered.get(proposal.id) })) });
    setDone(text);
  };
  const overdue = view.actions.filter((action) => action.overdue).length;
  const open = view.proposals.filter((proposal) => !proposal.answeredBy).length;
  return html`
    ${done && html`<${SuccessBanner} text=${done} />`}
    ${!view.reportPreparedOn && html`<div class="nhsuk-inset-text"><span class="nhsuk-u-visually-hidden">Information: </span><p>The review's findings appear here once the draft report is ready. You can add actions of your own now.</p></div>`}
    <p class="nhsuk-body">
      ${view.reportPreparedOn && `From the review report of ${formatUkDate(view.reportPreparedOn)}: ${plural(view.proposals.length, 'finding')}, ${open} without an action yet. `}
      ${plural(view.actions.length, 'action')}${overdue > 0 ? `, ${overdue} overdue` : ''}.
    </p>
    <h2 class="nhsuk-heading-m">Actions</h2>
    ${view.actions.length === 0 ? html`<p class="nhsuk-body">No actions yet.</p>` : view.actions.map((action) => html`<${ActionCard} key=${action.actionId} view=${view} action=${action} editable=${editable} onChanged=${(changed: ActionView) => replace(changed, `Action ${changed.actionId} is now ${STATUS_LABELS[changed.status].text.toLowerCase()}`)} />`)}
    ${editable && html`<${NewActionForm} view=${view} onAdded=${(action: ActionView) => replace(action, `Action ${action.actionId} added: ${action.title}`)} />`}
    ${!editable && open > 0 && html`<h2 class="nhsuk-heading-m">Findings without an action</h2><ul class="nhsuk-list nhsuk-list--bullet">${view.proposals.filter((proposal) => !proposal.answeredBy).map((proposal) => html`<li>${proposal.title}</li>`)}</ul>`}
  `;
};

const ActionPlanPage = ({ cycleId }: { cycleId: string }) => {
  const { api, session } = useApp();
  const loaded = useLoad(() => loadActionPlan(api, cycleId), [cycleId]);
  const editable = session.user.roles.includes(Role.staff) || session.user.roles.includes(Role.service);
  const title = loaded.state === 'ready' ? `Action plan: ${loaded.data.serviceName}` : 'Action plan';
  return html`<${Page} title=${title} caption=${`Cycle ${cycleId}`} back=${{ href: `/cycles/${encodeURIComponent(cycleId)}`, text: 'Back to the cycle' }}>
    ${loaded.state === 'loading' && html`<p class="nhsuk-body" role="status">Loading the action plan…</p>`}
    ${loaded.state === 'failed' && html`<${LoadFailed} error=${loaded.error} />`}
    ${loaded.state === 'ready' && html`<${PlanBody} key=${loaded.data.planVersion} loaded=${loaded.data} editable=${editable} />`}
  <//>`;
};

export { ActionPlanPage, ActionStatusTag, STATUS_LABELS };
