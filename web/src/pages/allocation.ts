// Allocating the review team by hand (staff, issue 8): when no conflict-free team was found, or
// when staff pick one themselves. Every reviewer of the pool is listed, eligible or excluded and
// why; staff choose a lead and members, give a reason for each rule the network lets them override,
// check their answers and send the team. The API holds it to the same rules and its 4xx words come
// back into the error summary.
import type { VNode } from 'preact';
import { useState } from 'preact/hooks';
import { reviewerRoleLabel } from '#commons/helpers/review-team';
import { loadAllocationContext, submitTeam } from '../api/allocation.ts';
import type { AllocationContext, Candidate, ManualTeam, RuleOverride, TeamBreach } from '../api/allocation.ts';
import { ApiError } from '../api/client.ts';
import { useApp } from '../app-context.ts';
import { ErrorSummary } from '../components/error-summary.ts';
import { Field } from '../components/fields.ts';
import { LoadFailed } from '../components/load-failed.ts';
import { Page } from '../components/page.ts';
import { useLoad } from '../components/use-load.ts';
import { formatUkDate } from '../format.ts';
import { html } from '../html.ts';
import { navigate } from '../router.ts';
import { CandidatesTable, LEAD, reasonsOn, roleFieldId } from './allocation-candidates.ts';

type Errors = Record<string, string>;

/** A rule to break for one reviewer (or the whole team), with the field its reason is typed in. */
interface NeededOverride {
  key: string;
  reviewerId?: string;
  who: string;
  rule: string;
  ruleLabel: string;
  detail: string;
  overridable: boolean;
}

const overrideKey = (reviewerId: string | undefined, rule: string) => `${reviewerId ?? 'team'}--${rule}`;
const reasonFieldId = (key: string) => `override-${key}`;

/** Every rule the chosen team breaks on the date, as far as the page knows, plus those the API named. */
const neededOverrides = (context: AllocationContext, date: string, roles: Record<string, string>, fromApi: TeamBreach[]): NeededOverride[] => {
  const needed = new Map<string, NeededOverride>();
  for (const candidate of context.candidates) {
    const role = roles[candidate.reviewerId];
    if (!role) continue;
    for (const reason of reasonsOn(candidate, date, role)) {
      const key = overrideKey(candidate.reviewerId, reason.rule);
      needed.set(key, { key, reviewerId: candidate.reviewerId, who: candidate.name, rule: reason.rule, ruleLabel: reason.ruleLabel, detail: reason.detail, overridable: context.overridableRules.includes(reason.rule) });
    }
  }
  // The API judges by the configuration the cycle started with; what it says overridable is.
  for (const breach of fromApi.filter((candidate) => candidate.rule && candidate.overridable)) {
    const key = overrideKey(breach.reviewerId, breach.rule!);
    const who = context.candidates.find((candidate) => candidate.reviewerId === breach.reviewerId)?.name ?? 'The team';
    needed.set(key, { key, reviewerId: breach.reviewerId, who, rule: breach.rule!, ruleLabel: breach.ruleLabel ?? breach.rule!, detail: breach.detail ?? '', overridable: true });
  }
  return [...needed.values()];
};

const roleOrder = (role: string) => (role === LEAD ? 0 : role === 'professional' ? 1 : 2);

/** Leads first, then professional peers, then experts by experience; by name within each. */
const byRole = (candidates: Candidate[]): Candidate[] =>
  [...candidates].sort((a, b) => Math.min(...a.roles.map(roleOrder)) - Math.min(...b.roles.map(roleOrder)) || a.name.localeCompare(b.name));

interface Choice {
  date: string;
  roles: Record<string, string>;
  reasons: Record<string, string>;
  note: string;
}

