// The reviewer pool on the hand-allocation page: every reviewer, eligible or excluded on the chosen
// visit date and why (conflict of interest, same organisation, already booked that day, load...),
// with the control that puts them on the team in one of the roles they hold.
import { reviewerRoleLabel } from '#commons/helpers/review-team';
import type { Candidate, CandidateReason } from '../api/allocation.ts';
import { ScrollTable } from '../components/scroll-table.ts';
import { formatUkDate } from '../format.ts';
import { html } from '../html.ts';

const LEAD = 'lead';

/** The rules against a reviewer on the date, for the role chosen (lead training counts for a lead only). */
const reasonsOn = (candidate: Candidate, date: string, role?: string): CandidateReason[] =>
  candidate.reasons.filter((reason) => (reason.date === undefined || reason.date === date) && (role === undefined || role === LEAD || reason.rule !== 'lead-training'));

const roleFieldId = (reviewerId: string) => `role-${reviewerId}`;

const Eligibility = ({ candidate, date }: { candidate: Candidate; date: string }) => {
  const roles = candidate.eligibleRoles[date] ?? [];
  const reasons = reasonsOn(candidate, date);
  if (roles.length > 0 && reasons.length === 0) return html`<strong class="nhsuk-tag nhsuk-tag--green">Eligible</strong>`;
  return html`<strong class=${`nhsuk-tag nhsuk-tag--${roles.length > 0 ? 'orange' : 'red'}`}>${roles.length > 0 ? `Eligible as ${roles.map(reviewerRoleLabel).join(', ').toLowerCase()} only` : 'Excluded'}</strong>
    <ul class="nhsuk-list app-compact-list">
      ${reasons.map((reason) => html`<li><strong>${reason.ruleLabel}</strong>: ${reason.detail}</li>`)}
    </ul>`;
};

interface CandidatesTableProps {
  candidates: Candidate[];
  date: string;
  roles: Record<string, string>;
  errors: Record<string, string>;
  /** Without it the pool is shown to read only (the cycle is not waiting for a hand-picked team). */
  onRole?: (reviewerId: string, role: string) => void;
}

const CandidatesTable = ({ candidates, date, roles, errors, onRole }: CandidatesTableProps) => html`<${ScrollTable} labelledBy="candidates-caption"><table class="nhsuk-table app-candidates">
  <caption class="nhsuk-table__caption nhsuk-table__caption--m" id="candidates-caption">Reviewer pool on ${formatUkDate(date)}</caption>
  <thead class="nhsuk-table__head">
    <tr class="nhsuk-table__row">
      <th class="nhsuk-table__header" scope="col">Reviewer</th>
      <th class="nhsuk-table__header" scope="col">Load</th>
      <th class="nhsuk-table__header" scope="col">On this date</th>
      ${onRole && html`<th class="nhsuk-table__header" scope="col">Role on the team</th>`}
    </tr>
  </thead>
  <tbody class="nhsuk-table__body">
    ${candidates.map((candidate) => {
      const id = roleFieldId(candidate.reviewerId);
      const error = errors[id];
      return html`<tr class="nhsuk-table__row">
        <th class="nhsuk-table__header" scope="row">
          ${candidate.name}
          <span class="nhsuk-body-s nhsuk-u-secondary-text-colour app-block">${candidate.roles.map(reviewerRoleLabel).join(', ')}${candidate.organisationId ? ` · ${candidate.organisationId}` : ''}</span>
        </th>
        <td class="nhsuk-table__cell">${candidate.load.reviewsThisYear} reviews this year<br />${candidate.load.visitsThisCycle} visits this cohort</td>
        <td class="nhsuk-table__cell"><${Eligibility} candidate=${candidate} date=${date} /></td>
        ${onRole &&
        html`<td class="nhsuk-table__cell">
          <div class=${`nhsuk-form-group app-table-form-group${error ? ' nhsuk-form-group--error' : ''}`}>
            <label class="nhsuk-label nhsuk-u-visually-hidden" for=${id}>Role of ${candidate.name} on the team</label>
            ${error && html`<span class="nhsuk-error-message" id=${`${id}-error`}><span class="nhsuk-u-visually-hidden">Error:</span> ${error}</span>`}
            <select
              class=${`nhsuk-select${error ? ' nhsuk-select--error' : ''}`}
              id=${id}
              name=${id}
              aria-describedby=${error ? `${id}-error` : undefined}
              onChange=${(event: Event) => onRole(candidate.reviewerId, (event.currentTarget as HTMLSelectElement).value)}
            >
              <option value="" selected=${!roles[candidate.reviewerId]}>Not on the team</option>
              ${candidate.roles.map((role) => html`<option value=${role} selected=${roles[candidate.reviewerId] === role}>${reviewerRoleLabel(role)}</option>`)}
            </select>
          </div>
        </td>`}
      </tr>`;
    })}
  </tbody>
</table><//>`;

export { CandidatesTable, LEAD, reasonsOn, roleFieldId };
