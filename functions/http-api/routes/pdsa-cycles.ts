// PDSA cycles under an action (issue 13): plan one (the change idea and the prediction), then record
// Do, Study and Act in that order, each dated and audited. The order and the dates are the core's
// rules (#core/pdsa): a phase out of turn is a 409, a date before the previous phase's a 400 naming
// `on`; a save based on an older version a 409 naming who saved it and when.
import { nextPhase, phaseProblem } from '#core/pdsa';
import { now } from '#commons/clock';
import { pdsaCyclesOf, planPdsaCycle, recordPdsaPhase } from '#commons/data/pdsa-cycle';
import { PdsaNumberTakenError, StaleRecordError } from '#commons/errors';
import { actionPathSchema, pdsaPathSchema, pdsaPhaseSchemas, pdsaPlanSchema } from '#commons/schemas/action-plan';
import { httpError, json, parseBody, validate } from '../http.ts';
import type { Route, RouteHandler } from '../router.ts';
import { loadPlan, withoutKeys } from './action-plan-view.ts';
import type { LoadedPlan } from './action-plan-view.ts';
import { refuse } from './stage-checks.ts';

const actionOf = (plan: LoadedPlan, actionId: string) => {
  const action = plan.actions.find((candidate) => candidate.actionId === actionId);
  if (!action) throw httpError(404, 'ActionNotFound', `Cycle ${plan.cycle.cycleId} has no action ${actionId}`);
  return action;
};

/** What happened is recorded when it has happened: a phase dated after today is refused. */
const dayOf = (on: string | undefined, today: string): string => {
  if (on !== undefined && on > today) refuse([{ field: 'on', message: `${on} is in the future (today is ${today})` }]);
  return on ?? today;
};

/** POST /cycles/{cycleId}/action-plan/actions/{actionId}/pdsa-cycles */
const planCycle: RouteHandler = async (event, params) => {
  const { cycleId, actionId } = validate(actionPathSchema, params, 'path');
  const { changeIdea, prediction, on, recordedBy } = parseBody(pdsaPlanSchema, event);
  const plan = await loadPlan(cycleId);
  const action = actionOf(plan, actionId);
  try {
    const cycle = await planPdsaCycle(cycleId, actionId, action.pdsaSeq ?? 0, { on: dayOf(on, plan.today), changeIdea, prediction }, recordedBy, now());
    return json(201, { cycleId, actionId, pdsaCycle: withoutKeys(cycle) });
  } catch (error) {
    if (!(error instanceof PdsaNumberTakenError)) throw error;
    throw httpError(409, 'PdsaCyclePlannedMeanwhile', `${error.message}; nothing was saved: reload the action and plan again`);
  }
};

/** PUT /cycles/{cycleId}/action-plan/actions/{actionId}/pdsa-cycles/{pdsaId}/{phase} */
const recordPhase: RouteHandler = async (event, params) => {
  const { cycleId, actionId, pdsaId, phase } = validate(pdsaPathSchema, params, 'path');
  const { on, basedOnVersion, recordedBy, ...entry } = parseBody(pdsaPhaseSchemas[phase], event);
  const plan = await loadPlan(cycleId);
  actionOf(plan, actionId);
  const current = pdsaCyclesOf(plan.items, actionId).find((cycle) => cycle.id === pdsaId);
  if (!current) throw httpError(404, 'PdsaCycleNotFound', `Action ${actionId} has no PDSA cycle ${pdsaId}`);
  const day = dayOf(on, plan.today);
  const problem = phaseProblem(current, phase, day);
  // Out of turn is a conflict with what is stored; a date before the previous phase is the request's own mistake.
  if (problem?.includes(' is before the ')) refuse([{ field: 'on', message: problem }]);
  if (problem) throw httpError(409, 'PdsaPhaseOutOfTurn', problem, { nextPhase: nextPhase(current) ?? null });
  try {
    const cycle = await recordPdsaPhase(current, phase, { on: day, ...entry } as never, basedOnVersion, recordedBy, now());
    return json(200, { cycleId, actionId, pdsaCycle: withoutKeys(cycle) });
  } catch (error) {
    if (!(error instanceof StaleRecordError)) throw error;
    throw httpError(409, 'StalePdsaCycle', error.message, { pdsaId, current: error.current });
  }
};

const pdsaCycleRoutes: Route[] = [
  { method: 'POST', path: '/cycles/{cycleId}/action-plan/actions/{actionId}/pdsa-cycles', handle: planCycle },
  { method: 'PUT', path: '/cycles/{cycleId}/action-plan/actions/{actionId}/pdsa-cycles/{pdsaId}/{phase}', handle: recordPhase },
];

export { pdsaCycleRoutes };