/** The team to send, or the errors against each field. */
const readTeam = (context: AllocationContext, choice: Choice, fromApi: TeamBreach[], by: string): { team?: ManualTeam; errors: Errors } => {
  const errors: Errors = {};
  const chosen = Object.entries(choice.roles).filter(([, role]) => role !== '');
  const leads = chosen.filter(([, role]) => role === LEAD);
  const firstLead = context.candidates.find((candidate) => candidate.roles.includes(LEAD)) ?? context.candidates[0];
  if (leads.length === 0 && firstLead) errors[roleFieldId(firstLead.reviewerId)] = 'Choose a lead reviewer: set one reviewer’s role to lead reviewer';
  if (leads.length > 1) errors[roleFieldId(leads[1]![0])] = 'Choose only one lead reviewer';
  if (chosen.length - leads.length === 0) {
    const other = context.candidates.find((candidate) => candidate.roles.some((role) => role !== LEAD));
    if (other) errors[roleFieldId(other.reviewerId)] ??= 'Choose at least one member besides the lead reviewer';
  }
  const overrides: RuleOverride[] = [];
  for (const needed of neededOverrides(context, choice.date, choice.roles, fromApi)) {
    if (!needed.overridable) {
      const field = needed.reviewerId ? roleFieldId(needed.reviewerId) : 'form';
      errors[field] ??= `${needed.who} cannot serve on ${formatUkDate(choice.date)}: ${needed.ruleLabel.toLowerCase()} (${needed.detail}). The network does not let staff override this rule`;
      continue;
    }
    const reason = (choice.reasons[needed.key] ?? '').trim();
    if (!reason) errors[reasonFieldId(needed.key)] = `Enter why ${needed.who} may serve despite: ${needed.ruleLabel.toLowerCase()}`;
    else overrides.push({ ...(needed.reviewerId && { reviewerId: needed.reviewerId }), rule: needed.rule, reason });
  }
  if (Object.keys(errors).length > 0) return { errors };
  const team = chosen.map(([reviewerId, role]) => ({ reviewerId, role })).sort((a, b) => roleOrder(a.role) - roleOrder(b.role));
  const note = choice.note.trim();
  return { errors, team: { allocatedBy: by, date: choice.date, team, ...(note && { note }), ...(overrides.length > 0 && { overrides }) } };
};

const sentence = (text: string): string => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;

/** The API's refusal against the fields it names: a reviewer's role, or the form. */
const errorsFromApi = (error: unknown, context: AllocationContext): { errors: Errors; breaches: TeamBreach[] } => {
  if (!(error instanceof ApiError) || error.status >= 500) return { errors: { form: error instanceof Error ? error.message : String(error) }, breaches: [] };
  const breaches = error.issues as TeamBreach[];
  if (breaches.length === 0) return { errors: { form: error.message }, breaches };
  const errors: Errors = {};
  for (const breach of breaches) {
    const candidate = context.candidates.find((one) => one.reviewerId === breach.reviewerId);
    const text = breach.rule
      ? `${candidate?.name ?? 'The team'}: ${breach.ruleLabel ?? breach.rule}. ${sentence(breach.detail ?? '')}${breach.overridable ? '. Give the reason to override it' : ''}`
      : `${breach.field}: ${breach.message ?? ''}`;
    const field = breach.overridable && breach.rule ? reasonFieldId(overrideKey(breach.reviewerId, breach.rule)) : candidate ? roleFieldId(candidate.reviewerId) : 'form';
    errors[field] = errors[field] ? `${errors[field]}; ${text}` : text;
  }
  return { errors, breaches };
};

const DateChoice = ({ dates, date, onDate }: { dates: string[]; date: string; onDate: (date: string) => void }) => {
  if (dates.length === 1) return html`<p class="nhsuk-body">Visit date: <strong>${formatUkDate(date)}</strong></p>`;
  return html`<div class="nhsuk-form-group">
    <fieldset class="nhsuk-fieldset" aria-describedby="date-hint">
      <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Visit date</legend>
      <div class="nhsuk-hint" id="date-hint">One of the dates the host offered. Who is eligible depends on the date.</div>
      <div class="nhsuk-radios nhsuk-radios--inline">
        ${dates.map(
          (option, index) => html`<div class="nhsuk-radios__item">
            <input class="nhsuk-radios__input" id=${index === 0 ? 'date' : `date-${index}`} name="date" type="radio" value=${option} checked=${option === date} onChange=${() => onDate(option)} />
            <label class="nhsuk-label nhsuk-radios__label" for=${index === 0 ? 'date' : `date-${index}`}>${formatUkDate(option)}</label>
          </div>`,
        )}
      </div>
    </fieldset>
  </div>`;
};

