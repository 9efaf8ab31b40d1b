// The committee pack page (/cycles/{id}/tasks/committee-decision, where the pack email links): the
// rule's recommendation with its reasons and blocking standards, the scores per type, the service's
// and the review team's ratings side by side (a plain link filters them to where they disagree, so
// the filter is an address that works with a reload, the back button and without script tricks),
// the service's factual-accuracy corrections, for a re-decision what the service sent since, the
// report, and the decision form under it all.
import { useState } from 'preact/hooks';
import { cyclePath, isOpen, loadCommitteePack, loadStepTask } from '../api/committee.ts';
import type { CommitteePack } from '../api/committee.ts';
import type { Redecision, RatingRow } from '#core/committee-pack';
import { onlyDisagreements } from '#core/committee-pack';
import { REPORT_SECTION_TITLES } from '#core/report-corrections';
import type { ReportSection } from '#core/report-corrections';
import { useApp } from '../app-context.ts';
import { Role } from '../auth/session.ts';
import { LoadFailed } from '../components/load-failed.ts';
import { EvidenceList } from '../components/evidence-list.ts';
import { Page } from '../components/page.ts';
import { ScrollTable } from '../components/scroll-table.ts';
import { useLoad } from '../components/use-load.ts';
import { formatUkDate, formatUkDateTime } from '../format.ts';
import { html } from '../html.ts';
import { useLocation } from '../router.ts';
import { CommitteeDecisionForm } from './committee-decision.ts';

const Row = ({ label, children }: { label: string; children: unknown }) => html`<div class="nhsuk-summary-list__row">
  <dt class="nhsuk-summary-list__key">${label}</dt>
  <dd class="nhsuk-summary-list__value">${children}</dd>
</div>`;

const percent = (value: number | null): string => (value === null ? 'n/a' : `${Math.round(value)}%`);

const Scores = ({ pack }: { pack: CommitteePack }) => html`<${ScrollTable} labelledBy="scores-caption"><table class="nhsuk-table">
  <caption class="nhsuk-table__caption" id="scores-caption">Standards met, by type</caption>
  <thead class="nhsuk-table__head"><tr class="nhsuk-table__row">
    <th class="nhsuk-table__header" scope="col">Type</th><th class="nhsuk-table__header nhsuk-table__header--numeric" scope="col">Met</th>
    <th class="nhsuk-table__header nhsuk-table__header--numeric" scope="col">Applicable</th><th class="nhsuk-table__header nhsuk-table__header--numeric" scope="col">Met (%)</th>
    <th class="nhsuk-table__header nhsuk-table__header--numeric" scope="col">Threshold</th>
  </tr></thead>
  <tbody class="nhsuk-table__body">
    ${pack.scores.map(
      (score) => html`<tr class="nhsuk-table__row">
        <th class="nhsuk-table__header" scope="row">${score.label}</th>
        <td class="nhsuk-table__cell nhsuk-table__cell--numeric">${score.met}</td>
        <td class="nhsuk-table__cell nhsuk-table__cell--numeric">${score.applicable}</td>
        <td class="nhsuk-table__cell nhsuk-table__cell--numeric">${percent(score.percentage)}</td>
        <td class="nhsuk-table__cell nhsuk-table__cell--numeric">${score.threshold === null ? 'n/a' : `${score.threshold}%`}</td>
      </tr>`,
    )}
  </tbody>
</table><//>`;

/** A correction's section as the report heads it ("The whole report", not its id). */
const sectionTitle = (section: string): string => REPORT_SECTION_TITLES[section as ReportSection] ?? section;

const RatingCell = ({ cycleId, view }: { cycleId: string; view?: RatingRow['self'] }) =>
  view
    ? html`<strong>${view.label}</strong>${view.comment && html`<br /><span class="nhsuk-body-s">${view.comment}</span>`}${view.evidenceLinks?.length
        ? html`<${EvidenceList} cycleId=${cycleId} evidence=${view.evidenceLinks} />`
        : ''}`
    : html`<span class="nhsuk-u-secondary-text-color">Not rated</span>`;

