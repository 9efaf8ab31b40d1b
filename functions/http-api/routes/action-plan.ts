// A cycle's action plan (issue 13): read it (the review's proposals and the accepted actions), accept
// or merge proposals or add the service's own action, and change an action (owner, due date, status).
// Editing is for the service's own organisation and staff (authorisation.ts). A change based on an
// older version than the stored one is a 409 naming who changed it and when, as the self-review's
// answers are; a proposal another action already answers is a 409 naming that action.
import { newActionProblem } from '#core/action-plan';
import type { ActionStatus } from '#core/action-plan';
import { firstReminderOn } from '#core/reminders';
import { ACTION_PLAN_STAGE } from '#core/workflow-steps';
import { now } from '#commons/clock';
import { OPEN_ACTION_STATUSES, addAction, updateAction } from '#commons/data/action-plan';
import { ActionPlanChangedError, StaleRecordError } from '#commons/errors';
import { actionChangeSchema, actionPathSchema, newActionSchema } from '#commons/schemas/action-plan';
import { idSchema } from '#commons/schemas/workflow';
import { httpError, json, parseBody, validate } from '../http.ts';
import type { Route, RouteHandler } from '../router.ts';
import { corePlanOf, loadPlan, planView, withoutKeys } from './action-plan-view.ts';
import type { LoadedPlan } from './action-plan-view.ts';
import { refuse } from './stage-checks.ts';

/** Another person adding an action at the same moment: read the plan again and re-check, a few times. */
const ADD_ATTEMPTS = 3;

/** GET /cycles/{cycleId}/action-plan */
const showActionPlan: RouteHandler = async (_event, params) => json(200, planView(await loadPlan(validate(idSchema, params.cycleId, 'cycleId'))));

const checkStandardIds = (plan: LoadedPlan, standardIds: readonly string[]) => {
  const known = new Set(plan.standards.map((standard) => standard.id));
  const issues = standardIds.flatMap((id, index) => (known.has(id) ? [] : [{ field: `standardIds.${index}`, message: `${id} is not a standard of this cycle` }]));
  if (issues.length > 0) refuse(issues);
};

const checkDueOn = (dueOn: string, today: string) => {
  if (dueOn < today) refuse([{ field: 'dueOn', message: `${dueOn} is in the past (today is ${today})` }]);
};

/** Where the sweep first looks at an open action: its first reminder still to come, else the due day. */
const reminderStartOf = (plan: LoadedPlan, status: ActionStatus, dueOn: string): string | undefined =>
  OPEN_ACTION_STATUSES.has(status) ? firstReminderOn({ stage: ACTION_PLAN_STAGE, opensOn: plan.today, dueOn, config: plan.network.config }) : undefined;

type NewActionRequest = ReturnType<typeof newActionSchema.parse>;

const tryAdd = async (cycleId: string, request: NewActionRequest) => {
  const plan = await loadPlan(cycleId);
  const { proposalIds, owner, dueOn, status, addedBy } = request;
  const chosen = plan.proposals.filter((proposal) => proposalIds.includes(proposal.id));
  const title = request.title ?? (proposalIds.length === 1 ? chosen[0]?.title : undefined);
  const problem = newActionProblem(corePlanOf(plan), { id: '', title: title ?? '', owner, dueOn, proposalIds }, plan.today);
  if (problem?.startsWith('The due date')) refuse([{ field: 'dueOn', message: problem }]);
  if (problem?.startsWith('No proposal')) refuse([{ field: 'proposalIds', message: problem }]);
  if (title === undefined) refuse([{ field: 'title', message: proposalIds.length === 0 ? 'your own action needs a title' : 'merging proposals needs a title for the action' }]);
  if (problem) throw httpError(409, 'ProposalAlreadyAnswered', problem);
  // An accepted unmet standard is the action's standard, so the next review can show what was done about it.
  const fromProposals = chosen.flatMap((proposal) => (proposal.source.kind === 'not-met-standard' ? [proposal.source.standardId] : []));
  checkStandardIds(plan, request.standardIds ?? []);
  const standardIds = [...new Set([...fromProposals, ...(request.standardIds ?? [])])];
  const { cycle } = plan;
  const planOwner = { cycleId, networkId: cycle.networkId, cohortId: cycle.cohortId, serviceId: cycle.serviceId, serviceName: cycle.serviceName, ...(cycle.organisationId ? { organisationId: cycle.organisationId } : {}) };
  const nextReminderOn = reminderStartOf(plan, status, dueOn);
  return addAction(planOwner, plan.actionSeq, { title: title!, owner, dueOn, status, proposalIds, standardIds, openedOn: plan.today, ...(nextReminderOn ? { nextReminderOn } : {}) }, addedBy, now());
};

/** POST /cycles/{cycleId}/action-plan/actions */
const addPlanAction: RouteHandler = async (event, params) => {
  const cycleId = validate(idSchema, params.cycleId, 'cycleId');
  const request = parseBody(newActionSchema, event);
  for (let attempt = 1; ; attempt += 1) {
    try {
      return json(201, { cycleId, action: withoutKeys(await tryAdd(cycleId, request)) });
    } catch (error) {
      if (!(error instanceof ActionPlanChangedError)) throw error;
      if (attempt >= ADD_ATTEMPTS) throw httpError(409, 'ActionPlanChanged', `${error.message}; nothing was added, try again`);
    }
  }
};

/** PUT /cycles/{cycleId}/action-plan/actions/{actionId} */
const changePlanAction: RouteHandler = async (event, params) => {
  const { cycleId, actionId } = validate(actionPathSchema, params, 'path');
  const { basedOnVersion, updatedBy, ...changes } = parseBody(actionChangeSchema, event);
  if (Object.values(changes).every((value) => value === undefined)) refuse([{ field: 'request body', message: 'name at least one of title, owner, dueOn, status, standardIds' }]);
  const plan = await loadPlan(cycleId);
  const current = plan.actions.find((action) => action.actionId === actionId);
  if (!current) throw httpError(404, 'ActionNotFound', `Cycle ${cycleId} has no action ${actionId}`);
  if (changes.dueOn !== undefined && changes.dueOn !== current.dueOn) checkDueOn(changes.dueOn, plan.today);
  if (changes.standardIds) checkStandardIds(plan, changes.standardIds);
  const status = changes.status ?? current.status;
  const dueOn = changes.dueOn ?? current.dueOn;
  // A new due date, or an action opened again, starts its reminders afresh; otherwise the sweep keeps its place.
  const restarts = dueOn !== current.dueOn || !OPEN_ACTION_STATUSES.has(current.status);
  const nextReminderOn = OPEN_ACTION_STATUSES.has(status) ? (restarts ? reminderStartOf(plan, status, dueOn) : (current.nextReminderOn ?? plan.today)) : undefined;
  try {
    const action = await updateAction(cycleId, current, changes, nextReminderOn, basedOnVersion, updatedBy, now());
    return json(200, { cycleId, action: withoutKeys(action) });
  } catch (error) {
    if (!(error instanceof StaleRecordError)) throw error;
    throw httpError(409, 'StaleAction', error.message, { actionId, current: error.current });
  }
};

const actionPlanRoutes: Route[] = [
  { method: 'GET', path: '/cycles/{cycleId}/action-plan', handle: showActionPlan },
  { method: 'POST', path: '/cycles/{cycleId}/action-plan/actions', handle: addPlanAction },
  { method: 'PUT', path: '/cycles/{cycleId}/action-plan/actions/{actionId}', handle: changePlanAction },
];

export { actionPlanRoutes };
