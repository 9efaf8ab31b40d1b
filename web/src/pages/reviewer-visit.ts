// After accepting: the visit, with the calendar entry to download. The .ics is the one the
// invitation email attached (built by the API from the same allocation), so a later rebooking or
// cancellation updates this entry rather than adding a second one.
import { invitationPath, loadInvitation } from '../api/reviewer.ts';
import type { Invitation } from '../api/reviewer.ts';
import { useApp } from '../app-context.ts';
import { LoadFailed } from '../components/load-failed.ts';
import { Page } from '../components/page.ts';
import { useLoad } from '../components/use-load.ts';
import { html } from '../html.ts';
import { useLocation } from '../router.ts';
import { VisitSummary } from './reviewer-invitation.ts';

/** Saves the text as a file: a link to a blob URL, clicked and dropped. */
const saveFile = ({ filename, content }: { filename: string; content: string }): void => {
  const url = URL.createObjectURL(new Blob([content], { type: 'text/calendar;charset=utf-8' }));
  const link = Object.assign(document.createElement('a'), { href: url, download: filename });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
};

const NextSteps = ({ invitation }: { invitation: Invitation }) => {
  const lead = invitation.team.find((member) => member.roleLabel === 'Lead reviewer');
  return html`<h2 class="nhsuk-heading-m">After the visit</h2>
    ${invitation.isLead
      ? html`<p class="nhsuk-body">As lead reviewer you record the team's ratings of each standard, beside the service's own.</p>
          <p class="nhsuk-body"><a class="nhsuk-link" href=${`/cycles/${encodeURIComponent(invitation.cycleId)}/peer-ratings`}>Record the peer ratings</a></p>`
      : html`<p class="nhsuk-body">Give your ratings and comments to the lead reviewer${lead ? `, ${lead.name},` : ''} who records the team's ratings.</p>`}`;
};

const ReviewerVisitPage = ({ cycleId, reviewerId }: { cycleId: string; reviewerId: string }) => {
  const { api } = useApp();
  const { query } = useLocation();
  const loaded = useLoad(() => loadInvitation(api, cycleId, reviewerId), [cycleId, reviewerId]);
  const title = 'Your peer-review visit';
  const back = { href: invitationPath(cycleId, reviewerId), text: 'Back to your invitation' };
  if (loaded.state === 'loading') return html`<${Page} title=${title} back=${back}><p class="nhsuk-body" role="status">Loading…</p><//>`;
  if (loaded.state === 'failed') return html`<${Page} title=${title} back=${back}><${LoadFailed} error=${loaded.error} /><//>`;
  const invitation = loaded.data;
  return html`<${Page} title=${title} caption=${invitation.serviceName} back=${back}>
    ${query.get('answered') === 'accepted' &&
    html`<div class="nhsuk-panel" role="status"><h2 class="nhsuk-panel__title">You accepted the invitation</h2><div class="nhsuk-panel__body">The visit is confirmed once every reviewer has accepted; the network team emails you then.</div></div>`}
    <${VisitSummary} invitation=${invitation} />
    ${invitation.calendar
      ? html`<button type="button" class="nhsuk-button nhsuk-button--secondary" onClick=${() => invitation.calendar && saveFile(invitation.calendar)}>
            Add the visit to your calendar (.ics file)
          </button>`
      : html`<div class="nhsuk-inset-text"><span class="nhsuk-u-visually-hidden">Information: </span><p>The calendar file is available once you have accepted the invitation.</p></div>`}
    <${NextSteps} invitation=${invitation} />
  <//>`;
};

export { ReviewerVisitPage };
