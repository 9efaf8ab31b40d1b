// The page a reviewer's invitation email links to (/cycles/{id}/reviewers/{reviewerId}): the visit,
// the service, the date, their role and the reply-by date, and one question: can you take part?
// A decline asks why (the network uses it when it finds a replacement). The API's own words are
// shown for an answer it refuses (a late answer, someone else's invitation), never a crash.
import { useState } from 'preact/hooks';
import { ApiError } from '../api/client.ts';
import { invitationPath, loadInvitation } from '../api/reviewer.ts';
import type { Invitation } from '../api/reviewer.ts';
import { useApp } from '../app-context.ts';
import { ErrorSummary } from '../components/error-summary.ts';
import { LoadFailed } from '../components/load-failed.ts';
import { Page } from '../components/page.ts';
import { useLoad } from '../components/use-load.ts';
import { formatUkDate } from '../format.ts';
import { html } from '../html.ts';
import { navigate } from '../router.ts';

type Choice = 'accept' | 'decline';

/** "Monday 3 February 2025": a clinician checks the day of the week against their rota. */
const visitDay = new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const formatVisitDate = (date: string): string => visitDay.format(new Date(`${date}T12:00:00Z`));
type Errors = Partial<Record<'answer' | 'reason' | 'form', string>>;

const Row = ({ label, value }: { label: string; value: unknown }) => html`<div class="nhsuk-summary-list__row">
  <dt class="nhsuk-summary-list__key">${label}</dt>
  <dd class="nhsuk-summary-list__value">${value}</dd>
</div>`;

/** The visit as the invitation describes it; shared with the visit page. */
const VisitSummary = ({ invitation }: { invitation: Invitation }) => html`<dl class="nhsuk-summary-list">
  <${Row} label="Service" value=${`${invitation.serviceName} (${invitation.networkName})`} />
  <${Row} label="Visit date" value=${invitation.visitDate ? formatVisitDate(invitation.visitDate) : 'Not fixed yet'} />
  <${Row} label="Where" value=${invitation.hostAddress ?? 'The service will send the address'} />
  <${Row} label="Your role" value=${invitation.roleLabel ?? 'No longer on the team'} />
  <${Row}
    label="Review team"
    value=${html`<ul class="nhsuk-list app-compact-list">${invitation.team.map((member) => html`<li>${member.name}, ${member.roleLabel.toLowerCase()}</li>`)}</ul>`}
  />
</dl>`;

const AnswerForm = ({ invitation, onAnswered }: { invitation: Invitation; onAnswered: (answer: 'declined') => void }) => {
  const { api } = useApp();
  const [choice, setChoice] = useState<Choice | undefined>();
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const path = invitationPath(invitation.cycleId, invitation.reviewerId);

  const send = async (event: Event) => {
    event.preventDefault();
    const found: Errors = {};
    if (!choice) found.answer = 'Select whether you can take part in the visit';
    else if (choice === 'decline' && !reason.trim()) found.reason = 'Enter why you cannot take part';
    setErrors(found);
    if (Object.keys(found).length > 0 || !choice) return;
    setBusy(true);
    try {
      await api.post(`${path}/${choice}`, choice === 'decline' ? { reason: reason.trim() } : {});
      if (choice === 'accept') navigate(`${path}/visit?answered=accepted`);
      else onAnswered('declined');
    } catch (error) {
      const issue = error instanceof ApiError ? error.issues.find((item) => item.field === 'reason') : undefined;
      setErrors(issue ? { reason: issue.message } : { form: error instanceof Error ? error.message : String(error) });
    } finally {
      setBusy(false);
    }
  };

  const summary = Object.entries(errors).map(([name, text]) => ({ text, href: name === 'form' ? undefined : name === 'answer' ? '#answer-accept' : `#${name}` }));
  const radio = (value: Choice, label: string, hint: string) => html`<div class="nhsuk-radios__item">
    <input class="nhsuk-radios__input" id=${`answer-${value}`} name="answer" type="radio" value=${value} checked=${choice === value}
      aria-describedby=${`answer-${value}-hint`} onChange=${() => setChoice(value)} />
    <label class="nhsuk-label nhsuk-radios__label" for=${`answer-${value}`}>${label}</label>
    <div class="nhsuk-hint nhsuk-radios__hint" id=${`answer-${value}-hint`}>${hint}</div>
  </div>`;
  return html`<${ErrorSummary} errors=${summary} />
    <form onSubmit=${send} novalidate>
      <div class=${`nhsuk-form-group${errors.answer ? ' nhsuk-form-group--error' : ''}`}>
        <fieldset class="nhsuk-fieldset" aria-describedby=${errors.answer ? 'answer-error' : undefined}>
          <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--m"><h2 class="nhsuk-fieldset__heading">Can you take part in this visit?</h2></legend>
          ${errors.answer && html`<span class="nhsuk-error-message" id="answer-error"><span class="nhsuk-u-visually-hidden">Error:</span> ${errors.answer}</span>`}
          <div class="nhsuk-radios nhsuk-radios--conditional">
            ${radio('accept', 'Yes, I accept', 'You can download the visit for your calendar on the next page.')}
            ${radio('decline', 'No, I cannot take part', 'The network team will invite another reviewer.')}
            ${choice === 'decline' &&
            html`<div class="nhsuk-radios__conditional" id="conditional-decline">
              <div class=${`nhsuk-form-group${errors.reason ? ' nhsuk-form-group--error' : ''}`}>
                <label class="nhsuk-label" for="reason">Why can you not take part?</label>
                <div class="nhsuk-hint" id="reason-hint">For example, annual leave, a clash with clinical duties or a conflict of interest with this service.</div>
                ${errors.reason && html`<span class="nhsuk-error-message" id="reason-error"><span class="nhsuk-u-visually-hidden">Error:</span> ${errors.reason}</span>`}
                <textarea class=${`nhsuk-textarea${errors.reason ? ' nhsuk-textarea--error' : ''}`} id="reason" name="reason" rows="3"
                  aria-describedby=${errors.reason ? 'reason-hint reason-error' : 'reason-hint'}
                  onInput=${(event: Event) => setReason((event.currentTarget as HTMLTextAreaElement).value)}>${reason}</textarea>
              </div>
            </div>`}
          </div>
        </fieldset>
      </div>
      <button class="nhsuk-button" type="submit" disabled=${busy}>${busy ? 'Sending…' : 'Send your answer'}</button>
    </form>`;
};