/** The filter is a link (?ratings=disagree): an address, so reload and back keep it. */
const Ratings = ({ pack, onlyDisagreeing, path }: { pack: CommitteePack; onlyDisagreeing: boolean; path: string }) => {
  const rows = onlyDisagreeing ? onlyDisagreements(pack.ratings) : pack.ratings;
  return html`<h2 class="nhsuk-heading-m" id="ratings">Self-review and peer-review ratings</h2>
    <p class="nhsuk-body">The review team’s rating counts where it rated a standard. ${pack.disagreements === 1 ? '1 standard was' : `${pack.disagreements} standards were`} rated differently by the service and the team.</p>
    ${onlyDisagreeing
      ? html`<p class="nhsuk-body" key="all"><a class="nhsuk-link" href=${`${path}#ratings`}>Show all ${pack.ratings.length} standards</a></p>`
      : html`<p class="nhsuk-body" key="disagree"><a class="nhsuk-link" href=${`${path}?ratings=disagree#ratings`}>Show only the ${pack.disagreements} where they disagree</a></p>`}
    <${ScrollTable} labelledBy="ratings-caption"><table class="nhsuk-table">
      <caption class="nhsuk-table__caption" id="ratings-caption">${onlyDisagreeing ? `Standards where the service and the team disagree (${rows.length})` : `Every standard (${rows.length})`}</caption>
      <thead class="nhsuk-table__head"><tr class="nhsuk-table__row">
        <th class="nhsuk-table__header" scope="col">Standard</th><th class="nhsuk-table__header" scope="col">The service said</th>
        <th class="nhsuk-table__header" scope="col">The review team said</th><th class="nhsuk-table__header" scope="col">Agree?</th>
      </tr></thead>
      <tbody class="nhsuk-table__body">
        ${rows.length === 0 && html`<tr class="nhsuk-table__row"><td class="nhsuk-table__cell" colspan="4">The service and the team agree on every standard.</td></tr>`}
        ${rows.map(
          (row) => html`<tr class="nhsuk-table__row">
            <th class="nhsuk-table__header" scope="row"><span class="nhsuk-u-font-weight-bold">${row.id}</span> (Type ${row.type})<br /><span class="nhsuk-body-s nhsuk-u-font-weight-normal">${row.text}</span></th>
            <td class="nhsuk-table__cell"><${RatingCell} cycleId=${pack.cycleId} view=${row.self} /></td>
            <td class="nhsuk-table__cell"><${RatingCell} cycleId=${pack.cycleId} view=${row.peer} /></td>
            <td class="nhsuk-table__cell">${row.disagree ? html`<strong class="nhsuk-tag nhsuk-tag--orange">Disagree</strong>` : row.self && row.peer ? 'Agree' : '–'}</td>
          </tr>`,
        )}
      </tbody>
    </table><//>`;
};

const factualAccuracyText: Record<string, string> = {
  accepted: 'The service accepted the draft report as factually accurate.',
  'deemed-accepted': 'The service did not answer by the deadline, which counts as accepting the draft.',
  corrections: 'The service sent corrections to the draft report.',
  open: 'The factual-accuracy check has not closed.',
};

const Corrections = ({ pack }: { pack: CommitteePack }) => {
  const { outcome, respondedBy, corrections } = pack.factualAccuracy;
  return html`<h2 class="nhsuk-heading-m">Factual-accuracy corrections</h2>
    <p class="nhsuk-body">${factualAccuracyText[outcome] ?? outcome}${respondedBy ? ` (${respondedBy})` : ''}</p>
    ${corrections.length > 0 &&
    html`<ul class="nhsuk-list nhsuk-list--border">
      ${corrections.map((correction) => html`<li class="app-report">${correction.section && html`<strong>${sectionTitle(correction.section)}: </strong>`}${correction.text}</li>`)}
    </ul>`}`;
};

const Redecided = ({ redecision }: { redecision: Redecision }) => {
  const previous = redecision.previousDecision;
  const appeal = redecision.because === 'appeal';
  return html`<div class="nhsuk-card nhsuk-card--feature">
    <div class="nhsuk-card__content nhsuk-card__content--feature">
      <h2 class="nhsuk-card__heading nhsuk-card__heading--feature nhsuk-heading-m">${appeal ? 'Decide again: the service appealed' : 'Decide again: the service sent evidence'}</h2>
      ${previous && html`<p class="nhsuk-body">Previous decision: <strong>${previous.label}</strong>${previous.decidedOn ? ` on ${formatUkDate(previous.decidedOn)}` : ''}${previous.decidedBy ? ` by ${previous.decidedBy}` : ''}. Reason: ${previous.reason}</p>`}
      ${appeal && redecision.appeal &&
      html`<h3 class="nhsuk-heading-s">Grounds of the appeal</h3>
        <p class="nhsuk-body app-report">${redecision.appeal.grounds}</p>
        <p class="nhsuk-body-s">Lodged by ${redecision.appeal.lodgedBy} on ${formatUkDateTime(redecision.appeal.submittedAt)}.</p>`}
      ${!appeal && redecision.deferralEvidence &&
      html`<p class="nhsuk-body app-report"><strong>Summary:</strong> ${redecision.deferralEvidence.summary}</p>
        <p class="nhsuk-body-s">Sent by ${redecision.deferralEvidence.submittedBy} on ${formatUkDateTime(redecision.deferralEvidence.submittedAt)}.</p>
        ${redecision.deferralEvidence.standards.map(
          (standard) => html`<h3 class="nhsuk-heading-s">Standard ${standard.id}${standard.blocking ? ' (blocked accreditation)' : ''}</h3>
            ${standard.text && html`<p class="nhsuk-body-s">${standard.text}</p>`}
            ${standard.notes.length === 0
              ? html`<p class="nhsuk-body">Nothing was sent for this standard.</p>`
              : standard.notes.map(
                  (note) => html`<p class="nhsuk-body app-report">${note.note}</p>
                    ${note.links.length > 0 && html`<ul class="nhsuk-list">${note.links.map((link) => html`<li><a class="nhsuk-link" href=${link.url} rel="noreferrer" data-external>${link.title}</a></li>`)}</ul>`}`,
                )}`,
        )}`}
    </div>
  </div>`;
};

