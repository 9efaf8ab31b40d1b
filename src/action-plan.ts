// An action plan turns a review into improvement work. Every standard the review found not met and
// every area for development becomes a proposed action; the service accepts a proposal as it is,
// merges several into one action (three unmet standards about care plans are one piece of work),
// or adds its own. Each action has an owner, a due date and a status. Nothing proposed is lost: a
// proposal the service does not take up stays visible as "not taken up", so staff can see the gap.
import type { IsoDate } from './iso-date.ts';
import type { DraftReport } from './report.ts';
import type { StandardType } from './vocabulary.ts';

const ACTION_STATUSES = ['not-started', 'in-progress', 'done', 'abandoned'] as const;
type ActionStatus = (typeof ACTION_STATUSES)[number];

type ActionSource =
  | { kind: 'not-met-standard'; standardId: string; section: string; type: StandardType; text: string }
  | { kind: 'area-for-development'; text: string };

interface ProposedAction {
  /** Stable across rebuilding the proposals from the same report: `standard:<id>` or `development:<n>`. */
  id: string;
  title: string;
  source: ActionSource;
}

interface Action {
  id: string;
  title: string;
  owner: string;
  dueOn: IsoDate;
  status: ActionStatus;
  /** The proposals it answers; empty for an action the service added itself. */
  proposalIds: string[];
}

interface ActionPlan {
  proposals: ProposedAction[];
  actions: Action[];
}

/** The proposals a report gives: its unmet standards by type (essential first), then its areas for development. */
const proposeActions = (report: Pick<DraftReport, 'unmetByType' | 'areasForDevelopment'>): ProposedAction[] => [
  ...report.unmetByType.flatMap(({ type, standards }) =>
    standards.map((standard) => ({
      id: `standard:${standard.id}`,
      title: `Meet ${standard.id}: ${standard.text}`,
      source: { kind: 'not-met-standard' as const, standardId: standard.id, section: standard.section, type, text: standard.text },
    })),
  ),
  ...report.areasForDevelopment.map((text, index) => ({
    id: `development:${index + 1}`,
    title: text,
    source: { kind: 'area-for-development' as const, text },
  })),
];

interface NewAction {
  id: string;
  title: string;
  owner: string;
  dueOn: IsoDate;
  /** Proposals this action answers: one to accept it, several to merge them, none for the service's own. */
  proposalIds: readonly string[];
}

/** Why `action` cannot join `plan` today, or undefined when it can. */
const newActionProblem = (plan: ActionPlan, action: NewAction, today: IsoDate): string | undefined => {
  if (plan.actions.some((existing) => existing.id === action.id)) return `An action ${action.id} already exists`;
  if (action.dueOn < today) return `The due date ${action.dueOn} is in the past (today is ${today})`;
  const known = new Set(plan.proposals.map((proposal) => proposal.id));
  const unknown = action.proposalIds.filter((id) => !known.has(id));
  if (unknown.length > 0) return `No proposal ${unknown.join(', ')} in this plan`;
  const answered = new Map(plan.actions.flatMap((existing) => existing.proposalIds.map((id) => [id, existing.id] as const)));
  const taken = action.proposalIds.find((id) => answered.has(id));
  if (taken) return `Proposal ${taken} is already answered by action ${answered.get(taken)}`;
  return undefined;
};

/** Proposals no action answers yet. */
const proposalsNotTakenUp = (plan: ActionPlan): ProposedAction[] => {
  const answered = new Set(plan.actions.flatMap((action) => action.proposalIds));
  return plan.proposals.filter((proposal) => !answered.has(proposal.id));
};

/** Open actions whose due date has passed: they are reminded and escalated like a cycle step. */
const overdueActions = (plan: ActionPlan, today: IsoDate): Action[] =>
  plan.actions.filter((action) => (action.status === 'not-started' || action.status === 'in-progress') && action.dueOn < today);

export { ACTION_STATUSES, newActionProblem, overdueActions, proposalsNotTakenUp, proposeActions };
export type { Action, ActionPlan, ActionSource, ActionStatus, NewAction, ProposedAction };
