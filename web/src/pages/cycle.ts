// The cycle page: where one service's cycle stands, what happened when beside what was planned,
// who owes the open steps, the emails sent, the audit trail and the report.
import { CLOSED_STATUSES } from '#core/cohort-board';
import { loadCycle } from '../api/cycle.ts';
import type { AuditEvent, CycleView, Milestone, ReportRecord, TaskRecord } from '../api/cycle.ts';
import { useApp } from '../app-context.ts';
import { Role } from '../auth/session.ts';
import { workflowNow } from '../clock.ts';
import { LoadFailed } from '../components/load-failed.ts';
import { Page } from '../components/page.ts';
import { ScrollTable } from '../components/scroll-table.ts';
import { StatusTag } from '../components/tag.ts';
import { useLoad } from '../components/use-load.ts';
import { describeDeadline, formatUkDate, formatUkDateTime } from '../format.ts';
import { html } from '../html.ts';
import { auditEventLabel, stageLabel, stepOwner } from '../labels.ts';
import { useLocation } from '../router.ts';
import { taskPageOf } from '../task-pages.ts';
import { doneText, extendableStages } from './staff-actions.ts';

const OPEN_TASK_STATUSES: ReadonlySet<string> = new Set(['open', 'overdue']);
/** Credentials and plumbing that mean nothing to a reader. */
const HIDDEN_DETAIL: ReadonlySet<string> = new Set(['tokenHash', 'executionArn']);
const EMAIL_EVENTS: ReadonlySet<string> = new Set(['reminder-sent', 'escalation-sent', 'reminder-undeliverable', 'task-opened']);

const SummaryRow = ({ label, children }: { label: string; children: unknown }) => html`<div class="nhsuk-summary-list__row">
  <dt class="nhsuk-summary-list__key">${label}</dt>
  <dd class="nhsuk-summary-list__value">${children}</dd>
</div>`;

const detailText = (value: unknown): string => {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(detailText).join(', ');
  if (typeof value === 'object') return Object.entries(value as Record<string, unknown>).map(([key, inner]) => `${key} ${detailText(inner)}`).join('; ');
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value)) return formatUkDateTime(value);
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return formatUkDate(value);
  return String(value);
};