const Answered = ({ invitation }: { invitation: Invitation }) =>
  invitation.answer === 'accepted'
    ? html`<div class="nhsuk-inset-text"><span class="nhsuk-u-visually-hidden">Information: </span>
        <p>You accepted this invitation.</p>
        <p><a class="nhsuk-link" href=${`${invitationPath(invitation.cycleId, invitation.reviewerId)}/visit`}>See the visit and add it to your calendar</a></p>
      </div>`
    : html`<div class="nhsuk-inset-text"><span class="nhsuk-u-visually-hidden">Information: </span>
        <p>You declined this invitation. The network team will invite another reviewer; you do not need to do anything else.</p>
      </div>`;

const ReviewerInvitationPage = ({ cycleId, reviewerId }: { cycleId: string; reviewerId: string }) => {
  const { api } = useApp();
  const [declined, setDeclined] = useState(false);
  const loaded = useLoad(() => loadInvitation(api, cycleId, reviewerId), [cycleId, reviewerId]);
  const title = 'Your invitation to a peer-review visit';
  if (loaded.state === 'loading') return html`<${Page} title=${title}><p class="nhsuk-body" role="status">Loading…</p><//>`;
  if (loaded.state === 'failed') return html`<${Page} title=${title}><${LoadFailed} error=${loaded.error} /><//>`;
  const invitation = declined ? { ...loaded.data, answer: 'declined' as const } : loaded.data;
  const open = invitation.answer === 'pending' && invitation.invitationStatus === 'invited';
  return html`<${Page} title=${title} caption=${invitation.serviceName}>
    ${declined && html`<div class="nhsuk-panel" role="status"><h2 class="nhsuk-panel__title">Your answer was sent</h2><div class="nhsuk-panel__body">You declined the visit to ${invitation.serviceName}.</div></div>`}
    ${invitation.replyBy && open && html`<p class="nhsuk-body-l">Please reply by <strong>${formatUkDate(invitation.replyBy)}</strong>.</p>`}
    <${VisitSummary} invitation=${invitation} />
    ${open ? html`<${AnswerForm} invitation=${invitation} onAnswered=${() => setDeclined(true)} />` : invitation.answer === 'pending'
      ? html`<div class="nhsuk-inset-text"><span class="nhsuk-u-visually-hidden">Information: </span><p>Answers to this invitation are closed (the invitation is ${invitation.invitationStatus}). Contact the network team if you need to change your answer.</p></div>`
      : html`<${Answered} invitation=${invitation} />`}
  <//>`;
};

export { ReviewerInvitationPage, VisitSummary };
