// The network set-up page (staff, issue 8): load or replace a network from its files. The files are
// checked first (every problem of every file at once, at its line and column) and a trial
// timetable is shown for a chosen start date; nothing is saved until staff confirm. Each load makes
// a new configuration version; the cycles already running keep the one they started with.
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api/client.ts';
import { dryRunLoad, saveLoad } from '../api/networks.ts';
import type { DryRunAnswer, NetworkLoadBody, SaveAnswer } from '../api/networks.ts';
import { useApp } from '../app-context.ts';
import { ErrorSummary } from '../components/error-summary.ts';
import { DateInput, Field, isoDateOf } from '../components/fields.ts';
import type { DateValue } from '../components/fields.ts';
import { Page } from '../components/page.ts';
import { SuccessBanner } from '../components/success-banner.ts';
import { html } from '../html.ts';
import { apiProblems, checkChosenFiles, FileField } from './network-files.ts';
import type { ChosenFiles, FileProblem } from './network-files.ts';
import { NetworkTimetable } from './network-timetable.ts';
import { loadNetworkVersions, NetworkVersions, versionSentence } from './network-versions.ts';
import type { NetworkVersion } from './network-versions.ts';

const START_DATE = 'start-date';
const emptyDate: DateValue = { day: '', month: '', year: '' };

type Step =
  | { kind: 'form' }
  | { kind: 'check'; networkId: string; body: NetworkLoadBody; answer: DryRunAnswer; current?: NetworkVersion }
  | { kind: 'saved'; networkId: string; name: string; answer: SaveAnswer; current?: NetworkVersion };

/** The field's own error: the first problem, and how many more the summary lists. */
const fieldError = (problems: FileProblem[], field: string): string | undefined => {
  const own = problems.filter((problem) => problem.field === field);
  if (own.length === 0) return undefined;
  return own.length === 1 ? own[0]!.text : `${own.length} problems, listed at the top of the page. The first: ${own[0]!.text}`;
};

const SummaryRow = ({ label, children }: { label: string; children: unknown }) => html`<div class="nhsuk-summary-list__row">
  <dt class="nhsuk-summary-list__key">${label}</dt>
  <dd class="nhsuk-summary-list__value">${children}</dd>
</div>`;

const standardsText = ({ versionId, count, byType }: DryRunAnswer['standards']): string =>
  `Version ${versionId}: ${count} standards (type 1: ${byType['1'] ?? 0}, type 2: ${byType['2'] ?? 0}, type 3: ${byType['3'] ?? 0})`;

const CheckAnswers = ({ step, busy, onSave, onChange }: { step: Extract<Step, { kind: 'check' }>; busy: boolean; onSave: () => void; onChange: () => void }) => {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const { answer, body, current } = step;
  return html`<h2 class="nhsuk-heading-m" tabindex="-1" ref=${heading}>Check the network before you save it</h2>
    <p class="nhsuk-body">The files have no problems. Nothing is saved yet.</p>
    <dl class="nhsuk-summary-list">
      <${SummaryRow} label="Network">${answer.name} (${answer.networkId})<//>
      <${SummaryRow} label="Membership types">${answer.membershipTypes.join(', ')}<//>
      <${SummaryRow} label="Standards">${standardsText(answer.standards)}<//>
      <${SummaryRow} label="Reviewer pool">${answer.reviewers === undefined ? 'Kept as it is (no reviewers.json chosen)' : `${answer.reviewers} reviewers, replacing the pool`}<//>
      <${SummaryRow} label="Files">${[body.network.fileName, body.standards?.fileName, body.reviewers?.fileName].filter(Boolean).join(', ')}<//>
      <${SummaryRow} label="Version">${versionSentence(current)}<//>
    </dl>
    ${answer.warnings.length > 0 &&
    html`<div class="nhsuk-warning-callout">
      <h3 class="nhsuk-warning-callout__label"><span role="text"><span class="nhsuk-u-visually-hidden">Important: </span>Check these before you save</span></h3>
      <ul class="nhsuk-list nhsuk-list--bullet">${answer.warnings.map((warning) => html`<li>${warning}</li>`)}</ul>
    </div>`}
    <p class="nhsuk-body">Report drafting, the review team's work between the visit and the factual-accuracy check, has no row of its own: the check opens when it is due.</p>
    ${answer.timetables.map((timetable) => html`<${NetworkTimetable} membershipType=${timetable.membershipType} startDate=${answer.startDate} milestones=${timetable.milestones} />`)}
    <div class="nhsuk-button-group app-button-row">
      <button class="nhsuk-button" type="button" disabled=${busy} aria-disabled=${busy} onClick=${onSave}>${busy ? 'Saving…' : 'Save the network'}</button>
      <button class="nhsuk-button nhsuk-button--secondary" type="button" disabled=${busy} onClick=${onChange}>Change the files or the start date</button>
    </div>`;
};

const Saved = ({ step, onAnother }: { step: Extract<Step, { kind: 'saved' }>; onAnother: () => void }) => {
  const { answer, name, current } = step;
  const text =
    answer.result === 'unchanged'
      ? `Nothing changed: ${name} is already loaded from these files (version ${answer.configVersion})`
      : `${name} is loaded: version ${answer.configVersion}`;
  return html`<${SuccessBanner} text=${text}>
      <p class="nhsuk-body">New cycles start with version ${answer.configVersion}. ${versionSentence(current, true)}</p>
    <//>
    <div class="nhsuk-button-group app-button-row">
      <button class="nhsuk-button nhsuk-button--secondary" type="button" onClick=${onAnother}>Load another network</button>
      <a class="nhsuk-button nhsuk-button--secondary" role="button" draggable="false" href="/">Go to the cohort board</a>
    </div>`;
};

