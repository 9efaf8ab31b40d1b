// A cycle's action plan after the review (issue 13): the review's proposals and the actions
// (GET /cycles/{id}/action-plan), adding an action from proposals or of the service's own
// (POST …/actions), changing one on top of the version read (PUT …/actions/{actionId}, 409 when
// someone saved a newer one), the PDSA cycles under an action, and staff's list of every plan.
import type { ActionStatus, ProposedAction } from '#core/action-plan';
import type { ActDecision, PdsaCycle, PdsaPhase, RampState } from '#core/pdsa';
import type { Api } from './client.ts';

interface PdsaCycleView extends PdsaCycle {
  version: number;
  updatedBy: string;
  updatedAt: string;
  nextPhase?: PdsaPhase;
}

interface ActionView {
  actionId: string;
  title: string;
  owner: string;
  dueOn: string;
  status: ActionStatus;
  proposalIds: string[];
  standardIds: string[];
  version: number;
  createdBy: string;
  updatedBy: string;
  updatedAt: string;
  overdue: boolean;
  ramp: { state: RampState; cycles: PdsaCycleView[] };
}

interface ActionPlanView {
  cycleId: string;
  serviceName: string;
  networkName: string;
  today: string;
  reportPreparedOn?: string;
  planVersion: number;
  proposals: (ProposedAction & { answeredBy?: string })[];
  notTakenUp: string[];
  actions: ActionView[];
}

interface NewAction {
  proposalIds: string[];
  title?: string;
  owner: string;
  dueOn: string;
  addedBy: string;
}

interface ActionChange {
  status?: ActionStatus;
  owner?: string;
  dueOn?: string;
}

interface PdsaPlan {
  changeIdea: string;
  prediction: string;
  on?: string;
}

type PdsaPhaseEntry = { on?: string } & ({ whatHappened: string } | { comparedWithPrediction: string } | { decision: ActDecision; nextSteps?: string });

interface ActionPlanSummary {
  cycleId: string;
  serviceId: string;
  serviceName: string;
  actions: number;
  byStatus: Record<ActionStatus, number>;
  overdue: number;
  nextDueOn?: string;
  pdsaCycles: number;
  changesAdopted: number;
}

const planPath = (cycleId: string) => `/cycles/${encodeURIComponent(cycleId)}/action-plan`;
const actionPath = (cycleId: string, actionId: string) => `${planPath(cycleId)}/actions/${encodeURIComponent(actionId)}`;

const loadActionPlan = async (api: Api, cycleId: string): Promise<ActionPlanView> => (await api.get<ActionPlanView>(planPath(cycleId))).body;

const addAction = async (api: Api, cycleId: string, action: NewAction): Promise<ActionView> => (await api.post<{ action: ActionView }>(`${planPath(cycleId)}/actions`, action)).body.action;

const changeAction = async (api: Api, cycleId: string, actionId: string, change: ActionChange, basedOnVersion: number, updatedBy: string): Promise<ActionView> =>
  (await api.put<{ action: ActionView }>(actionPath(cycleId, actionId), { ...change, basedOnVersion, updatedBy })).body.action;

const planPdsaCycle = async (api: Api, cycleId: string, actionId: string, plan: PdsaPlan, recordedBy: string): Promise<PdsaCycleView> =>
  (await api.post<{ pdsaCycle: PdsaCycleView }>(`${actionPath(cycleId, actionId)}/pdsa-cycles`, { ...plan, recordedBy })).body.pdsaCycle;

const recordPdsaPhase = async (api: Api, cycleId: string, actionId: string, pdsaId: string, phase: Exclude<PdsaPhase, 'plan'>, entry: PdsaPhaseEntry, basedOnVersion: number, recordedBy: string): Promise<PdsaCycleView> =>
  (await api.put<{ pdsaCycle: PdsaCycleView }>(`${actionPath(cycleId, actionId)}/pdsa-cycles/${encodeURIComponent(pdsaId)}/${phase}`, { ...entry, basedOnVersion, recordedBy })).body.pdsaCycle;

const listActionPlans = async (api: Api, networkId: string): Promise<ActionPlanSummary[]> => (await api.get<{ plans: ActionPlanSummary[] }>('/action-plans', { networkId })).body.plans;

/** The pages' addresses: the plan of a cycle, and one action's PDSA ramp. */
const actionPlanHref = (cycleId: string) => planPath(cycleId);
const pdsaHref = (cycleId: string, actionId: string) => `${planPath(cycleId)}/actions/${encodeURIComponent(actionId)}`;

export { actionPlanHref, addAction, changeAction, listActionPlans, loadActionPlan, pdsaHref, planPdsaCycle, recordPdsaPhase };
export type { ActionChange, ActionPlanSummary, ActionPlanView, ActionView, NewAction, PdsaCycleView, PdsaPhaseEntry, PdsaPlan };