const CheckTeam = ({ context, team, busy, by, onSend, onChange }: { context: AllocationContext; team: ManualTeam; busy: boolean; by: string; onSend: () => void; onChange: () => void }) => {
  const ruleLabelOf = (rule: string) => context.candidates.flatMap((candidate) => candidate.reasons).find((reason) => reason.rule === rule)?.ruleLabel ?? rule;
  const nameOf = (reviewerId?: string) => context.candidates.find((candidate) => candidate.reviewerId === reviewerId)?.name ?? reviewerId ?? 'The team';
  const row = (label: string, value: unknown, change = true) => html`<div class="nhsuk-summary-list__row">
    <dt class="nhsuk-summary-list__key">${label}</dt>
    <dd class="nhsuk-summary-list__value">${value}</dd>
    <dd class="nhsuk-summary-list__actions">${change && html`<button type="button" class="app-link-button" onClick=${onChange}>Change<span class="nhsuk-u-visually-hidden"> ${label.toLowerCase()}</span></button>`}</dd>
  </div>`;
  return html`<dl class="nhsuk-summary-list">
      ${row('Visit date', formatUkDate(team.date))}
      ${row('Team', html`<ul class="nhsuk-list">${team.team.map((member) => html`<li>${nameOf(member.reviewerId)}: ${reviewerRoleLabel(member.role).toLowerCase()}</li>`)}</ul>`)}
      ${team.overrides && row('Rules overridden', html`<ul class="nhsuk-list">${team.overrides.map((override) => html`<li>${nameOf(override.reviewerId)}, ${ruleLabelOf(override.rule).toLowerCase()}: ${override.reason}</li>`)}</ul>`)}
      ${team.note && row('Note', team.note)}
      ${row('Allocated by', by, false)}
    </dl>
    <p class="nhsuk-body">Each member is invited by email and asked to accept.</p>
    <button class="nhsuk-button" type="button" disabled=${busy} onClick=${onSend}>${busy ? 'Sending…' : 'Allocate the team'}</button>
    <p class="nhsuk-body"><a class="nhsuk-link" href=${`/cycles/${encodeURIComponent(context.cycleId)}`}>Cancel and go back to the cycle</a></p>`;
};

