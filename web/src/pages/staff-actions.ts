// The staff actions on a cycle, as the API takes them (issue 8): extend a step's deadline,
// withdraw the service, resume the cycle at a stage in a new execution.
import { formatUkDate } from '../format.ts';
import { stageLabel } from '../labels.ts';
import type { StaffAction } from './staff-action.ts';

const REASON = { name: 'reason', label: 'Reason', kind: 'text' } as const;

/** Steps whose deadline staff may extend (the API's ExtendableStage). */
const extendableStages: ReadonlySet<string> = new Set(['self-review', 'peer-review-scheduling', 'manual-allocation', 'peer-ratings', 'committee-decision']);

/** Where a cycle may be resumed (the API's ResumeStage), in workflow order. */
const resumeStages = [
  'enrolment',
  'self-review',
  'peer-review-scheduling',
  'reviewer-acceptance',
  'manual-allocation',
  'visit',
  'peer-ratings',
  'report-drafting',
  'factual-accuracy',
  'committee-decision',
  'deferral-evidence',
  'appeal',
];

const extendAction = (stage: string): StaffAction => ({
  title: `Extend the ${stageLabel(stage).toLowerCase()} deadline`,
  confirm: 'Extend the deadline',
  fields: [
    { name: 'dueOn', label: 'New deadline', hint: 'A UK working day after today and after the current deadline. For example, 20 5 2025.', kind: 'date' },
    { ...REASON, hint: 'The service sees this in the email that announces the new deadline.' },
  ],
  path: `/tasks/${encodeURIComponent(stage)}/extension`,
  body: (answers, by) => ({ extendedBy: by, dueOn: answers.dueOn ?? '', reason: answers.reason ?? '' }),
  done: (answers) => ({ done: 'extended', stage, dueOn: answers.dueOn ?? '' }),
});

const withdrawAction: StaffAction = {
  title: 'Withdraw the service from this cycle',
  confirm: 'Withdraw the service',
  warning: 'The cycle stops at once: nobody is asked for anything more and no reminders are sent.',
  fields: [{ ...REASON, hint: 'For example, the ward closed or the service left the network.' }],
  path: '/withdraw',
  body: (answers, by) => ({ withdrawnBy: by, reason: answers.reason ?? '' }),
  done: () => ({ done: 'withdrawn' }),
};

const resumeAction: StaffAction = {
  title: 'Resume the cycle at a stage',
  confirm: 'Resume the cycle',
  warning: 'The running workflow of this cycle is stopped and a new one starts at the stage you choose.',
  fields: [
    { name: 'resumeAt', label: 'Stage to resume at', kind: 'select', options: resumeStages.map((stage) => ({ value: stage, text: stageLabel(stage) })) },
    { ...REASON, hint: 'Recorded in the audit trail.' },
  ],
  path: '/resume',
  body: (answers) => ({ resumeAt: answers.resumeAt ?? '', reason: answers.reason ?? '' }),
  done: (answers) => ({ done: 'resumed', stage: answers.resumeAt ?? '' }),
};

/** The banner for a finished action, from the keys its `done` put in the address; nothing for anything else. */
const doneText = (query: URLSearchParams): string | undefined => {
  const raw = query.get('stage') ?? '';
  const stage = resumeStages.includes(raw) ? stageLabel(raw).toLowerCase() : undefined;
  const dueOn = query.get('dueOn') ?? '';
  switch (query.get('done')) {
    case 'extended':
      return stage && /^\d{4}-\d{2}-\d{2}$/.test(dueOn) ? `The ${stage} deadline is now ${formatUkDate(dueOn)}` : undefined;
    case 'allocated':
      return 'The review team is allocated: each member is invited to accept';
    case 'withdrawn':
      return 'The service is withdrawn from this cycle';
    case 'resumed':
      return stage && `The cycle resumed at ${stage}`;
    default:
      return undefined;
  }
};

export { doneText, extendAction, extendableStages, resumeAction, withdrawAction };