const NetworkSetupPage = () => {
  const { api } = useApp();
  const [files, setFiles] = useState<ChosenFiles>({});
  const [start, setStart] = useState<DateValue>(emptyDate);
  const [problems, setProblems] = useState<FileProblem[]>([]);
  const [step, setStep] = useState<Step>({ kind: 'form' });
  const [busy, setBusy] = useState(false);
  const [saves, setSaves] = useState(0);

  const choose = (key: keyof ChosenFiles) => (event: Event) => setFiles({ ...files, [key]: (event.currentTarget as HTMLInputElement).files?.[0] });

  const check = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    try {
      const found: FileProblem[] = [];
      const startDate = isoDateOf(start, 'Start date');
      if (startDate.error) found.push({ field: START_DATE, text: startDate.error });
      const checked = await checkChosenFiles(files);
      found.push(...checked.problems);
      const yamlProblems = checked.problems.some((problem) => problem.field === FileField.network);
      let answer: DryRunAnswer | undefined;
      // The API checks the standards and the pool; without usable standards there is nothing to ask it.
      if (checked.networkId && checked.body?.standards && !startDate.error) {
        try {
          answer = await dryRunLoad(api, checked.networkId, { ...checked.body, ...(startDate.date && { startDate: startDate.date }) });
        } catch (error) {
          if (!(error instanceof ApiError) || error.status >= 500) throw error;
          const issues = apiProblems(error.issues, checked.body, yamlProblems);
          found.push(...(issues.length > 0 ? issues : [{ field: 'form', text: error.message }]));
        }
      }
      setProblems(found);
      if (found.length > 0 || !answer || !checked.networkId || !checked.body) return;
      const current = (await loadNetworkVersions(api, [{ networkId: checked.networkId, name: answer.name }]))[0];
      setStep({ kind: 'check', networkId: checked.networkId, body: checked.body, answer, current });
    } catch (error) {
      setProblems([{ field: 'form', text: error instanceof Error ? error.message : String(error) }]);
    } finally {
      setBusy(false);
    }
  };

  const save = async () => {
    // A second click while the first save is on its way sends nothing more.
    if (busy || step.kind !== 'check') return;
    setBusy(true);
    try {
      const answer = await saveLoad(api, step.networkId, step.body);
      setProblems([]);
      setStep({ kind: 'saved', networkId: step.networkId, name: step.answer.name, answer, current: step.current });
      setSaves((count) => count + 1);
    } catch (error) {
      setProblems([{ field: 'form', text: error instanceof Error ? error.message : String(error) }]);
    } finally {
      setBusy(false);
    }
  };

  const another = () => {
    setFiles({});
    setStart(emptyDate);
    setStep({ kind: 'form' });
  };

  const summary = problems.map((problem) => ({ text: problem.text, href: problem.field === 'form' ? undefined : `#${problem.field}` }));
  const fileInput = (key: keyof ChosenFiles, accept: string) => (describedBy: string | undefined) =>
    html`<input
      class=${`nhsuk-file-upload__input${fieldError(problems, FileField[key]) ? ' nhsuk-input--error' : ''}`}
      id=${FileField[key]}
      name=${FileField[key]}
      type="file"
      accept=${accept}
      aria-describedby=${describedBy}
      onChange=${choose(key)}
    />`;

  // The form stays in the page (hidden) while staff check the answers, so the files they chose are
  // still chosen when they go back to change something.
  return html`<${Page} title="Set up a network" back=${{ href: '/', text: 'Back to the cohort board' }}>
    <${ErrorSummary} errors=${summary} />
    ${step.kind === 'check' && html`<${CheckAnswers} step=${step} busy=${busy} onSave=${save} onChange=${() => setStep({ kind: 'form' })} />`}
    ${step.kind === 'saved' && html`<${Saved} step=${step} onAnother=${another} />`}
    <div hidden=${step.kind !== 'form'}>
      <h2 class="nhsuk-heading-m">Load or replace a network</h2>
      <p class="nhsuk-body">Choose the network's files. They are checked and you see the timetable a cycle would get before anything is saved.</p>
      <form onSubmit=${check} novalidate>
        <${Field} id=${FileField.network} label="Network configuration (network.yaml)" hint="Its id says which network it loads or replaces." error=${fieldError(problems, FileField.network)}>
          ${fileInput('network', '.yaml,.yml,.json')}
        <//>
        <${Field} id=${FileField.standards} label="Standards (a CSV file)" hint="The file network.yaml names, for example standards.csv." error=${fieldError(problems, FileField.standards)}>
          ${fileInput('standards', '.csv,text/csv')}
        <//>
        <${Field} id=${FileField.reviewers} label="Reviewer pool (reviewers.json, optional)" hint="Leave it out to keep the reviewer pool as it is." error=${fieldError(problems, FileField.reviewers)}>
          ${fileInput('reviewers', '.json,application/json')}
        <//>
        <${DateInput}
          id=${START_DATE}
          legend="Start date for the trial timetable"
          hint="The timetable a cycle starting that day would get. Leave it blank for today. For example, 6 1 2025."
          error=${fieldError(problems, START_DATE)}
          value=${start}
          onInput=${setStart}
        />
        <button class="nhsuk-button" type="submit" disabled=${busy}>${busy ? 'Checking…' : 'Check the files'}</button>
      </form>
    </div>
    ${step.kind !== 'check' && html`<${NetworkVersions} saves=${saves} />`}
  <//>`;
};

export { NetworkSetupPage };