/** Detail fields in words; a field not listed reads as its name split into words. */
const detailLabels: Record<string, string> = {
  serviceId: 'Service',
  cohortId: 'Cohort',
  startDate: 'Start date',
  dueAt: 'Due',
  dueOn: 'Due',
  stage: 'Stage',
  reason: 'Reason',
  answer: 'Answer',
  submittedBy: 'By',
  extendedBy: 'By',
  withdrawnBy: 'By',
  outcome: 'Outcome',
};
const detailLabel = (key: string): string => {
  const known = detailLabels[key];
  if (known) return known;
  const words = key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

const AuditDetail = ({ detail }: { detail?: Record<string, unknown> }) => {
  const entries = Object.entries(detail ?? {}).filter(([key, value]) => !HIDDEN_DETAIL.has(key) && value !== undefined && value !== null && value !== '');
  if (entries.length === 0) return null;
  return html`<ul class="nhsuk-list app-compact-list">
    ${entries.map(([key, value]) => html`<li><span class="nhsuk-u-secondary-text-colour">${detailLabel(key)}:</span> ${key === 'stage' ? stageLabel(String(value)) : detailText(value)}</li>`)}
  </ul>`;
};

/** Who did it, in words: the workflow itself, or the person or system the API recorded. */
const actorText = (actor: string): string => (actor.startsWith('arn:aws:states:') ? 'The workflow' : actor);

/** When each stage actually opened and closed, read from the audit trail. */
const actualOf = (stage: string, events: AuditEvent[]) => {
  // Enrolment has no task: it happens when the cycle starts.
  const opened = events.find((event) => (stage === 'enrolment' ? event.type === 'cycle-enrolled' : event.type === 'task-opened' && event.detail?.stage === stage));
  const closed = events.find((event) => (event.type === 'submission-received' || event.type === 'stage-recorded') && event.detail?.stage === stage);
  return { opened: opened?.at, closed: closed?.at };
};

const Timeline = ({ timetable, events }: { timetable: Milestone[]; events: AuditEvent[] }) => html`
  <${ScrollTable} labelledBy="timeline-caption"><table class="nhsuk-table">
    <caption class="nhsuk-table__caption nhsuk-table__caption--m" id="timeline-caption">Timeline: planned and actual</caption>
    <thead class="nhsuk-table__head">
      <tr class="nhsuk-table__row">
        <th class="nhsuk-table__header" scope="col">Stage</th>
        <th class="nhsuk-table__header" scope="col">Planned</th>
        <th class="nhsuk-table__header" scope="col">Actual</th>
      </tr>
    </thead>
    <tbody class="nhsuk-table__body">
      ${timetable.map((milestone) => {
        const actual = actualOf(milestone.stage, events);
        return html`<tr class="nhsuk-table__row">
          <th class="nhsuk-table__header" scope="row">${stageLabel(milestone.stage)}</th>
          <td class="nhsuk-table__cell">${formatUkDate(milestone.opensOn)} to ${formatUkDate(milestone.dueOn)}</td>
          <td class="nhsuk-table__cell">
            ${actual.opened ? `Started ${formatUkDate(actual.opened)}` : 'Not started'}${actual.closed ? html`<br />Done ${formatUkDate(actual.closed)}` : ''}
          </td>
        </tr>`;
      })}
    </tbody>
  </table><//>
`;

const OpenTasks = ({ cycleId, tasks, now }: { cycleId: string; tasks: TaskRecord[]; now: Date }) => {
  const open = tasks.filter((task) => OPEN_TASK_STATUSES.has(task.status));
  return html`<h2 class="nhsuk-heading-m">Open steps</h2>
    ${open.length === 0
      ? html`<p class="nhsuk-body">Nobody owes anything on this cycle right now.</p>`
      : html`<ul class="nhsuk-task-list">
          ${open.map((task) => {
            const deadline = task.dueAt ? describeDeadline(task.dueAt, now) : undefined;
            const page = taskPageOf(cycleId, task.stage);
            return html`<li class="nhsuk-task-list__item nhsuk-task-list__item--with-link">
              <div class="nhsuk-task-list__name-and-hint">
                <a class="nhsuk-link nhsuk-task-list__link" href=${page} aria-describedby=${`step-${task.stage}-hint step-${task.stage}-status`}>${task.stage === 'visit' ? 'Visit (the host may cancel it)' : stageLabel(task.stage)}</a>
                <div class="nhsuk-task-list__hint" id=${`step-${task.stage}-hint`}>
                  Owed by: ${stepOwner(task.stage)}${task.dueAt ? html`<br />Due ${formatUkDate(task.dueAt)}${deadline ? `, ${deadline.text}` : ''}` : ''}
                </div>
              </div>
              <div class="nhsuk-task-list__status" id=${`step-${task.stage}-status`}><${StatusTag} status=${task.status} /></div>
            </li>`;
          })}
        </ul>`}`;
};

const emailRecipients = (event: AuditEvent): string => {
  const detail = event.detail ?? {};
  const to = detail.to ?? detail.recipients ?? detail.recipientRole ?? detail.rung;
  return to ? detailText(to) : `${stepOwner(String(detail.stage ?? ''))}`;
};

const EmailsSent = ({ view }: { view: CycleView }) => {
  const welcome = view.cycle.welcomeEmailSentAt
    ? [{ at: view.cycle.welcomeEmailSentAt, what: 'Welcome and timetable', to: (view.cycle.contacts?.serviceLead ?? []).join(', ') || 'The service lead' }]
    : [];
  const fromTrail = view.auditEvents
    .filter((event) => EMAIL_EVENTS.has(event.type))
    .map((event) => ({
      at: event.at,
      what: event.type === 'task-opened' ? `${stageLabel(String(event.detail?.stage ?? ''))} is open` : `${auditEventLabel(event.type)}${event.detail?.stage ? `: ${stageLabel(String(event.detail.stage))}` : ''}`,
      to: emailRecipients(event),
    }));
  const emails = [...welcome, ...fromTrail];
  return html`<${ScrollTable} labelledBy="emails-caption"><table class="nhsuk-table">
    <caption class="nhsuk-table__caption nhsuk-table__caption--m" id="emails-caption">Emails sent</caption>
    <thead class="nhsuk-table__head">
      <tr class="nhsuk-table__row">
        <th class="nhsuk-table__header" scope="col">When</th>
        <th class="nhsuk-table__header" scope="col">Email</th>
        <th class="nhsuk-table__header" scope="col">To</th>
      </tr>
    </thead>
    <tbody class="nhsuk-table__body">
      ${emails.length === 0
        ? html`<tr class="nhsuk-table__row"><td class="nhsuk-table__cell" colspan="3">No emails yet.</td></tr>`
        : emails.map(
            (email) => html`<tr class="nhsuk-table__row">
              <td class="nhsuk-table__cell">${formatUkDateTime(email.at)}</td>
              <td class="nhsuk-table__cell">${email.what}</td>
              <td class="nhsuk-table__cell">${email.to}</td>
            </tr>`,
          )}
    </tbody>
  </table><//>`;
};

const AuditTrail = ({ events }: { events: AuditEvent[] }) => html`<${ScrollTable} labelledBy="audit-caption"><table class="nhsuk-table">
  <caption class="nhsuk-table__caption nhsuk-table__caption--m" id="audit-caption">Audit trail</caption>
  <thead class="nhsuk-table__head">
    <tr class="nhsuk-table__row">
      <th class="nhsuk-table__header" scope="col">Number</th>
      <th class="nhsuk-table__header" scope="col">When</th>
      <th class="nhsuk-table__header" scope="col">What</th>
      <th class="nhsuk-table__header" scope="col">Who</th>
    </tr>
  </thead>
  <tbody class="nhsuk-table__body">
    ${events.map(
      (event, index) => html`<tr class="nhsuk-table__row">
        <td class="nhsuk-table__cell">${event.sequence ?? index + 1}</td>
        <td class="nhsuk-table__cell app-nowrap">${formatUkDateTime(event.at)}</td>
        <td class="nhsuk-table__cell"><strong>${auditEventLabel(event.type)}</strong><${AuditDetail} detail=${event.detail} /></td>
        <td class="nhsuk-table__cell">${actorText(event.actor)}</td>
      </tr>`,
    )}
  </tbody>
</table><//>`;

const reasonText = (reason: { message?: string } | string): string => (typeof reason === 'string' ? reason : (reason.message ?? JSON.stringify(reason)));

const Report = ({ report, forbidden }: { report?: ReportRecord; forbidden: boolean }) => {
  if (forbidden) return html`<h2 class="nhsuk-heading-m">Report</h2><p class="nhsuk-body">The network team shares the report with you when it is ready.</p>`;
  if (!report) return html`<h2 class="nhsuk-heading-m">Report</h2><p class="nhsuk-body">No report yet: it is drafted after the peer-review visit.</p>`;
  const blocking = report.recommendation.blockingStandardIds;
  return html`<h2 class="nhsuk-heading-m">Report</h2>
    <p class="nhsuk-body">Prepared ${formatUkDate(report.preparedOn)}. ${report.summary}</p>

    <h3 class="nhsuk-heading-s">What blocks accreditation</h3>
    ${blocking.length === 0
      ? html`<p class="nhsuk-body">Nothing: every threshold is met.</p>`
      : html`<ul class="nhsuk-list nhsuk-list--bullet">${report.recommendation.reasons.map((reason) => html`<li>${reasonText(reason)}</li>`)}</ul>
          <p class="nhsuk-body">Standards not met: ${blocking.join(', ')}</p>`}
    <details class="nhsuk-details">
      <summary class="nhsuk-details__summary"><span class="nhsuk-details__summary-text">Read the full report</span></summary>
      <div class="nhsuk-details__text app-report">${report.text}</div>
    </details>`;
};

const CycleSummary = ({ view, now }: { view: CycleView; now: Date }) => {
  const { cycle } = view;
  const deadline = cycle.currentDeadline ? describeDeadline(cycle.currentDeadline, now) : undefined;
  return html`<dl class="nhsuk-summary-list">
    <${SummaryRow} label="Network">${cycle.networkName ?? cycle.networkId}<//>
    <${SummaryRow} label="Cohort">${cycle.cohortId}<//>
    <${SummaryRow} label="Membership">${cycle.membershipType ? `${cycle.membershipType.charAt(0).toUpperCase()}${cycle.membershipType.slice(1)}` : 'Not recorded'}<//>
    <${SummaryRow} label="Stage">${stageLabel(cycle.stage)}<//>
    <${SummaryRow} label="Status"><${StatusTag} status=${cycle.status} /><//>
    <${SummaryRow} label="Deadline">${cycle.currentDeadline ? `${formatUkDate(cycle.currentDeadline)}${deadline ? `, ${deadline.text}` : ''}` : 'None'}<//>
    ${cycle.decision && html`<${SummaryRow} label="Decision">${cycle.decision}${cycle.decisionReason ? `: ${cycle.decisionReason}` : ''}<//>`}
    <${SummaryRow} label="Workflow">${view.executionStatus ? view.executionStatus.toLowerCase() : 'not found'}<//>
  </dl>`;
};

/** Staff only: what they may do to this cycle now, each leading to a form and a confirmation. */
const StaffActions = ({ view }: { view: CycleView }) => {
  const cyclePath = `/cycles/${encodeURIComponent(view.cycle.cycleId)}`;
  const extendable = view.tasks.filter((task) => OPEN_TASK_STATUSES.has(task.status) && extendableStages.has(task.stage));
  const closed = CLOSED_STATUSES.has(view.cycle.status);
  const waitingForTeam = view.tasks.some((task) => task.stage === 'manual-allocation' && OPEN_TASK_STATUSES.has(task.status));
  return html`<h2 class="nhsuk-heading-m">Staff actions</h2>
    <ul class="nhsuk-list">
      ${extendable.map(
        (task) => html`<li><a class="nhsuk-link" href=${`${cyclePath}/tasks/${encodeURIComponent(task.stage)}/extend`}>Extend the ${stageLabel(task.stage).toLowerCase()} deadline</a></li>`,
      )}
      ${waitingForTeam && html`<li><a class="nhsuk-link" href=${`${cyclePath}/allocate`}>Allocate the review team by hand</a></li>`}
      ${!closed && html`<li><a class="nhsuk-link" href=${`${cyclePath}/withdraw`}>Withdraw the service from this cycle</a></li>`}
      <li><a class="nhsuk-link" href=${`${cyclePath}/resume`}>Resume the cycle at a stage</a></li>
    </ul>`;
};

/** What a staff action just did, said once on return (NHS.UK success banner). */
const DoneBanner = ({ text }: { text: string }) => html`<div class="nhsuk-notification-banner nhsuk-notification-banner--success" role="alert" aria-labelledby="done-title">
  <div class="nhsuk-notification-banner__header"><h2 class="nhsuk-notification-banner__title" id="done-title">Success</h2></div>
  <div class="nhsuk-notification-banner__content"><p class="nhsuk-notification-banner__heading">${text}</p></div>
</div>`;

/**
 * Issue 13's pages, each linked only for the roles its API lets open it (authorisation.ts): the action
 * plan and the measures for whoever may read the cycle, a new measure and the good-practice sharing for
 * the service (or staff), the network report for staff, committee and services, the library for all.
 */
const AfterTheReview = ({ cycle, roles }: { cycle: CycleView['cycle']; roles: readonly Role[] }) => {
  const { api } = useApp();
  const cyclePath = `/cycles/${encodeURIComponent(cycle.cycleId)}`;
  const network = `/networks/${encodeURIComponent(cycle.networkId)}`;
  const keeps = roles.includes(Role.staff) || roles.includes(Role.service);
  const measures = useLoad(async () => (await api.get<{ measures: { measureId: string; definition: { name: string } }[] }>(`${cyclePath}/measures`)).body.measures, [cycle.cycleId]);
  return html`<h2 class="nhsuk-heading-m">After the review</h2>
    <ul class="nhsuk-list nhsuk-list--bullet">
      <li><a class="nhsuk-link" href=${`${cyclePath}/action-plan`}>The action plan made from this review</a>: each finding turned into an action with an owner and a due date, and the PDSA cycles that test each change.</li>
      ${measures.state === 'ready' && measures.data.map((measure) => html`<li><a class="nhsuk-link" href=${`${cyclePath}/measures/${encodeURIComponent(measure.measureId)}`}>Measure: ${measure.definition.name}</a> (run and SPC charts)</li>`)}
      ${keeps && html`<li><a class="nhsuk-link" href=${`${cyclePath}/measures/m-${Date.now().toString(36)}`}>Define a new measure</a></li>`}
      ${(keeps || roles.includes(Role.committee)) && html`<li><a class="nhsuk-link" href=${`${network}/report?cohortId=${encodeURIComponent(cycle.cohortId)}`}>The network report of cohort ${cycle.cohortId}</a></li>`}
      ${keeps && html`<li><a class="nhsuk-link" href=${`${cyclePath}/good-practice-sharing`}>Share this review’s good practice with the network</a></li>`}
      <li><a class="nhsuk-link" href=${`${network}/good-practice`}>The network’s good-practice library</a></li>
    </ul>`;
};

const CyclePage = ({ cycleId }: { cycleId: string }) => {
  const { api, config, session } = useApp();
  const { query } = useLocation();
  const done = doneText(query);
  const loaded = useLoad(async () => ({ view: await loadCycle(api, cycleId), now: await workflowNow(config) }), [cycleId, done]);
  const title = loaded.state === 'ready' ? (loaded.data.view.cycle.serviceName ?? loaded.data.view.cycle.serviceId) : 'Cycle';
  return html`<${Page} title=${title} caption=${`Cycle ${cycleId}`} back=${{ href: '/', text: 'Back to all cycles' }}>
    ${loaded.state === 'loading' && html`<p class="nhsuk-body" role="status">Loading the cycle…</p>`}
    ${loaded.state === 'failed' && html`<${LoadFailed} error=${loaded.error} />`}
    ${loaded.state === 'ready' &&
    html`
      ${done && html`<${DoneBanner} text=${done} />`}
      <${CycleSummary} view=${loaded.data.view} now=${loaded.data.now} />
      ${session.user.roles.includes(Role.staff) && html`<${StaffActions} view=${loaded.data.view} />`}
      <${OpenTasks} cycleId=${cycleId} tasks=${loaded.data.view.tasks} now=${loaded.data.now} />
      <${Timeline} timetable=${loaded.data.view.cycle.timetable ?? []} events=${loaded.data.view.auditEvents} />
      <${EmailsSent} view=${loaded.data.view} />
      <${AuditTrail} events=${loaded.data.view.auditEvents} />
      <div class="app-button-row">
        <button class="nhsuk-button nhsuk-button--secondary nhsuk-button--small" type="button" onClick=${async () => (await import('../export.ts')).exportAuditTrail(cycleId, loaded.data.view.auditEvents, 'csv')}>Download the audit trail as CSV</button>
        <button class="nhsuk-button nhsuk-button--secondary nhsuk-button--small" type="button" onClick=${async () => (await import('../export.ts')).exportAuditTrail(cycleId, loaded.data.view.auditEvents, 'json')}>Download the audit trail as JSON</button>
      </div>
      <${Report} report=${loaded.data.view.report} forbidden=${loaded.data.view.reportForbidden} />
      <${AfterTheReview} cycle=${loaded.data.view.cycle} roles=${session.user.roles} />
    `}
  <//>`;
};

export { CyclePage };