const AllocationForm = ({ context }: { context: AllocationContext }) => {
  const { api, session } = useApp();
  const [choice, setChoice] = useState<Choice>({ date: context.dates[0] ?? '', roles: {}, reasons: {}, note: '' });
  const [errors, setErrors] = useState<Errors>({});
  const [fromApi, setFromApi] = useState<TeamBreach[]>([]);
  const [checking, setChecking] = useState<ManualTeam | undefined>();
  const [busy, setBusy] = useState(false);
  const cyclePath = `/cycles/${encodeURIComponent(context.cycleId)}`;

  const check = (event: Event) => {
    event.preventDefault();
    const read = readTeam(context, choice, fromApi, session.user.name);
    setErrors(read.errors);
    if (read.team) setChecking(read.team);
  };

  const send = async () => {
    if (!checking || busy) return;
    setBusy(true);
    try {
      await submitTeam(api, context.cycleId, checking);
      navigate(`${cyclePath}?done=allocated`);
    } catch (error) {
      const refused = errorsFromApi(error, context);
      setFromApi(refused.breaches);
      setErrors(refused.errors);
      setChecking(undefined);
    } finally {
      setBusy(false);
    }
  };

  const summary = Object.entries(errors).map(([field, text]) => ({ text, href: field === 'form' ? undefined : `#${field}` }));
  if (checking) {
    return html`<${Page} title="Check the team before you allocate it" caption=${context.serviceName}>
      <${CheckTeam} context=${context} team=${checking} busy=${busy} by=${session.user.name} onSend=${send} onChange=${() => setChecking(undefined)} />
    <//>`;
  }
  const overrides = neededOverrides(context, choice.date, choice.roles, fromApi).filter((needed) => needed.overridable);
  return html`<${Page} title="Allocate the review team by hand" caption=${context.serviceName} back=${{ href: cyclePath, text: 'Back to the cycle' }}>
    <${ErrorSummary} errors=${summary} />
    ${!context.waiting &&
    html`<div class="nhsuk-inset-text"><span class="nhsuk-u-visually-hidden">Information: </span><p>This cycle is not waiting for a team chosen by hand, so a team cannot be sent now. The pool is shown to read.</p></div>`}
    ${context.waiting && html`<p class="nhsuk-body">The workflow found no team that keeps every allocation rule, so it waits for you to choose one.</p>`}
    <p class="nhsuk-body">Every reviewer in the network's pool, leads first, and why any of them cannot serve. Choose one lead reviewer and the other members in the last column.</p>
    <form onSubmit=${check} novalidate>
      <${DateChoice} dates=${context.dates} date=${choice.date} onDate=${(date: string) => setChoice({ ...choice, date })} />
      <${CandidatesTable}
        candidates=${byRole(context.candidates)}
        date=${choice.date}
        roles=${choice.roles}
        errors=${errors}
        onRole=${context.waiting ? (reviewerId: string, role: string) => setChoice({ ...choice, roles: { ...choice.roles, [reviewerId]: role } }) : undefined}
      />
      ${overrides.length > 0 && html`<h2 class="nhsuk-heading-m">Reasons to override a rule</h2>
        <p class="nhsuk-body">The network lets staff override these rules. The reason is kept in the audit trail.</p>`}
      ${overrides.map(
        (needed): VNode => html`<${Field}
          id=${reasonFieldId(needed.key)}
          label=${`Why ${needed.who} may serve despite: ${needed.ruleLabel.toLowerCase()}`}
          hint=${needed.detail ? `The rule: ${needed.who} ${needed.detail}.` : undefined}
          error=${errors[reasonFieldId(needed.key)]}
        >
          ${(describedBy: string | undefined) => html`<textarea
            class=${`nhsuk-textarea${errors[reasonFieldId(needed.key)] ? ' nhsuk-textarea--error' : ''}`}
            id=${reasonFieldId(needed.key)}
            name=${reasonFieldId(needed.key)}
            rows="2"
            aria-describedby=${describedBy}
            onInput=${(event: Event) => setChoice({ ...choice, reasons: { ...choice.reasons, [needed.key]: (event.currentTarget as HTMLTextAreaElement).value } })}
          >${choice.reasons[needed.key] ?? ''}</textarea>`}
        <//>` as VNode,
      )}
      ${context.waiting &&
      html`<${Field} id="note" label="Note (optional)" hint="Why this team, for the audit trail.">
          ${(describedBy: string | undefined) => html`<textarea class="nhsuk-textarea" id="note" name="note" rows="2" aria-describedby=${describedBy} onInput=${(event: Event) => setChoice({ ...choice, note: (event.currentTarget as HTMLTextAreaElement).value })}>${choice.note}</textarea>`}
        <//>
        <button class="nhsuk-button" type="submit">Continue</button>`}
    </form>
  <//>`;
};

const AllocationPage = ({ cycleId }: { cycleId: string }) => {
  const { api } = useApp();
  const loaded = useLoad(() => loadAllocationContext(api, cycleId), [cycleId]);
  if (loaded.state === 'ready') return html`<${AllocationForm} context=${loaded.data} />`;
  return html`<${Page} title="Allocate the review team by hand" caption=${`Cycle ${cycleId}`} back=${{ href: `/cycles/${encodeURIComponent(cycleId)}`, text: 'Back to the cycle' }}>
    ${loaded.state === 'loading' ? html`<p class="nhsuk-body" role="status">Loading the reviewer pool…</p>` : html`<${LoadFailed} error=${loaded.error} />`}
  <//>`;
};

export { AllocationPage };
