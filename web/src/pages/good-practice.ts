// The good-practice library (issue 13): examples from the reviews of services that chose to share
// them, searched by standard and by words; and the page where a service shares its own review's
// examples (or stops sharing them). The API keeps the choice per cycle, with its audit event.
import { useState } from 'preact/hooks';
import { useApp } from '../app-context.ts';
import { ErrorSummary } from '../components/error-summary.ts';
import type { ErrorItem } from '../components/error-summary.ts';
import { Field } from '../components/fields.ts';
import { LoadFailed } from '../components/load-failed.ts';
import { Page } from '../components/page.ts';
import { SuccessBanner } from '../components/success-banner.ts';
import { useLoad } from '../components/use-load.ts';
import { html } from '../html.ts';
import { navigate, useLocation } from '../router.ts';

interface Example {
  cycleId: string;
  serviceName: string;
  standardIds: string[];
  text: string;
  source: 'area-of-good-practice' | 'peer-comment';
}

const SOURCE_LABELS = { 'area-of-good-practice': 'Area of good practice', 'peer-comment': 'Review team’s comment' } as const;

const GoodPracticePage = ({ networkId }: { networkId: string }) => {
  const { api } = useApp();
  const { query } = useLocation();
  const standardId = query.get('standardId') ?? '';
  const words = query.get('q') ?? '';
  const [form, setForm] = useState({ standardId, q: words });
  const loaded = useLoad(async () => (await api.get<{ examples: Example[] }>(`/networks/${encodeURIComponent(networkId)}/good-practice`, { standardId, q: words })).body.examples, [networkId, standardId, words]);
  const search = (event: Event) => {
    event.preventDefault();
    const params = new URLSearchParams(Object.entries(form).filter(([, value]) => value.trim() !== ''));
    navigate(`/networks/${encodeURIComponent(networkId)}/good-practice${params.size > 0 ? `?${params}` : ''}`);
  };
  return html`<${Page} title="Good practice library">
    <p class="nhsuk-body">Examples from the reviews of services that chose to share them. Ask the service how they did it.</p>
    <form onSubmit=${search} role="search" aria-label="Good practice">
      <${Field} id="standard-id" label="Standard" hint="For example, 1.1">${(describedBy: string | undefined) => html`<input class="nhsuk-input nhsuk-input--width-5" id="standard-id" value=${form.standardId} aria-describedby=${describedBy} onInput=${(event: Event) => setForm({ ...form, standardId: (event.currentTarget as HTMLInputElement).value })} />`}<//>
      <${Field} id="words" label="Words">${(describedBy: string | undefined) => html`<input class="nhsuk-input nhsuk-input--width-20" id="words" value=${form.q} aria-describedby=${describedBy} onInput=${(event: Event) => setForm({ ...form, q: (event.currentTarget as HTMLInputElement).value })} />`}<//>
      <button class="nhsuk-button" type="submit">Search</button>
    </form>
    ${loaded.state === 'loading'
      ? html`<p class="nhsuk-body" role="status">Loading…</p>`
      : loaded.state === 'failed'
        ? html`<${LoadFailed} error=${loaded.error} />`
        : html`<div role="status"><h2 class="nhsuk-heading-m">${loaded.data.length} example${loaded.data.length === 1 ? '' : 's'}</h2></div>
            <ul class="nhsuk-list">
              ${loaded.data.map(
                (example) => html`<li class="nhsuk-card"><div class="nhsuk-card__content">
                  <p class="nhsuk-card__description">${example.text}</p>
                  <p class="nhsuk-body-s">${example.serviceName} · ${SOURCE_LABELS[example.source]}${example.standardIds.length > 0 ? ` · standard ${example.standardIds.join(', ')}` : ''}</p>
                </div></li>`,
              )}
            </ul>`}
  <//>`;
};

const GoodPracticeSharingPage = ({ cycleId }: { cycleId: string }) => {
  const { api } = useApp();
  const [share, setShare] = useState<boolean | undefined>();
  const [errors, setErrors] = useState<ErrorItem[]>([]);
  const [done, setDone] = useState<string | undefined>();
  const submit = async (event: Event) => {
    event.preventDefault();
    if (share === undefined) return setErrors([{ text: 'Select whether to share your review’s good practice', href: '#share' }]);
    try {
      await api.put(`/cycles/${encodeURIComponent(cycleId)}/good-practice-sharing`, { share });
      setErrors([]);
      setDone(share ? 'Your review’s good practice is shared with the network' : 'Your review’s good practice is no longer shared');
    } catch (error) {
      setErrors([{ text: error instanceof Error ? error.message : String(error) }]);
    }
  };
  return html`<${Page} title="Share your good practice" back=${{ href: `/cycles/${encodeURIComponent(cycleId)}`, text: 'Back to the review cycle' }}>
    <${ErrorSummary} errors=${errors} />
    ${done && html`<${SuccessBanner} text=${done} />`}
    <form onSubmit=${submit} novalidate>
      <div class=${`nhsuk-form-group${errors.length > 0 ? ' nhsuk-form-group--error' : ''}`}><fieldset class="nhsuk-fieldset" aria-describedby="share-hint">
        <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">Share the good practice from your review with the network?</legend>
        <div class="nhsuk-hint" id="share-hint">Other services see the review team’s areas of good practice and its comments on standards you met, with your service’s name.</div>
        <div class="nhsuk-radios">
          <div class="nhsuk-radios__item"><input class="nhsuk-radios__input" id="share" name="share" type="radio" checked=${share === true} onChange=${() => setShare(true)} /><label class="nhsuk-label nhsuk-radios__label" for="share">Yes, share it</label></div>
          <div class="nhsuk-radios__item"><input class="nhsuk-radios__input" id="share-no" name="share" type="radio" checked=${share === false} onChange=${() => setShare(false)} /><label class="nhsuk-label nhsuk-radios__label" for="share-no">No, do not share it</label></div>
        </div>
      </fieldset></div>
      <button class="nhsuk-button" type="submit">Save</button>
    </form>
  <//>`;
};

export { GoodPracticePage, GoodPracticeSharingPage };