const PackView = ({ pack, dueAt, path, onlyDisagreeing }: { pack: CommitteePack; dueAt?: string; path: string; onlyDisagreeing: boolean }) => html`
  ${pack.redecision && html`<${Redecided} redecision=${pack.redecision} />`}
  <dl class="nhsuk-summary-list">
    <${Row} label="Service">${pack.serviceName}<//>
    <${Row} label="Network">${pack.networkName}<//>
    <${Row} label="Recommendation">${pack.recommendation.label}<//>
    <${Row} label="Blocking standards">${pack.recommendation.blockingStandards.length === 0
      ? 'None'
      : html`<ul class="nhsuk-list nhsuk-u-margin-bottom-0">${pack.recommendation.blockingStandards.map((standard) => html`<li><strong>${standard.id}</strong> (Type ${standard.type}) ${standard.text}</li>`)}</ul>`}<//>
    <${Row} label="Disagreements">${pack.disagreements} of ${pack.ratings.length} standards<//>
    <${Row} label="Corrections">${pack.factualAccuracy.corrections.length === 0 ? 'None' : `${pack.factualAccuracy.corrections.length} from the service`}<//>
    ${dueAt && html`<${Row} label="Decide by">${formatUkDate(dueAt)}<//>`}
  </dl>
  <h2 class="nhsuk-heading-m">Why the rule recommends this</h2>
  <ul class="nhsuk-list nhsuk-list--bullet">${pack.recommendation.reasons.map((reason) => html`<li>${reason}</li>`)}</ul>
  <${Scores} pack=${pack} />
  <${Corrections} pack=${pack} />
  <${Ratings} pack=${pack} onlyDisagreeing=${onlyDisagreeing} path=${path} />
  <h2 class="nhsuk-heading-m">The report</h2>
  <p class="nhsuk-body">${pack.report.summary}. Prepared ${formatUkDate(pack.report.preparedOn)}.</p>
  <details class="nhsuk-details">
    <summary class="nhsuk-details__summary"><span class="nhsuk-details__summary-text">Read the full report</span></summary>
    <div class="nhsuk-details__text app-report">${pack.report.text}</div>
  </details>`;

const CommitteePackPage = ({ cycleId }: { cycleId: string }) => {
  const { api, session } = useApp();
  const { path, query } = useLocation();
  const [formView, setFormView] = useState<'form' | 'check' | 'done'>('form');
  const loaded = useLoad(async () => {
    const [pack, task] = await Promise.all([loadCommitteePack(api, cycleId), loadStepTask(api, cycleId, 'committee-decision')]);
    return { pack, task };
  }, [cycleId]);
  const back = { href: cyclePath(cycleId), text: 'Back to the cycle' };
  if (loaded.state === 'loading') return html`<${Page} title="Committee pack" back=${back}><p class="nhsuk-body" role="status">Loading the pack…</p><//>`;
  if (loaded.state === 'failed') return html`<${Page} title="Committee pack" back=${back}><${LoadFailed} error=${loaded.error} /><//>`;
  const { pack, task } = loaded.data;
  const decides = session.user.roles.includes(Role.committee) || session.user.roles.includes(Role.staff);
  return html`<${Page} title="Committee pack" caption=${pack.serviceName} back=${back}>
    ${formView === 'form' && html`<${PackView} pack=${pack} dueAt=${isOpen(task) ? task?.dueAt : undefined} path=${path} onlyDisagreeing=${query.get('ratings') === 'disagree'} />`}
    ${isOpen(task) && decides
      ? html`<${CommitteeDecisionForm} cycleId=${cycleId} pack=${pack} onView=${setFormView} />`
      : html`<div class="nhsuk-inset-text"><span class="nhsuk-u-visually-hidden">Information: </span><p>${
          task?.status === 'submitted' ? `The decision was recorded${task.submittedBy ? ` by ${task.submittedBy}` : ''}${task.submittedAt ? ` on ${formatUkDateTime(task.submittedAt)}` : ''}.` : 'The decision is not open for recording now.'
        }</p></div>`}
  <//>`;
};

export { CommitteePackPage };
