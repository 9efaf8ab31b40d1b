// "Since your last review" on the self-review of an interim review or a renewal (issue 13): per
// standard, the action the previous plan took, its owner, status and PDSA ramp, and the run chart of
// each linked measure (SVG drawn by the API's core, its signals also written out below it). The
// wording comes from the API (src/last-review.ts), so this page only lays it out.
import type { ActionSinceReview } from '#core/last-review';
import type { Standard } from '#core/standards';
import type { LastReviewView } from '../api/last-review.ts';
import { html } from '../html.ts';

const Row = ({ label, value }: { label: string; value: string }) => html`<div class="nhsuk-summary-list__row"><dt class="nhsuk-summary-list__key">${label}</dt><dd class="nhsuk-summary-list__value">${value}</dd></div>`;

const ActionCard = ({ action }: { action: ActionSinceReview }) => html`<div class="nhsuk-card"><div class="nhsuk-card__content"><h4 class="nhsuk-card__heading nhsuk-heading-xs">${action.actionId}: ${action.title}</h4><dl class="nhsuk-summary-list"><${Row} label="Owner" value=${action.owner} /><${Row} label="Status" value=${action.words.status} /><${Row} label="PDSA cycles" value=${action.words.pdsa} /></dl>${action.measures.map((measure) =>
  measure.runChart
    ? html`<figure class="app-chart"><figcaption class="nhsuk-body-s"><strong>Measure: ${measure.name}</strong></figcaption><div class="app-chart__svg" style="max-width:480px" dangerouslySetInnerHTML=${{ __html: measure.runChart.svg }}></div><p class="nhsuk-body-s">${measure.runChart.summary}</p></figure>`
    : html`<p class="nhsuk-body-s">Measure: ${measure.name} (no data yet)</p>`,
)}</div></div>`;

/** Nothing when the cycle follows no review or the last review's plan had no action. */
const LastReview = ({ view, standards }: { view: LastReviewView; standards: readonly Standard[] }) => {
  if (!view.previousCycleId || (view.standards.length === 0 && view.otherActions.length === 0)) return null;
  const textOf = new Map(standards.map((standard) => [standard.id, `: ${standard.text}`]));
  return html`<section aria-labelledby="last-review"><h2 class="nhsuk-heading-m" id="last-review">Since your last review</h2><p class="nhsuk-body">What the action plan of your last review (cycle ${view.previousCycleId}) did about each standard it found not met, with the run chart of each measure linked to an action.</p>${view.standards.map(
    (standard) => html`<h3 class="nhsuk-heading-s">Standard ${standard.standardId}${textOf.get(standard.standardId)}</h3>${standard.actions.map((action) => html`<${ActionCard} action=${action} />`)}`,
  )}${view.otherActions.length > 0 && html`<h3 class="nhsuk-heading-s">Other actions</h3>${view.otherActions.map((action) => html`<${ActionCard} action=${action} />`)}`}</section>`;
};

export { LastReview };
