// The trial timetable of the network set-up page: when each stage of a cycle starting on the
// chosen date would open and be due, as the API's dry run computes it (#core/timetable).
import type { TimetableMilestone } from '../api/networks.ts';
import { ScrollTable } from '../components/scroll-table.ts';
import { formatUkDate } from '../format.ts';
import { html } from '../html.ts';
import { stageLabel } from '../labels.ts';

const NetworkTimetable = ({ membershipType, startDate, milestones }: { membershipType: string; startDate: string; milestones: TimetableMilestone[] }) => {
  const id = `timetable-${membershipType}`;
  return html`<${ScrollTable} labelledBy=${id}><table class="nhsuk-table">
    <caption class="nhsuk-table__caption nhsuk-table__caption--m" id=${id}>Trial timetable: ${membershipType} cycle starting ${formatUkDate(startDate)}</caption>
    <thead class="nhsuk-table__head">
      <tr class="nhsuk-table__row">
        <th class="nhsuk-table__header" scope="col">Stage</th>
        <th class="nhsuk-table__header" scope="col">Opens</th>
        <th class="nhsuk-table__header" scope="col">Due</th>
      </tr>
    </thead>
    <tbody class="nhsuk-table__body">
      ${milestones.map(
        (milestone) => html`<tr class="nhsuk-table__row">
          <th class="nhsuk-table__header" scope="row">${stageLabel(milestone.stage)}</th>
          <td class="nhsuk-table__cell app-nowrap">${formatUkDate(milestone.opensOn)}</td>
          <td class="nhsuk-table__cell app-nowrap">${formatUkDate(milestone.dueOn)}</td>
        </tr>`,
      )}
    </tbody>
  </table><//>`;
};

export { NetworkTimetable };
